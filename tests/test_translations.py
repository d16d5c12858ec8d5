"""The committed catalogues: Vietnamese is complete, and the compiled .mo
files (committed so no gettext is needed to run) match their .po sources."""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def test_every_vietnamese_message_is_translated():
    po = polib.pofile(str(LOCALE / "vi/LC_MESSAGES/django.po"))

    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_compiled_catalogue_matches_its_source(language):
    po = polib.pofile(str(LOCALE / f"{language}/LC_MESSAGES/django.po"))
    with open(LOCALE / f"{language}/LC_MESSAGES/django.mo", "rb") as handle:
        mo = gettext.GNUTranslations(handle)

    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert mo.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert mo.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert mo.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_the_admins_javascript_strings_are_vietnamese(admin_client):
    """The two-box picker and the calendar read Django's JavaScript catalogue,
    which lacks them in Vietnamese: ours (djangojs.po) fills it in."""
    po = polib.pofile(str(LOCALE / "vi/LC_MESSAGES/djangojs.po"))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []

    catalogue = admin_client.get("/admin/jsi18n/").content.decode()

    assert "Ch\\u1ecdn t\\u1ea5t c\\u1ea3 %s" in catalogue or "Chọn tất cả %s" in catalogue
    assert "Ch\\u1ee7 nh\\u1eadt" in catalogue or "Chủ nhật" in catalogue
