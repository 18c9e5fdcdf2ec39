"""Vietnamese is the default language, and its catalog is complete."""

from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def test_every_ui_string_has_a_vietnamese_translation():
    with open(ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po", "rb") as po:
        catalog = read_po(po, locale="vi")
    missing = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not (all(message.string) if isinstance(message.string, tuple) else message.string)
        )
    ]
    assert missing == [], f"{len(missing)} untranslated or fuzzy entries, e.g. {missing[:5]}"


def po_entries(path):
    """(msgctxt, msgid, has msgstr) of each entry, read as GNU gettext reads it (Babel forgives more)."""
    entries, context, msgid, in_msgid = [], None, None, False
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgctxt "):
            context = line[8:]
        elif line.startswith("msgid "):
            if msgid is not None:
                entries.append((context, msgid, False))
                context = None
            msgid, in_msgid = line[6:], True
        elif line.startswith('"') and in_msgid:
            msgid += line
        elif line.startswith(("msgstr", "msgid_plural")) and msgid is not None:
            entries.append((context, msgid, True))
            context, msgid, in_msgid = None, None, False
        else:
            in_msgid = False
    return entries


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_catalogs_are_valid_for_gnu_msgfmt(language):
    # Merging two branches' catalogs can glue entries together or define a message twice:
    # Babel compiles such a file, but `msgfmt --check` and translators' tools refuse it.
    entries = po_entries(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
    without_translation = [msgid for _context, msgid, has_msgstr in entries if not has_msgstr]
    counts = Counter((context, msgid) for context, msgid, _has in entries)
    defined_twice = sorted(key for key, count in counts.items() if count > 1)
    assert without_translation == [], without_translation[:5]
    assert defined_twice == [], defined_twice[:5]


@pytest.mark.django_db
def test_the_sign_in_page_speaks_vietnamese_by_default_even_to_an_english_browser(client, settings):
    from solidarity import settings as project_settings

    assert project_settings.LANGUAGE_CODE == "vi"
    settings.LANGUAGE_CODE = project_settings.LANGUAGE_CODE
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in page
    assert "Đăng nhập" in page


@pytest.mark.django_db
def test_english_can_be_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page and "Sign in" in page


def test_money_and_dates_use_vietnamese_formats():
    import datetime

    from django.utils import formats, translation

    from solidarity.core.templatetags.core_tags import vnd

    with translation.override("vi"):
        assert vnd(50_000_000) == "50.000.000 ₫"
        assert formats.date_format(datetime.date(2024, 7, 29), "SHORT_DATE_FORMAT") == "29/07/2024"
