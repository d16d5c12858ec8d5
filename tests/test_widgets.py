"""Shared widgets render what Django's own would."""

import pytest
from django import forms
from django.test.html import parse_html

from centers.widgets import LongSelect

CHOICES = [
    ("", "mọi trung tâm"),
    (1, "TTHTCĐ xã Thạch Trung"),
    (2, 'Trung tâm "Đồng Môn" <cũ> & mới'),
    ("Phường", [(3, "TTHTCĐ phường Trần Phú"), (4, "TTHTCĐ phường Thạch Quý")]),
]


@pytest.mark.parametrize("value", [None, "", 2, "3"])
@pytest.mark.parametrize("attrs", [None, {"class": "form-select", "required": True, "id": "c"}])
def test_a_long_select_renders_as_djangos_select(value, attrs):
    ours = LongSelect(choices=CHOICES).render("center", value, attrs)
    django = forms.Select(choices=CHOICES).render("center", value, attrs)

    assert parse_html(ours) == parse_html(django)
    assert "&quot;Đồng Môn&quot; &lt;cũ&gt; &amp; mới" in ours  # escaped
