"""Bad input is "not found" or a form error, never a server error (issue 6), one defect at a time.

tests/test_junk_input.py throws junk at every endpoint; these pin each defect
found by the attack, and the shared mechanisms that fix them.
"""

from __future__ import annotations

import datetime
import importlib
import inspect

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from solidarity.core import dates
from solidarity.core.fields import BoundedDateField
from solidarity.core.forms import DateField, parse_id
from solidarity.delegations import services as delegation_services
from solidarity.delegations.models import Delegation
from solidarity.units.models import Unit

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # above 2^63-1
APPS = [
    "accounts",
    "units",
    "partners",
    "contacts",
    "agreements",
    "delegations",
    "meetings",
    "support",
    "funds",
]


def latest_text() -> str:
    return dates.latest_allowed().strftime("%d/%m/%Y")


def a_delegation(tree, people, **fields) -> Delegation:
    start = datetime.date.today() + datetime.timedelta(days=30)
    return delegation_services.delegation_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        **{
            "direction": "outgoing",
            "title": "Đoàn công tác Lào",
            "start_on": start,
            "end_on": start + datetime.timedelta(days=4),
            **fields,
        },
    )


def an_agreement(tree, people):
    from solidarity.agreements import services as agreements
    from solidarity.partners.models import Partner

    partner = Partner.objects.create(name="Liên hiệp Công đoàn Lào", kind="national_centre", country="LA")
    agreement = agreements.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[partner],
        title="Biên bản hợp tác",
        agreement_type="cooperation_agreement",
    )
    return agreement, partner


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
            "out_of_plan_reason": "Lời mời đột xuất",
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
            "out_of_plan_reason": "Lời mời đột xuất",
        },
    )
    assert Delegation.objects.get().title == "Đoàn công tác"


# -- dates --------------------------------------------------------------------------------------


def test_a_delegation_ending_in_the_year_9999_is_refused_with_the_allowed_span(client, people, tree):
    client.force_login(people.na_officer)
    start = datetime.date.today() + datetime.timedelta(days=30)
    response = client.post(
        reverse("delegations:create"),
        {
            "owner_unit": tree.nghe_an.pk,
            "direction": "outgoing",
            "title": "Đoàn công tác",
            "start_on": start.strftime("%d/%m/%Y"),
            "end_on": "20/12/9999",
            "out_of_plan_reason": "Lời mời đột xuất",
        },
    )
    assert response.status_code == 200
    assert f"Enter a date between 01/01/1945 and {latest_text()}." in response.content.decode()
    assert not Delegation.objects.exists()


def test_the_service_refuses_an_extreme_date_too(tree, people):
    with pytest.raises(ValidationError) as error:
        a_delegation(tree, people, end_on=datetime.date(9999, 12, 20))
    assert "end_on" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        a_delegation(tree, people, start_on=datetime.date(1, 1, 1))
    assert "start_on" in error.value.error_dict


def test_the_allowed_span_runs_from_1945_to_ten_years_ahead(monkeypatch):
    monkeypatch.setattr(dates.timezone, "localdate", lambda: datetime.date(2028, 2, 29))
    assert dates.latest_allowed() == datetime.date(2038, 2, 28)
    dates.validate_sensible_date(datetime.date(1945, 1, 1))
    dates.validate_sensible_date(datetime.date(2038, 2, 28))
    for outside in (datetime.date(1944, 12, 31), datetime.date(2038, 3, 1)):
        with pytest.raises(ValidationError):
            dates.validate_sensible_date(outside)


def test_a_date_filter_outside_the_span_says_so_instead_of_searching(client, people):
    client.force_login(people.vgcl_admin)
    response = client.get(reverse("delegations:list"), {"start_from": "01/01/0001"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["start_from"] == [
        f"Enter a date between 01/01/1945 and {latest_text()}."
    ]
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_delegation_list_survives_a_stored_date_at_the_end_of_the_calendar(client, people, tree):
    """GIVEN an approved delegation whose end date was stored as 20/12/9999 (before the bounds existed)
    WHEN the leader above opens the delegation list and the delegation
    THEN both pages show, the report deadline stopping at the last date there is."""
    delegation = a_delegation(tree, people)
    Delegation.objects.filter(pk=delegation.pk).update(end_on=datetime.date(9999, 12, 20), state="approved")
    client.force_login(people.vgcl_leader)
    assert client.get(reverse("delegations:list")).status_code == 200
    assert client.get(delegation.get_absolute_url()).status_code == 200
    assert Delegation.objects.get(pk=delegation.pk).report_due_on == datetime.date.max


def test_an_impossible_stored_due_year_still_shows_on_the_timelines(client, people, tree):
    from solidarity.agreements import services as agreements
    from solidarity.agreements.models import Commitment

    agreement, partner = an_agreement(tree, people)
    commitment = agreements.commitment_create(
        by=people.na_officer, agreement=agreement, description="Trao đổi đoàn", due_year=2026
    )
    Commitment.objects.filter(pk=commitment.pk).update(due_year=32767)
    client.force_login(people.na_officer)
    assert client.get(agreement.get_absolute_url()).status_code == 200
    assert client.get(partner.get_absolute_url()).status_code == 200


# Set by the app, never typed: a signing step's due date follows the step before it.
COMPUTED_DATES = {("agreements", "signingstep", "due_on")}


def test_every_date_people_enter_is_bounded_in_models_forms_and_filters():
    """One mechanism, everywhere: a new date field without the bound fails here."""
    unbounded = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            key = (model._meta.app_label, model._meta.model_name, field.name)
            if (
                isinstance(field, models.DateField)
                and not isinstance(field, models.DateTimeField)
                and field.editable
                and not isinstance(field, BoundedDateField)
                and key not in COMPUTED_DATES
            ):
                unbounded.append(".".join(key))
    for app in APPS:
        for kind in ("forms", "filters"):
            try:
                module = importlib.import_module(f"solidarity.{app}.{kind}")
            except ModuleNotFoundError:
                continue
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm):
                    for field_name, field in cls.base_fields.items():
                        if isinstance(field, forms.DateField) and not isinstance(field, DateField):
                            unbounded.append(f"{module.__name__}.{name}.{field_name}")
                if issubclass(cls, django_filters.FilterSet):
                    for filter_name, filter_ in cls.base_filters.items():
                        if type(filter_) is django_filters.DateFilter:
                            unbounded.append(f"{module.__name__}.{name}.{filter_name}")
    assert not unbounded
