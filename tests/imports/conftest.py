"""The imports' cast, on the Hà Tĩnh demo: the city office's specialist
(phonggd.hatinh) over Thạch Trung, whose 2020-Q4 report is submitted
(locked); Thạch Trung's director (giamdoc.thachtrung, 2020 – 30/06/2025);
another office's specialist, over none of it."""

import pytest
from django.utils import translation

from tests.factories import OfficeFactory, UserFactory


@pytest.fixture
def english():
    """Messages in English, so tests can pin them whatever the catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def stranger(demo):
    """A specialist of an office over none of the demo's centers."""
    return OfficeFactory(members=[UserFactory(username="phonggd.khac")]).members.get()
