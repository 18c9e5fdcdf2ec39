"""Reads of annual plans, scoped by the one permission rule; plan vs actual.

Plan vs actual reads the records that carry out items only through the ORM's
reverse relations (``PlanItem.delegations``, ``.meetings``...) and the money
from the figures tallies: this app imports no record app (it sits below them).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef
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


def latest_plan_year(*, unit: Unit) -> int | None:
    """The latest year for which ``unit`` has a plan (any state), else one of the units under it;
    None when there is none. Where plan vs actual opens when no year is asked for."""
    plans = Plan.objects.active()
    own = plans.filter(owner_unit=unit).aggregate(year=Max("year"))["year"]
    if own is not None:
        return own
    return plans.filter(owner_unit__path__startswith=unit.path).aggregate(year=Max("year"))["year"]


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


def picker_items(*, user, unit_id: int | None, year: int | None, kinds, include: int | None = None):
    """What the plan-item picker of a record form offers: the items of ``kinds`` (not dropped) of
    the current plan of the unit and year, among the plans the user may see; and the item the
    record already points at (``include``) if the user may see its plan. Two queries, whatever
    the number of items."""
    visible = Plan.objects.visible_to(user)
    plan = None
    if unit_id and year:
        plan = (
            visible.active()
            .filter(owner_unit_id=unit_id, year=year, state=PlanState.APPROVED)
            .order_by("-revision")
            .values_list("pk", flat=True)
            .first()
        )
    items = PlanItem.objects.none()
    if plan is not None:
        items = PlanItem.objects.filter(plan_id=plan, kind__in=list(kinds), dropped=False)
    if include:
        items = items | PlanItem.objects.filter(pk=include, plan__in=visible)
    if plan is None and not include:
        return []
    return list(items.select_related("plan").order_by("quarter", "pk"))


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


def current_plans(*, year: int):
    """The approved plans in force for ``year``: of each unit, its latest approved revision (a
    queryset, to narrow by unit and read in one query with what hangs on it)."""
    later = Plan.objects.active().filter(
        owner_unit_id=OuterRef("owner_unit_id"),
        year=year,
        state=PlanState.APPROVED,
        revision__gt=OuterRef("revision"),
    )
    return Plan.objects.active().filter(year=year, state=PlanState.APPROVED).exclude(Exists(later))


def subtree_budgets(*, unit: Unit, year: int) -> list[tuple[int, str, str, int]]:
    """(owner unit id, owner path, source, VND) of the budget lines of the plans in force for
    ``year`` of ``unit`` and of every unit under it. One query, whatever the size of the tree."""
    return list(
        PlanBudgetLine.objects.filter(
            plan__in=current_plans(year=year).filter(owner_unit__path__startswith=unit.path)
        ).values_list("plan__owner_unit_id", "plan__owner_unit__path", "source", "amount_vnd")
    )


def _budget_rows(budget: dict[str, int], spent: dict[str, int]) -> list:
    """(source label, budget, spent, remaining) of every source with a budget or spending."""
    return [
        (label, budget.get(source, 0), spent.get(source, 0), budget.get(source, 0) - spent.get(source, 0))
        for source, label in FundingSource.choices
        if budget.get(source) or spent.get(source)
    ]


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
    outcomes: Counter = field(default_factory=Counter)  # of its own plan's items
    budget: int = 0  # the approved budgets of its plan and of the plans of every unit under it
    spent: int = 0  # what it and every unit under it spent

    @property
    def remaining(self) -> int:
        return self.budget - self.spent

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
    budget: list = field(default_factory=list)  # the unit itself: (source label, budget, spent, remaining)
    subtree_budget: list = field(default_factory=list)  # the same with every unit under it
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
    # Budget: the plans in force of the unit and of every unit under it, each child's row summing
    # its own subtree (a child's path is the prefix of every path under it). Spending: the figures,
    # kept at each unit for it and everything under it; the unit's own is its figure less its
    # children's.
    own_budget: Counter = Counter()
    subtree_budget: Counter = Counter()
    child_budget: dict[str, int] = Counter()
    child_path_length = len(unit.path) + unit.steplen
    for owner_id, path, source, amount in subtree_budgets(unit=unit, year=year):
        subtree_budget[source] += amount
        if owner_id == unit.pk:
            own_budget[source] += amount
        else:
            child_budget[path[:child_path_length]] += amount
    spent = spending_by_source(units=[unit, *children], year=year)
    own_spent = Counter(spent[unit.pk])
    for child in children:
        own_spent.subtract(spent[child.pk])
    result.budget = _budget_rows(own_budget, own_spent)
    result.subtree_budget = _budget_rows(subtree_budget, spent[unit.pk])
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
                budget=child_budget[child.path],
                spent=sum(spent[child.pk].values()),
            )
        )
    return result


def item_list(*, user):
    """The items of the plans in force the user sees, with what became of each (``done``)."""
    plans = Plan.objects.visible_to(user).filter(in_force_q())
    return with_outcome(PlanItem.objects.filter(plan__in=plans)).select_related("plan__owner_unit", "partner")
