"""plans.yaml: annual foreign-affairs plans with their items and budget, through the plans' services."""

from __future__ import annotations

from solidarity.core.choices import FundingSource
from solidarity.plans import services as plan_services
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.models import Plan
from solidarity.records.workflow import Action

from .context import Demo
from .files import Entry, entries
from .replay import acting
from .workflow import workflow_steps

FIELDS = ("owner", "year", "note", "entered", "items", "budget", "workflow")
ITEM_FIELDS = ("ref", "kind", "title", "purpose", "countries", "partner", "quarter", "people", "costs")
STEPS = {
    Action.SUBMIT: plan_services.plan_submit,
    Action.APPROVE: plan_services.plan_approve,
    Action.RETURN: plan_services.plan_return,
    Action.REJECT: plan_services.plan_reject,
    Action.WITHDRAW: plan_services.plan_withdraw,
}


def load_plans(demo: Demo) -> None:
    for entry in entries(demo.read("plans.yaml"), "plans", label="year"):
        entry.only(*FIELDS)
        with entry.reporting():
            _plan(demo, entry)


def _amounts(entry: Entry, key: str) -> dict[str, int]:
    amounts = {}
    value = entry.data.get(key) or {}
    if not isinstance(value, dict):
        raise entry.error(f"'{key}' should be amounts by source, e.g. {{union_budget: 120_000_000}}.")
    for source, amount in value.items():
        if source not in FundingSource.values:
            raise entry.error(f"'{key}': unknown funding source '{source}'.")
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise entry.error(f"'{key}': {source} should be a whole number of đồng.")
        amounts[source] = amount
    return amounts


def _plan(demo: Demo, entry: Entry) -> None:
    owner, year = demo.unit(entry, "owner"), entry.integer("year", required=True)
    found = Plan.objects.filter(owner_unit=owner, year=year, revision=1).first()
    if found is not None:
        for item in found.items.all():
            _keep_item(demo, entry, found, item)
        return
    entered = demo.moment(entry, "entered")
    by = demo.officer_for(entry, owner)
    steps = workflow_steps(demo, entry, entered=entered)
    with acting(by, at=entered):
        plan = plan_services.plan_create(by=by, owner_unit=owner, year=year, note=entry.text("note"))
        for item in entry.part("items", label="title"):
            item.only(*ITEM_FIELDS)
            with item.reporting():
                partner = item.text("partner")
                added = plan_services.plan_item_add(
                    plan=plan,
                    by=by,
                    kind=item.choice("kind", PlanItemKind),
                    title=item.text("title", required=True),
                    purpose=item.text("purpose"),
                    countries=item.names("countries"),
                    partner=demo.partner(item, partner) if partner else None,
                    quarter=item.integer("quarter", required=True),
                    people=item.integer("people"),
                    costs=_amounts(item, "costs"),
                )
                if item.text("ref"):
                    demo.keep_ref(item, "plan_items", added)
            demo.created["plan items"] += 1
        plan_services.plan_budget_set(plan=plan, by=by, amounts=_amounts(entry, "budget"))
    demo.created["plans"] += 1
    for step in steps:
        with step.entry.reporting(), acting(step.by, at=step.at):
            plan = STEPS[step.action](plan=plan, by=step.by, comment=step.comment)
        demo.created["workflow events"] += 1


def _keep_item(demo: Demo, entry: Entry, plan: Plan, item) -> None:
    """On a rerun: the refs of the items already loaded, found again by title."""
    for part in entry.part("items", label="title"):
        if part.text("ref") and part.text("title") == item.title:
            demo.plan_items[part.text("ref")] = item
