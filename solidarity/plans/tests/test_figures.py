"""The plans' figures: items planned, done, dropped and open, plans in force by level, budget by
source; kept as records carry items out and plans are approved, amended, archived."""

from __future__ import annotations

import datetime

import pytest

from solidarity.delegations import services as delegations
from solidarity.figures.rebuild import check
from solidarity.figures.services import sync
from solidarity.figures.tests.helpers import delegation, figure
from solidarity.plans import services
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.tests.factories import approved_plan, draft_plan

pytestmark = pytest.mark.django_db
TWO = (("Đoàn sang Lào", PlanItemKind.OUTGOING), ("Đoàn sang Thái Lan", PlanItemKind.OUTGOING))


def test_an_approved_plan_counts_its_items_and_budget_for_its_unit_and_those_above(tree, people):
    draft = draft_plan(people.na_officer, tree.nghe_an, items=TWO, budget={"union_budget": 90_000_000})
    assert figure(tree.nghe_an, "plan_items") == 0  # a draft is not a plan yet
    services.plan_approve(plan=services.plan_submit(plan=draft, by=people.na_officer), by=people.vgcl_leader)
    for unit in (tree.nghe_an, tree.vgcl):
        assert figure(unit, "plan_items") == 2
        assert figure(unit, "plan_items_open") == 2
        assert figure(unit, "plan_budget_vnd", "source:union_budget") == 90_000_000
    assert figure(tree.vgcl, "plans_approved", f"level:{tree.nghe_an.depth}") == 1
    assert figure(tree.ha_noi, "plan_items") == 0
    assert check()[0] == 0


def test_a_delegation_carrying_out_an_item_makes_it_done_until_it_is_archived(tree, people):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, items=TWO)
    item = plan.items.first()
    # Plan vs actual counts a proposal too (anything but rejected): a draft is enough.
    record = delegation(
        people.na_officer, tree.nghe_an, start=datetime.date(2025, 6, 1), plan_item=item, approve=False
    )
    assert figure(tree.vgcl, "plan_items_done") == 1
    assert figure(tree.vgcl, "plan_items_open") == 1
    delegations.delegation_archive(delegation=record, by=people.na_officer)
    assert figure(tree.vgcl, "plan_items_done") == 0
    assert figure(tree.vgcl, "plan_items_open") == 2
    assert check()[0] == 0


def test_an_approved_amendment_replaces_the_revision_it_amends_in_the_figures(tree, people):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, items=TWO)
    amendment = services.plan_amend(plan=plan, by=people.na_officer, today=datetime.date(2025, 3, 1))
    services.plan_item_add(
        plan=amendment, by=people.na_officer, kind=PlanItemKind.TRAINING, title="Tập huấn", quarter=3
    )
    services.plan_submit(plan=amendment, by=people.na_officer)
    assert figure(tree.nghe_an, "plan_items") == 2  # the approved revision is in force until then
    services.plan_approve(plan=amendment, by=people.vgcl_leader)
    assert figure(tree.nghe_an, "plan_items") == 3
    assert figure(tree.vgcl, "plans_approved", f"level:{tree.nghe_an.depth}") == 1
    assert check()[0] == 0


def test_a_dropped_item_counts_as_dropped_once_synced(tree, people):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, items=TWO)
    item = services.plan_item_drop(item=plan.items.first(), by=people.na_officer, reason="Hủy")
    sync(item)  # see the next test: the drop service does not ask for it yet
    assert figure(tree.vgcl, "plan_items_dropped") == 1
    assert figure(tree.vgcl, "plan_items_open") == 1


def test_dropping_an_item_keeps_the_figures_in_the_same_transaction(tree, people):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, items=TWO)
    services.plan_item_drop(item=plan.items.first(), by=people.na_officer, reason="Hủy")
    assert figure(tree.vgcl, "plan_items_dropped") == 1
