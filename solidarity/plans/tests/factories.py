"""Plans for tests, made through the services as people would."""

from __future__ import annotations

from solidarity.plans import services
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.models import Plan


def draft_plan(
    by, unit, year: int = 2025, *, items=(("Đoàn sang Lào", PlanItemKind.OUTGOING),), budget=None
) -> Plan:
    """A complete draft: ``items`` as (title, kind), each with a 30 million estimate, and a budget."""
    plan = services.plan_create(by=by, owner_unit=unit, year=year)
    for title, kind in items:
        services.plan_item_add(
            plan=plan, by=by, kind=kind, title=title, quarter=2, people=5, costs={"union_budget": 30_000_000}
        )
    services.plan_budget_set(plan=plan, by=by, amounts=budget or {"union_budget": 100_000_000})
    return plan


def approved_plan(by, approver, unit, year: int = 2025, **kwargs) -> Plan:
    """``draft_plan`` submitted by ``by`` and approved by ``approver`` (a leader of the parent)."""
    plan = draft_plan(by, unit, year, **kwargs)
    plan = services.plan_submit(plan=plan, by=by)
    return services.plan_approve(plan=plan, by=approver)
