"""What annual plans add to the figures (see solidarity/figures/sources.py for the shared rule).

The plan in force of a unit for a year is its latest approved revision (an
archived one never counts). Its items and its budget count on 1 January of the
plan's year, for its unit and every unit above it:

- ``plan_items``: every activity planned; ``plan_items_done`` those a record
  carries out (any revision's item of the same activity, a record not archived
  and not rejected, as plan vs actual reads it); ``plan_items_dropped``;
  ``plan_items_open`` the rest, which a reader shows as pending during the year
  and as "not carried out" once the year is over;
- ``plan_budget_vnd``: the budget by funding source;
- ``plans_approved``: one per plan in force, by the level of its unit in the tree
  ("level:<depth>"), so the level above reads how many of its children have one.

A record that carries out items (a delegation, meeting, agreement, support),
a plan that is approved, amended or archived: each brings the items and plans
of its unit and year along (``follows``).
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models import DateField as DateOutput
from django.db.models.functions import Coalesce

from solidarity.core.choices import ApprovalState
from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import PlanState
from .models import Plan, PlanItem


class YearStart(Func):
    """1 January of the year in the expression."""

    output_field = DateOutput()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s || '-01-01')", **extra_context
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="make_date(%(expressions)s, 1, 1)", **extra_context)


def superseded(plan: str = "") -> Exists:
    """A later approved revision of the same unit and year exists: this one is no longer in force."""
    prefix = f"{plan}__" if plan else ""
    return Exists(
        Plan.objects.filter(
            owner_unit_id=OuterRef(f"{prefix}owner_unit_id"),
            year=OuterRef(f"{prefix}year"),
            state=PlanState.APPROVED,
            archived_at__isnull=True,
            revision__gt=OuterRef(f"{prefix}revision"),
        )
    )


def in_force_q(plan: str = "") -> Q:
    """The plans in force (or, with ``plan``, the rows of them): approved, not superseded."""
    prefix = f"{plan}__" if plan else ""
    return Q(**{f"{prefix}state": PlanState.APPROVED, f"{prefix}archived_at__isnull": True}) & ~Q(
        superseded(plan)
    )


def record_relations():
    """(model, has a state) of every record kind that carries out plan items, through the reverse
    relations the record apps declare: this app imports none of them."""
    return [
        (relation.related_model, any(f.name == "state" for f in relation.related_model._meta.fields))
        for relation in PlanItem._meta.related_objects
        if relation.related_model._meta.app_label != "plans"
    ]


def carried_out() -> Q:
    """Items whose activity a current record carries out: the record points at this item or at
    another revision's item of the same activity; archived or rejected records carry nothing out.
    Needs ``activity_key`` (see :func:`with_outcome`)."""
    exists = []
    for model, has_state in record_relations():
        records = model._default_manager.filter(
            Q(plan_item_id=OuterRef("activity_key")) | Q(plan_item__origin_id=OuterRef("activity_key")),
            archived_at__isnull=True,
        )
        if has_state:
            records = records.exclude(state=ApprovalState.REJECTED)
        exists.append(Q(Exists(records)))
    return reduce(or_, exists) if exists else Q(pk__in=[])


def with_outcome(items: QuerySet) -> QuerySet:
    """``items`` with ``activity_key`` (the activity across revisions) and ``done``."""
    items = items.annotate(activity_key=Coalesce("origin_id", "pk", output_field=IntegerField()))
    return items.annotate(done=ExpressionWrapper(carried_out(), output_field=BooleanField()))


DONE = Q(done=True, dropped=False)
OPEN = Q(done=False, dropped=False)


def _plans_of(records) -> Q | None:
    """The plans whose figures ``records`` may change: a revision's unit and year; a record's unit
    and the years of its plan item and of its own dates (the item it pointed at before is of the
    same unit and year). None when no record is a plan or carries out plan items."""
    kinds = tuple(model for model, _state in record_relations())
    records = [record for record in records if isinstance(record, (Plan, *kinds))]
    if not records:
        return None
    item_ids = [record.plan_item_id for record in records if getattr(record, "plan_item_id", None)]
    item_years = (
        dict(PlanItem.objects.filter(pk__in=item_ids).values_list("pk", "plan__year")) if item_ids else {}
    )
    years: dict[int, set[int]] = {}
    for record in records:
        if isinstance(record, Plan):
            years.setdefault(record.owner_unit_id, set()).add(record.year)
            continue
        found = years.setdefault(record.owner_unit_id, set())
        if record.plan_item_id in item_years:
            found.add(item_years[record.plan_item_id])
        for name in ("start_on", "signed_on", "given_on"):
            day = getattr(record, name, None)
            if day is not None and hasattr(day, "year"):
                found.add(day.year)
    conditions = [Q(owner_unit_id=unit, year__in=sorted(ys)) for unit, ys in sorted(years.items()) if ys]
    return reduce(or_, conditions) if conditions else None


class PlanItemFigures(FigureSource):
    name = "plan_items"
    model = PlanItem
    date = "plan_year_start"
    owner = "plan__owner_unit"
    archived = "plan__archived_at"
    measures = (
        Measure("plan_items", Value(1)),
        Measure("plan_items_done", Value(1), DONE),
        Measure("plan_items_dropped", Value(1), Q(dropped=True)),
        Measure("plan_items_open", Value(1), OPEN),
    )

    def base(self) -> QuerySet:
        return with_outcome(PlanItem.objects.annotate(plan_year_start=YearStart("plan__year")))

    def counted(self) -> Q:
        return in_force_q("plan")

    def follows(self, records):
        plans = _plans_of(records)
        if plans is None:
            return None
        return PlanItem.objects.filter(plan__in=Plan.objects.filter(plans))


LEVEL = Dimension("level", "owner_unit__depth", numeric=True)


class PlanFigures(FigureSource):
    name = "plans"
    model = Plan
    date = "year_start"
    measures = (
        Measure("plans_approved", Value(1), by=(LEVEL,)),
        Measure(
            "plan_budget_vnd",
            Sum("budget_lines__amount_vnd"),
            Q(budget_lines__isnull=False),
            by=(Dimension("source", "budget_lines__source"),),
        ),
    )

    def base(self) -> QuerySet:
        return Plan.objects.annotate(year_start=YearStart("year"))

    def counted(self) -> Q:
        return in_force_q()

    def follows(self, records):
        # Approving an amendment takes the revision it replaces out of the figures.
        plans = _plans_of([record for record in records if isinstance(record, Plan)])
        return None if plans is None else Plan.objects.filter(plans)
