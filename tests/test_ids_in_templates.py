"""Ids in pickers and links stay plain digits, whatever the locale's thousand separator.

USE_THOUSAND_SEPARATOR writes the number 4020 as "4.020" (Vietnamese) or
"4,020" (English) in templates: an id written that way is no id at all, and
a picker offering value="4.020" saves an invalid choice. SQLite's small,
reused ids hide this; PostgreSQL's sequences reach 1,000 soon.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from solidarity.accounts.testing import add_child
from solidarity.units.choices import UnitKind, UnitLevel
from solidarity.units.forms import UnitMergeForm

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent / "solidarity"
BIG_ID = 12345


@pytest.fixture
def big_unit(tree):
    return add_child(
        tree.nghe_an,
        id=BIG_ID,
        name="Công đoàn xã Mường Xén",
        code="NA-MX",
        level=UnitLevel.INTERMEDIATE,
        kind=UnitKind.COMMUNE_UNION,
    )


@pytest.fixture(params=["vi", "en"])
def language(request, client):
    client.cookies["django_language"] = request.param
    return request.param


def test_type_to_search_options_offer_plain_ids(client, people, big_unit, language):
    client.force_login(people.na_officer)
    page = client.get(reverse("unit_options"), {"q": "muong xen"}).content.decode()
    assert f'<option value="{BIG_ID}">' in page


def test_the_unit_picker_offers_and_keeps_plain_ids(client, people, tree, big_unit, language):
    client.force_login(people.na_admin)
    page = client.get(reverse("units:pick"), {"q": "muong xen", "name": "into"}).content.decode()
    assert f'value="{BIG_ID}"' in page
    from django.utils import translation

    with translation.override(language):
        form = UnitMergeForm(user=people.na_admin, unit=big_unit)
        assert f'value="{BIG_ID}"' in str(form["units"])


# An id, key or offset written with {{ }} and no filter: localised like any number.
BARE_ID = re.compile(r"\{\{\s*[\w.]*?(?:\.pk|(?<!attrs)\.id|(?<!auto)_id|_pk|_start)\s*\}\}")


def test_no_template_writes_an_id_as_a_localised_number():
    templates = sorted(ROOT.glob("templates/**/*.html")) + sorted(ROOT.glob("*/templates/**/*.html"))
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in templates
        for match in BARE_ID.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
