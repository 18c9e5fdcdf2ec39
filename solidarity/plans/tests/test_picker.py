"""The plan-item picker of the record forms: the items of the chosen unit's approved plan of the
year of the record's date, reloaded by htmx when the unit or the date changes."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.agreements.forms import AgreementForm
from solidarity.delegations.forms import DelegationForm
from solidarity.figures.tests.helpers import delegation as make_delegation
from solidarity.meetings.forms import MeetingForm
from solidarity.plans import services
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.tests.factories import approved_plan, draft_plan
from solidarity.records.base import record_archive, record_restore
from solidarity.support.forms import SupportForm

pytestmark = pytest.mark.django_db
URL = reverse("plans:item_options")
DELEGATION_KINDS = "outgoing,incoming"


def _values(html: str) -> list[str]:
    """The values of the enabled, non-empty options."""
    return [
        value
        for value, disabled in re.findall(r'<option value="([^"]*)"( disabled)?', str(html))
        if value and not disabled
    ]


def _selected(html: str) -> str | None:
    found = re.search(r'<option value="([^"]*)"[^>]* selected>', str(html))
    return found.group(1) if found else None


@pytest.fixture
def plans(tree, people):
    """Nghệ An's approved plans of 2025 and 2026, Hà Nội's of 2025, and a draft of Nghệ An for 2027."""
    items = [("Đoàn sang Lào", PlanItemKind.OUTGOING), ("Tập huấn", PlanItemKind.TRAINING)]
    na_2025 = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, 2025, items=items)
    na_2026 = approved_plan(
        people.na_officer, people.vgcl_leader, tree.nghe_an, 2026, items=[("Đón đoàn Lào", "incoming")]
    )
    hn_2025 = approved_plan(people.hn_officer, people.vgcl_leader, tree.ha_noi, 2025)
    draft_plan(people.na_officer, tree.nghe_an, 2027)
    return {
        "na_2025": na_2025.items.get(kind=PlanItemKind.OUTGOING),
        "na_2025_training": na_2025.items.get(kind=PlanItemKind.TRAINING),
        "na_2026": na_2026.items.get(),
        "hn_2025": hn_2025.items.get(),
    }


def _ask(client, user, *, unit, **params):
    client.force_login(user)
    query = {"kinds": DELEGATION_KINDS, "dates": "start_on", "owner_unit": unit.pk, **params}
    response = client.get(URL, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_options_are_the_items_of_the_units_approved_plan_of_the_dates_year(client, tree, people, plans):
    html = _ask(client, people.na_officer, unit=tree.nghe_an, start_on="16/06/2025")
    assert _values(html) == [str(plans["na_2025"].pk)]  # not the training: a delegation does not fit it
    html = _ask(client, people.na_officer, unit=tree.nghe_an, start_on="16/06/2026")
    assert _values(html) == [str(plans["na_2026"].pk)]
    assert "Đón đoàn Lào" in html and "Đoàn sang Lào" not in html


def test_a_year_without_an_approved_plan_offers_nothing_but_outside_the_plan(client, tree, people, plans):
    html = _ask(client, people.na_officer, unit=tree.nghe_an, start_on="02/03/2027")  # a draft only
    assert _values(html) == []
    assert "Outside the annual plan" in html or "Ngoài kế hoạch" in html


def test_without_a_date_the_picker_says_to_enter_it(client, tree, people, plans):
    html = _ask(client, people.na_officer, unit=tree.nghe_an, start_on="")
    assert _values(html) == [] and " disabled>" in html


def test_the_chosen_item_stays_chosen_while_it_is_still_offered(client, tree, people, plans):
    item = plans["na_2025"]
    html = _ask(client, people.na_officer, unit=tree.nghe_an, start_on="01/12/2025", plan_item=item.pk)
    assert _selected(html) == str(item.pk)
    html = _ask(client, people.na_officer, unit=tree.nghe_an, start_on="01/12/2026", plan_item=item.pk)
    assert _selected(html) == ""  # another year: outside the plan until the user picks again


def test_the_latest_approved_revision_is_offered(client, tree, people, plans):
    first = plans["na_2025"].plan
    amendment = services.plan_amend(plan=first, by=people.na_officer, today=datetime.date(2025, 3, 1))
    added = services.plan_item_add(
        plan=amendment,
        by=people.na_officer,
        kind=PlanItemKind.OUTGOING,
        title="Đoàn sang Campuchia",
        quarter=3,
    )
    html = _ask(client, people.na_officer, unit=tree.nghe_an, start_on="16/06/2025")
    assert _values(html) == [str(plans["na_2025"].pk)]  # the amendment is still a draft
    services.plan_approve(
        plan=services.plan_submit(plan=amendment, by=people.na_officer), by=people.vgcl_leader
    )
    html = _ask(client, people.na_officer, unit=tree.nghe_an, start_on="16/06/2025")
    copy = amendment.items.get(origin=plans["na_2025"])
    assert _values(html) == [str(copy.pk), str(added.pk)]


def test_a_sibling_units_plan_is_never_offered(client, tree, people, plans):
    html = _ask(client, people.hn_officer, unit=tree.nghe_an, start_on="16/06/2025")
    assert _values(html) == [] and "Đoàn sang Lào" not in html
    html = _ask(
        client, people.hn_officer, unit=tree.ha_noi, start_on="16/06/2025", include=plans["na_2025"].pk
    )
    assert _values(html) == [str(plans["hn_2025"].pk)]


def test_anonymous_users_are_sent_to_sign_in(client):
    assert client.get(URL, {"kinds": DELEGATION_KINDS}).status_code == 302


def test_the_query_count_does_not_grow_with_the_number_of_items(
    client, tree, people, plans, django_assert_num_queries
):
    client.force_login(people.na_officer)
    query = {"kinds": DELEGATION_KINDS, "dates": "start_on", "owner_unit": tree.nghe_an.pk}
    client.get(URL, {**query, "start_on": "16/06/2025"})  # the session, the user's scope: warmed up
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {**query, "start_on": "16/06/2025"})
    plan = plans["na_2025"].plan
    amendment = services.plan_amend(plan=plan, by=people.na_officer, today=datetime.date(2025, 3, 1))
    for n in range(30):
        services.plan_item_add(
            plan=amendment, by=people.na_officer, kind=PlanItemKind.OUTGOING, title=f"Đoàn {n}", quarter=4
        )
    services.plan_approve(
        plan=services.plan_submit(plan=amendment, by=people.na_officer), by=people.vgcl_leader
    )
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(URL, {**query, "start_on": "16/06/2025"}).content.decode()
    assert len(_values(html)) == 31


# -- the four record forms ------------------------------------------------------------------------


FORMS = {
    "delegation": (DelegationForm, "start_on", {"direction": "outgoing"}, "na_2025"),
    "meeting": (MeetingForm, "start_on", {"hosted": "on", "is_international": "on"}, None),
    "agreement": (AgreementForm, "signed_on", {}, None),
    "support": (SupportForm, "given_on", {"direction": "given"}, None),
}


@pytest.mark.parametrize("kind", FORMS)
def test_each_record_forms_picker_offers_its_units_plan_of_its_dates_year_and_reloads(
    kind, tree, people, plans
):
    form_class, date_field, extra, _item = FORMS[kind]
    matching = {
        "delegation": PlanItemKind.OUTGOING,
        "meeting": PlanItemKind.TRAINING,
        "agreement": PlanItemKind.AGREEMENT,
        "support": PlanItemKind.SUPPORT,
    }[kind]
    fitting = approved_plan(
        people.na_officer, people.vgcl_leader, tree.nghe_an, 2024, items=[("Hoạt động 2024", matching)]
    ).items.get()
    data = {"owner_unit": tree.nghe_an.pk, date_field: "10/05/2024", **extra}
    html = str(form_class(data, user=people.na_officer)["plan_item"])
    assert _values(html) == [str(fitting.pk)]
    assert f'hx-get="{URL}?' in html
    assert f"change from:[name={date_field}]" in html and "change from:[name=owner_unit]" in html
    data[date_field] = "10/05/2026"
    html = str(form_class(data, user=people.na_officer)["plan_item"])
    assert str(fitting.pk) not in _values(html)


def test_editing_a_record_offers_its_own_units_plan_of_its_year_and_keeps_its_item(tree, people, plans):
    item = plans["na_2025"]
    record = make_delegation(
        people.na_officer, tree.nghe_an, start=datetime.date(2025, 6, 16), plan_item=item, approve=False
    )
    # A carried-out item cannot be dropped: the record is archived first, then restored.
    record = record_archive(record=record, by=people.na_officer)
    services.plan_item_drop(item=item, by=people.na_officer, reason="Hoãn")
    record = record_restore(record=record, by=people.na_officer)
    html = str(DelegationForm(instance=record, user=people.na_officer)["plan_item"])
    assert _values(html) == [str(item.pk)] and _selected(html) == str(item.pk)  # dropped since: kept
    # The owner is fixed once the record exists: the reload asks for it by itself.
    assert f"owner_unit={tree.nghe_an.pk}" in html and f"include={item.pk}" in html
