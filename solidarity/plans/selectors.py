"""Reads of annual plans, scoped by the one permission rule; plan vs actual.

Plan vs actual reads the records that carry out items only through the ORM's
reverse relations (``PlanItem.delegations``, ``.meetings``...) and the money
from the figures tallies: this app imports no record app (it sits below them).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from solidarity.core.choices import ApprovalState, FundingSource
from solidarity.figures.selectors import read as read_figures
from solidarity.units.models import Unit

from .choices import ItemOutcome, PlanState
from .figures import in_force_q, with_outcome
from .models import Plan, PlanBudgetLine, PlanItem

# The figures that are money spent, by funding source ("source:<x>" keys): delegations' actual
# costs, support given, meetings' costs. Each counts once its record counts (approved, or given).
SPENDING = ("cost_actual_vnd", "support_given_vnd", "meeting_cost_vnd")
OPEN_STATES = (PlanState.DRAFT, PlanState.SUBMITTED, PlanState.RETURNED)


def plan_list(*, user):
    return Plan.objects.visible_to(user).select_related("owner_unit")


def current_plan(*, unit, year: int) -> Plan | None:
    """The unit's plan in force for ``year``: its latest approved revision (None without one)."""
    return (
        Plan.objects.active()
        .filter(owner_unit=unit, year=year, state=PlanState.APPROVED)
        .order_by("-revision")
        .first()
    )


def revisions(plan: Plan):
    """Every revision of the plan's unit and year, the first first (the archived left out)."""
    return Plan.objects.active().filter(owner_unit_id=plan.owner_unit_id, year=plan.year).order_by("revision")


def plan_item_choices(*, unit, year: int | None, kinds, include: int | None = None):
    """The items a record of ``unit`` in ``year`` may carry out: its current plan's, of ``kinds``,
    not dropped; plus the one the record already points at (``include``), whatever became of it."""
    plan = current_plan(unit=unit, year=year) if unit is not None and year else None
    items = PlanItem.objects.none()
    if plan is not None:
        items = plan.items.filter(kind__in=list(kinds), dropped=False)
    if include:
        items = items | PlanItem.objects.filter(pk=include)
    return items.select_related("plan").order_by("quarter", "pk")


def officer_item_choices(*, units, kinds, include: int | None = None):
    """The items of the current plans of ``units`` (any year), for a form that has not chosen its
    unit and year yet; the service checks the unit and the year on saving."""
    current = _current_plan_ids(Plan.objects.active().filter(owner_unit__in=units, state=PlanState.APPROVED))
    items = PlanItem.objects.filter(plan_id__in=current, kind__in=list(kinds), dropped=False)
    if include:
        items = items | PlanItem.objects.filter(pk=include)
    return items.select_related("plan", "plan__owner_unit").order_by(
        "-plan__year", "plan__owner_unit__path", "quarter", "pk"
    )


def _current_plan_ids(plans) -> list[int]:
    """Of ``plans`` (approved), the latest revision per unit and year."""
    latest: dict[tuple[int, int], tuple[int, int]] = {}
    for pk, unit_id, year, revision in plans.values_list("pk", "owner_unit_id", "year", "revision"):
        if (unit_id, year) not in latest or revision > latest[(unit_id, year)][0]:
            latest[(unit_id, year)] = (revision, pk)
    return [pk for _revision, pk in latest.values()]


def budget_by_source(plan: Plan | None) -> dict[str, int]:
    if plan is None:
        return {}
    return dict(plan.budget_lines.values_list("source", "amount_vnd"))


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def spending_by_source(*, units, year: int, own_of: Unit | None = None) -> dict[int, dict[str, int]]:
    """Money spent in ``year`` by funding source, from the figures: ``{unit id: {source: VND}}``,
    each unit with everything under it; with ``own_of``, that unit's own spending (its figure
    minus its children's) under its id. One figures query."""
    start, end = year_span(year)
    units = list(units)
    children = (
        list(Unit.objects.filter(path__startswith=own_of.path, depth=own_of.depth + 1)) if own_of else []
    )
    ids = {unit.pk for unit in units} | {child.pk for child in children} | ({own_of.pk} if own_of else set())
    rows = read_figures(units=sorted(ids), start=start, end=end, indicators=SPENDING, dimension="source")
    spent: dict[int, Counter] = defaultdict(Counter)
    for (unit_id, _indicator, key, _year), value in rows.items():
        spent[unit_id][key.split(":", 1)[1]] += value
    result = {unit.pk: dict(spent[unit.pk]) for unit in units}
    if own_of is not None:
        own = Counter(spent[own_of.pk])
        for child in children:
            own.subtract(spent[child.pk])
        result[own_of.pk] = {source: value for source, value in own.items() if value}
    return result


def _linked_relations():
    """(accessor, has a state) of every record kind that points at plan items."""
    return [
        (relation.get_accessor_name(), any(f.name == "state" for f in relation.related_model._meta.fields))
        for relation in PlanItem._meta.related_objects
        if relation.related_model._meta.app_label != "plans"
    ]


def done_origins(*, unit_ids, year: int) -> set[tuple[int, int]]:
    """(unit id, origin key) of the plan items of ``year`` that a current record carries out.

    Any revision's item counts for the same activity in every revision (its origin). A record
    archived, or a proposal rejected, carries nothing out. One query per record kind.
    """
    items = PlanItem.objects.filter(
        plan__owner_unit_id__in=list(unit_ids), plan__year=year, plan__archived_at__isnull=True
    )
    done = set()
    not_rejected = [s for s in ApprovalState.values if s != ApprovalState.REJECTED]
    for accessor, has_state in _linked_relations():
        # One filter() call: one join, the same linked row meets every condition (and exists).
        condition = {f"{accessor}__isnull": False, f"{accessor}__archived_at__isnull": True}
        if has_state:
            condition[f"{accessor}__state__in"] = not_rejected
        for unit_id, origin_id, pk in (
            items.filter(**condition).values_list("plan__owner_unit_id", "origin_id", "pk").distinct()
        ):
            done.add((unit_id, origin_id or pk))
    return done


def outcome(item: PlanItem, *, done: bool, year_over: bool) -> str:
    if item.dropped:
        return ItemOutcome.DROPPED
    if done:
        return ItemOutcome.DONE
    return ItemOutcome.NOT_DONE if year_over else ItemOutcome.PENDING


@dataclass
class ChildPlan:
    unit: Unit
    plan: Plan | None  # the current (latest approved) revision
    latest: Plan | None  # the latest revision, whatever its state
    outcomes: Counter = field(default_factory=Counter)
    budget: int = 0
    spent: int = 0

    @property
    def unapproved(self) -> bool:
        """No approved plan yet, or an amendment still waiting."""
        return self.plan is None or (self.latest is not None and self.latest.state in OPEN_STATES)


@dataclass
class PlanVsActual:
    unit: Unit
    year: int
    plan: Plan | None
    latest: Plan | None
    items: list = field(default_factory=list)  # (item, outcome)
    outcomes: Counter = field(default_factory=Counter)
    budget: list = field(default_factory=list)  # (source label, budget, spent, remaining)
    children: list[ChildPlan] = field(default_factory=list)
    year_over: bool = False
    outside_delegations: int = 0  # approved delegations of the unit and those below, outside the plan


def plan_vs_actual(*, unit: Unit, year: int, today: datetime.date | None = None) -> PlanVsActual:
    """The unit's plan of ``year`` against what was done and spent, and its children's plans.

    The caller has checked that the user may see ``unit`` (everything under it is then visible).
    A constant number of queries whatever the number of items, records or children.
    """
    today = today or timezone.localdate()
    children = list(Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path"))
    units = [unit, *children]
    plans = list(
        Plan.objects.active().filter(owner_unit__in=units, year=year).order_by("owner_unit_id", "revision")
    )
    current, latest = {}, {}
    for plan in plans:
        latest[plan.owner_unit_id] = plan
        if plan.state == PlanState.APPROVED:
            current[plan.owner_unit_id] = plan
    result = PlanVsActual(
        unit=unit,
        year=year,
        plan=current.get(unit.pk),
        latest=latest.get(unit.pk),
        year_over=today.year > year,
    )
    done = done_origins(unit_ids=[u.pk for u in units], year=year)
    current_ids = [plan.pk for plan in current.values()]
    items = list(
        PlanItem.objects.filter(plan_id__in=current_ids).select_related("partner").order_by("quarter", "pk")
    )
    owner_of = {plan.pk: plan.owner_unit_id for plan in current.values()}
    child_counts: dict[int, Counter] = defaultdict(Counter)
    for item in items:
        owner = owner_of[item.plan_id]
        state = outcome(item, done=(owner, item.origin_key) in done, year_over=result.year_over)
        if owner == unit.pk:
            result.items.append((item, state))
            result.outcomes[state] += 1
        else:
            child_counts[owner][state] += 1
    budgets = defaultdict(dict)
    for plan_id, source, amount in PlanBudgetLine.objects.filter(plan_id__in=current_ids).values_list(
        "plan_id", "source", "amount_vnd"
    ):
        budgets[plan_id][source] = amount
    spent = spending_by_source(units=children, year=year, own_of=unit)
    own_budget = budgets.get(result.plan.pk, {}) if result.plan else {}
    own_spent = spent.get(unit.pk, {})
    for source, label in FundingSource.choices:
        if source in own_budget or source in own_spent:
            planned, used = own_budget.get(source, 0), own_spent.get(source, 0)
            result.budget.append((label, planned, used, planned - used))
    start, end = year_span(year)
    outside = read_figures(units=[unit.pk], start=start, end=end, indicators=("out_of_plan",))
    result.outside_delegations = sum(outside.values())
    for child in children:
        plan = current.get(child.pk)
        result.children.append(
            ChildPlan(
                unit=child,
                plan=plan,
                latest=latest.get(child.pk),
                outcomes=child_counts[child.pk],
                budget=sum(budgets.get(plan.pk, {}).values()) if plan else 0,
                spent=sum(spent.get(child.pk, {}).values()),
            )
        )
    return result


def item_list(*, user):
    """The items of the plans in force the user sees, with what became of each (``done``)."""
    plans = Plan.objects.visible_to(user).filter(in_force_q())
    return with_outcome(PlanItem.objects.filter(plan__in=plans)).select_related("plan__owner_unit", "partner")
