"""Records carry out plan items; plan vs actual; the budget warning."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from solidarity.delegations import services as delegations
from solidarity.delegations.forms import DelegationForm
from solidarity.delegations.rules import budget_warnings
from solidarity.figures.tests.helpers import delegation as make_delegation
from solidarity.plans import selectors, services
from solidarity.plans.choices import ItemOutcome, PlanItemKind
from solidarity.plans.tests.factories import approved_plan, draft_plan

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 6, 16)


def _draft(by, unit, **fields):
    return delegations.delegation_create(
        by=by,
        owner_unit=unit,
        direction=fields.pop("direction", "outgoing"),
        title="Đoàn sang Xiêng Khoảng",
        start_on=fields.pop("start_on", START),
        end_on=START + datetime.timedelta(days=4),
        **fields,
    )


def test_a_delegation_carries_out_an_item_of_its_units_approved_plan(tree, people):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    item = plan.items.get()
    record = _draft(people.na_officer, tree.nghe_an, plan_item=item)
    assert record.plan_item == item and record.in_plan is True
    record = delegations.delegation_update(
        delegation=record,
        by=people.na_officer,
        expected_version=record.version,
        title=record.title,
        plan_item=None,
        out_of_plan_reason="Lời mời đột xuất",
    )
    assert record.plan_item is None and record.in_plan is False


@pytest.mark.parametrize("problem", ["draft", "other_unit", "other_year", "kind", "dropped"])
def test_the_service_refuses_an_item_that_does_not_fit(tree, people, problem):
    if problem == "draft":
        item = draft_plan(people.na_officer, tree.nghe_an).items.get()
    elif problem == "other_unit":
        item = approved_plan(people.hn_officer, people.vgcl_leader, tree.ha_noi).items.get()
    elif problem == "other_year":
        item = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, 2026).items.get()
    elif problem == "kind":
        plan = approved_plan(
            people.na_officer, people.vgcl_leader, tree.nghe_an, items=[("Đón đoàn", PlanItemKind.INCOMING)]
        )
        item = plan.items.get()
    else:
        item = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an).items.get()
        services.plan_item_drop(item=item, by=people.na_officer, reason="Hoãn")
    with pytest.raises(ValidationError) as error:
        _draft(people.na_officer, tree.nghe_an, plan_item=item)
    assert "plan_item" in error.value.message_dict


def test_outside_the_plan_needs_a_reason_on_the_form_and_at_submission(tree, people):
    form = DelegationForm(
        {
            "owner_unit": tree.nghe_an.pk,
            "direction": "outgoing",
            "title": "Đoàn",
            "start_on": "16/06/2025",
            "end_on": "20/06/2025",
            "plan_item": "",
            "out_of_plan_reason": "",
        },
        user=people.na_officer,
    )
    assert not form.is_valid() and "out_of_plan_reason" in form.errors
    record = _draft(people.na_officer, tree.nghe_an, purpose="Làm việc", planned_count=3)
    delegations.programme_item_add(delegation=record, by=people.na_officer, day=START, activity="Hội đàm")
    delegations.cost_add(
        delegation=record, by=people.na_officer, kind="estimated", source="union_budget", amount=Decimal(1)
    )
    assert delegations.missing_for_submission(record) == [
        "the plan item it carries out, or the reason for an activity outside the plan"
    ]
    with pytest.raises(ValidationError):
        delegations.delegation_submit(delegation=record, by=people.na_officer)


def test_the_form_offers_only_fitting_items_of_current_plans(tree, people):
    plan = approved_plan(
        people.na_officer,
        people.vgcl_leader,
        tree.nghe_an,
        items=[("Đoàn sang Lào", PlanItemKind.OUTGOING), ("Tập huấn", PlanItemKind.TRAINING)],
    )
    approved_plan(people.hn_officer, people.vgcl_leader, tree.ha_noi)
    form = DelegationForm(user=people.na_officer)
    assert list(form.fields["plan_item"].queryset) == [plan.items.get(kind=PlanItemKind.OUTGOING)]


def test_plan_vs_actual_shows_done_pending_dropped_and_spending(tree, people):
    """
    GIVEN Nghệ An's approved 2025 plan with three items, one carried out by an approved delegation
          (30 million estimated, 25 million actual) and one dropped, and Hà Nội without a plan
    WHEN VGCL and Nghệ An look at plan vs actual
    THEN Nghệ An sees 1 done, 1 pending, 1 dropped and 25 million spent of its union budget;
         VGCL sees Nghệ An's counts among its children and Hà Nội flagged without a plan
    """
    plan = approved_plan(
        people.na_officer,
        people.vgcl_leader,
        tree.nghe_an,
        items=[("A", PlanItemKind.OUTGOING), ("B", PlanItemKind.INCOMING), ("C", PlanItemKind.TRAINING)],
    )
    a, b, c = plan.items.order_by("pk")
    record = make_delegation(people.na_officer, tree.nghe_an, start=START, plan_item=a)
    delegations.cost_add(
        delegation=record,
        by=people.na_officer,
        kind="actual",
        source="union_budget",
        amount=Decimal(25_000_000),
    )
    services.plan_item_drop(item=c, by=people.na_officer, reason="Hoãn")
    report = selectors.plan_vs_actual(unit=tree.nghe_an, year=2025, today=datetime.date(2025, 7, 1))
    assert {item.title: state for item, state in report.items} == {
        "A": ItemOutcome.DONE,
        "B": ItemOutcome.PENDING,
        "C": ItemOutcome.DROPPED,
    }
    assert ("Union budget", 100_000_000, 25_000_000, 75_000_000) in [
        (str(label), *rest) for label, *rest in report.budget
    ]
    after = selectors.plan_vs_actual(unit=tree.nghe_an, year=2025, today=datetime.date(2026, 1, 2))
    assert after.outcomes[ItemOutcome.NOT_DONE] == 1
    above = selectors.plan_vs_actual(unit=tree.vgcl, year=2025, today=datetime.date(2025, 7, 1))
    rows = {child.unit.code: child for child in above.children}
    assert rows["NA"].outcomes == {ItemOutcome.DONE: 1, ItemOutcome.PENDING: 1, ItemOutcome.DROPPED: 1}
    assert rows["NA"].budget == 100_000_000 and rows["NA"].spent == 25_000_000
    assert rows["HN"].unapproved and rows["HN"].plan is None


def _spend(by, unit, amount, source="union_budget"):
    """An approved delegation of ``unit`` in 2025 with ``amount`` spent from ``source``."""
    record = make_delegation(by, unit, start=START)
    delegations.cost_add(delegation=record, by=by, kind="actual", source=source, amount=Decimal(amount))


def _rows(rows):
    return {str(label): rest for label, *rest in rows}


def test_budget_vs_actual_for_the_unit_itself_and_with_its_subtree(tree, people):
    """
    GIVEN the 2025 plans in force: VGCL's (500 M union budget), Nghệ An's amendment (120 M union
          budget, 20 M partner; its first revision had 100 M), Vinh Phú's under Nghệ An (10 M
          union budget); spent: Nghệ An 25 M union budget, Vinh Phú 4 M, Hà Nội (no plan) 7 M partner
    WHEN VGCL and Nghệ An look at budget vs actual
    THEN each sees its own budget against its own spending, and with everything under it; each
         child's row holds its subtree's budget and spending
    """
    approved_plan(people.vgcl_admin, people.vgcl_leader, tree.vgcl, budget={"union_budget": 500_000_000})
    first = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    amendment = services.plan_amend(plan=first, by=people.na_officer, today=datetime.date(2025, 3, 1))
    services.plan_budget_set(
        plan=amendment, by=people.na_officer, amounts={"union_budget": 120_000_000, "partner": 20_000_000}
    )
    services.plan_approve(
        plan=services.plan_submit(plan=amendment, by=people.na_officer), by=people.vgcl_leader
    )
    approved_plan(people.vinh_officer, people.na_leader, tree.vinh, budget={"union_budget": 10_000_000})
    _spend(people.na_officer, tree.nghe_an, 25_000_000)
    _spend(people.vinh_officer, tree.vinh, 4_000_000)
    _spend(people.hn_officer, tree.ha_noi, 7_000_000, source="partner")

    top = selectors.plan_vs_actual(unit=tree.vgcl, year=2025)
    assert _rows(top.budget) == {"Union budget": [500_000_000, 0, 500_000_000]}
    assert _rows(top.subtree_budget) == {
        "Union budget": [630_000_000, 29_000_000, 601_000_000],
        "Partner": [20_000_000, 7_000_000, 13_000_000],
    }
    children = {child.unit.code: (child.budget, child.spent) for child in top.children}
    assert children["NA"] == (150_000_000, 29_000_000) and children["HN"] == (0, 7_000_000)

    province = selectors.plan_vs_actual(unit=tree.nghe_an, year=2025)
    assert _rows(province.budget) == {
        "Union budget": [120_000_000, 25_000_000, 95_000_000],
        "Partner": [20_000_000, 0, 20_000_000],
    }
    assert _rows(province.subtree_budget) == {
        "Union budget": [130_000_000, 29_000_000, 101_000_000],
        "Partner": [20_000_000, 0, 20_000_000],
    }
    children = {child.unit.code: (child.budget, child.spent) for child in province.children}
    assert children["NA-VP"] == (10_000_000, 4_000_000) and children["NA-KS"] == (0, 0)


def test_the_done_item_survives_an_amendment(tree, people):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    make_delegation(people.na_officer, tree.nghe_an, start=START, plan_item=plan.items.get())
    amendment = services.plan_amend(plan=plan, by=people.na_officer, today=datetime.date(2025, 3, 1))
    amendment = services.plan_approve(
        plan=services.plan_submit(plan=amendment, by=people.na_officer), by=people.vgcl_leader
    )
    report = selectors.plan_vs_actual(unit=tree.nghe_an, year=2025)
    assert report.plan == amendment and [state for _item, state in report.items] == [ItemOutcome.DONE]


def test_an_item_already_carried_out_cannot_be_dropped_even_in_an_amendment(tree, people):
    """
    GIVEN Nghệ An's approved 2025 plan whose item a delegation carries out, and an approved amendment
    WHEN its officer drops that item, in the plan or in the amendment (the same activity)
    THEN it is refused with a Vietnamese message and the item stays as it was
    """
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    item = plan.items.get()
    make_delegation(people.na_officer, tree.nghe_an, start=START, plan_item=item)
    amendment = services.plan_amend(plan=plan, by=people.na_officer, today=datetime.date(2025, 3, 1))
    amendment = services.plan_approve(
        plan=services.plan_submit(plan=amendment, by=people.na_officer), by=people.vgcl_leader
    )
    for target in (amendment.items.get(), item):
        with translation.override("vi"), pytest.raises(ValidationError) as error:
            services.plan_item_drop(item=target, by=people.na_officer, reason="Hoãn")
        assert "đã được thực hiện" in error.value.messages[0]
        target.refresh_from_db()
        assert not target.dropped and target.dropped_reason == ""


def test_plan_vs_actual_page_is_scoped_and_reads_a_bounded_number_of_queries(
    client, tree, people, django_assert_max_num_queries
):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    approved_plan(people.hn_officer, people.vgcl_leader, tree.ha_noi)
    make_delegation(people.na_officer, tree.nghe_an, start=START, plan_item=plan.items.get())
    client.force_login(people.vgcl_leader)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("plans:actual_for", args=[tree.vgcl.pk, 2025]))
    assert page.status_code == 200 and 'data-testid="children"' in page.content.decode()
    client.force_login(people.na_viewer)
    page = client.get(reverse("plans:actual"), {"unit": tree.nghe_an.pk, "year": 2025}).content.decode()
    assert 'data-testid="done">1<' in page
    assert client.get(reverse("plans:actual"), {"unit": tree.ha_noi.pk, "year": 2025}).status_code == 404


def test_plan_vs_actual_opens_on_the_latest_year_with_a_plan(client, tree, people):
    """
    GIVEN Nghệ An's plans of 2024 and 2025, today in a later year, and Hà Nội without any plan
    WHEN plan vs actual is opened with no year
    THEN Nghệ An's opens on 2025, VGCL's (no plan of its own) on its children's latest year,
         Hà Nội's on the current year; a year asked for is kept
    """
    approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, 2024)
    approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, 2025)
    client.force_login(people.vgcl_leader)
    url = reverse("plans:actual")
    assert client.get(url, {"unit": tree.nghe_an.pk}).context["year"] == 2025
    assert client.get(url, {"unit": tree.vgcl.pk}).context["year"] == 2025
    assert client.get(url, {"unit": tree.ha_noi.pk}).context["year"] == timezone.localdate().year
    assert client.get(url, {"unit": tree.nghe_an.pk, "year": 2024}).context["year"] == 2024


def test_a_proposal_over_the_remaining_budget_is_warned_not_blocked(tree, people):
    """
    GIVEN Nghệ An's approved union budget of 100 million for 2025, 30 million set aside by an
          approved delegation with no actual cost yet
    WHEN a new proposal estimates 80 million from the union budget
    THEN it is warned (70 million remain), and it can still be submitted and approved
    """
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    make_delegation(people.na_officer, tree.nghe_an, start=START, plan_item=plan.items.get())
    record = make_delegation(people.na_officer, tree.nghe_an, start=START, cost=80_000_000, approve=False)
    warnings = budget_warnings(record)
    assert len(warnings) == 1 and "70.000.000" in warnings[0]
    small = make_delegation(people.na_officer, tree.nghe_an, start=START, cost=60_000_000, approve=False)
    assert budget_warnings(small) == []
    record = delegations.delegation_submit(delegation=record, by=people.na_officer)
    assert budget_warnings(record)  # shown to the leader deciding
    assert delegations.delegation_approve(delegation=record, by=people.vgcl_leader).state == "approved"


def test_a_budget_warning_has_its_own_heading_not_the_travel_rules(client, tree, people):
    """
    GIVEN a submitted proposal of Nghệ An over what remains of its approved 2025 budget,
          and no travel rule broken
    WHEN its officer opens it and the VGCL leader opens the approval step
    THEN both pages warn under the plan budget's heading, never under the travel rules'
    """
    approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    record = make_delegation(people.na_officer, tree.nghe_an, start=START, cost=150_000_000, approve=False)
    client.force_login(people.na_officer)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "The plan budget warns:" in page and 'data-testid="budget-warnings"' in page
    assert "The travel rules warn:" not in page
    record = delegations.delegation_submit(delegation=record, by=people.na_officer)
    client.force_login(people.vgcl_leader)
    page = client.get(reverse("delegations:act", args=[record.pk, "approve"])).content.decode()
    assert "The plan budget warns:" in page and "The travel rules warn:" not in page


def test_no_budget_warning_without_an_approved_plan(tree, people):
    draft_plan(people.na_officer, tree.nghe_an)
    record = make_delegation(people.na_officer, tree.nghe_an, start=START, cost=500_000_000, approve=False)
    assert budget_warnings(record) == []
