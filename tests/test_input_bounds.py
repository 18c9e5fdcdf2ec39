"""Bad input is "not found" or a form error, never a server error (issue 6), one defect at a time.

tests/test_junk_input.py throws junk at every endpoint; these pin each defect
found by the attack, and the shared mechanisms that fix them.
"""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.core.forms import parse_id
from solidarity.delegations.models import Delegation
from solidarity.units.models import Unit

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # above 2^63-1
APPS = ["accounts", "units", "partners", "contacts", "agreements", "delegations", "meetings", "support"]


# -- ids ----------------------------------------------------------------------------------------


def test_an_id_no_column_can_hold_matches_nothing_instead_of_overflowing(tree):
    assert list(Unit.objects.filter(pk__in=[int(HUGE)])) == []
    assert list(Unit.objects.filter(pk__in=[int(HUGE), -int(HUGE), tree.vgcl.pk])) == [tree.vgcl]


def test_a_multiple_choice_with_a_huge_id_is_a_form_error(tree):
    field = forms.ModelMultipleChoiceField(queryset=Unit.objects.all())
    with pytest.raises(ValidationError):
        field.clean([HUGE])


@pytest.mark.parametrize("value", [HUGE, "²", "١٢", "-1", "0", "1.0", " ", "", None, "9223372036854775808"])
def test_parse_id_accepts_only_ids_a_row_can_have(value):
    assert parse_id(value) is None


def test_parse_id_reads_a_real_id():
    assert parse_id("42") == 42
    assert parse_id(str(2**63 - 1)) == 2**63 - 1


LISTS = ["agreements:list", "agreements:commitment_list", "delegations:list", "meetings:list", "support:list"]


@pytest.mark.parametrize("name", LISTS)
def test_a_huge_unit_or_partner_in_a_list_filter_finds_nothing(client, people, name):
    client.force_login(people.vgcl_admin)
    response = client.get(reverse(name), {"unit": HUGE, "partner": HUGE, "responsible_unit": "²"})
    assert response.status_code == 200


def test_a_huge_unit_in_the_partner_contact_and_user_filters_finds_nothing(client, people):
    client.force_login(people.vgcl_admin)
    for name in ("partners:list", "contacts:list", "accounts:user_list"):
        response = client.get(reverse(name), {"unit": HUGE, "owner_unit": HUGE, "partner": "²"})
        assert response.status_code == 200


def test_a_huge_partner_in_a_form_is_refused_as_an_invalid_choice(client, people, tree):
    client.force_login(people.na_officer)
    start = datetime.date.today() + datetime.timedelta(days=30)
    response = client.post(
        reverse("delegations:create"),
        {
            "owner_unit": tree.nghe_an.pk,
            "direction": "outgoing",
            "title": "Đoàn công tác",
            "partners": [HUGE],
            "start_on": start.strftime("%d/%m/%Y"),
            "end_on": start.strftime("%d/%m/%Y"),
            "in_plan": "on",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Delegation.objects.exists()


def test_a_malformed_preselected_partner_opens_an_empty_contact_form(client, people):
    client.force_login(people.na_officer)
    for value in (HUGE, "²"):
        assert client.get(reverse("contacts:create"), {"partner": value}).status_code == 200


def test_the_unit_tree_shows_nothing_past_its_end(client, people, tree):
    client.force_login(people.vgcl_admin)
    url = reverse("units:children", args=[tree.vgcl.pk])
    response = client.get(url, {"start": HUGE})
    assert response.status_code == 200
    assert "Nghệ An" not in response.content.decode()
    # Not a number: the first batch.
    assert "Nghệ An" in client.get(url, {"start": "²"}).content.decode()


def test_the_unit_picker_ignores_a_malformed_unit_to_leave_out(client, people):
    client.force_login(people.vgcl_admin)
    response = client.get(reverse("units:pick"), {"q": "nghe an", "exclude": "²"})
    assert response.status_code == 200
    assert "Nghệ An" in response.content.decode()


# -- NUL ----------------------------------------------------------------------------------------


def test_a_nul_byte_in_a_search_term_is_ignored(client, people):
    """PostgreSQL refuses NUL in a query parameter: it was a 500 there, a silent miss on SQLite."""
    client.force_login(people.vgcl_admin)
    for name, params in (
        ("unit_options", {"q": "nghe\x00 an"}),
        ("unit_options", {"field": "unit", "unit__search": "nghe\x00 an"}),
        ("units:tree", {"q": "nghe\x00 an"}),
        ("units:pick", {"q": "nghe\x00 an"}),
    ):
        response = client.get(reverse(name), params)
        assert response.status_code == 200
        assert "Nghệ An" in response.content.decode(), name


def test_a_nul_byte_in_a_posted_field_is_dropped(client, people, tree):
    client.force_login(people.na_officer)
    start = datetime.date.today() + datetime.timedelta(days=30)
    client.post(
        reverse("delegations:create"),
        {
            "owner_unit": tree.nghe_an.pk,
            "direction": "outgoing",
            "title": "Đoàn\x00 công tác",
            "start_on": start.strftime("%d/%m/%Y"),
            "end_on": start.strftime("%d/%m/%Y"),
            "in_plan": "on",
        },
    )
    assert Delegation.objects.get().title == "Đoàn công tác"
