"""What delegations add to the figures (see solidarity/figures/sources.py for the shared rule).

A delegation counts once approved (approved, carried out, report filed,
closed), in the month it starts, for its owner and every unit above it.
Person-trips are its members: a person counts once per delegation (and once
per breakdown key, however many of its partners share that key). The
countries are those it travels to (outgoing) or comes from (incoming); the
partners and their kinds are those it meets. Costs count by funding source,
estimated and actual apart. One outside the annual plan counts in
``out_of_plan`` as well.

Its post-trip report counts on a second date, its return (``end_on``):
filed on time (by the end date + ``DELEGATION_REPORT_DAYS``), filed late,
or still pending (approved or carried out, nothing filed yet). Both
directions file one. A reader derives "missing": pending with the deadline
passed, like ``DelegationQuerySet.report_overdue``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, F, Q, Sum, Value

from solidarity.core.choices import ApprovalState as S
from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import CostKind, Direction
from .models import Delegation

COUNTED_STATES = (S.APPROVED, S.CARRIED_OUT, S.REPORTED, S.CLOSED)
PENDING_STATES = (S.APPROVED, S.CARRIED_OUT)
COUNTRY = Dimension("country", "countries", multiple=True)
PARTNER_KIND = Dimension("pkind", "partners__kind")
PARTNER = Dimension("partner", "partners", numeric=True)
BY_PARTNER = (COUNTRY, PARTNER_KIND, PARTNER)
SOURCE = Dimension("source", "costs__source")
OUT, IN = Q(direction=Direction.OUTGOING), Q(direction=Direction.INCOMING)
# Distinct: a breakdown by partner kind joins the partners, and two partners of one kind
# must not count the members twice.
MEMBERS = Count("members", distinct=True)


class DelegationFigures(FigureSource):
    name = "delegations"
    model = Delegation
    date = "start_on"
    measures = (
        Measure("delegations_out", Value(1), OUT, by=BY_PARTNER),
        Measure("person_trips_out", MEMBERS, OUT, by=BY_PARTNER),
        Measure("delegations_in", Value(1), IN, by=BY_PARTNER),
        Measure("guests_in", MEMBERS, IN, by=BY_PARTNER),
        Measure(
            "cost_estimated_vnd", Sum("costs__amount_vnd"), Q(costs__kind=CostKind.ESTIMATED), by=(SOURCE,)
        ),
        Measure("cost_actual_vnd", Sum("costs__amount_vnd"), Q(costs__kind=CostKind.ACTUAL), by=(SOURCE,)),
        Measure("out_of_plan", Value(1), Q(in_plan=False)),
    )
    depends_on = {"partners.Partner": "partners"}  # a partner's kind is the delegation's

    def counted(self) -> Q:
        return Q(state__in=COUNTED_STATES)


FILED_STATES = (S.REPORTED, S.CLOSED)


def report_late_q() -> Q:
    """Filed after the end date + ``DELEGATION_REPORT_DAYS`` (the setting read when asked, not at import)."""
    days = datetime.timedelta(days=settings.DELEGATION_REPORT_DAYS)
    return Q(report_filed_on__gt=F("end_on") + days)


def report_status_q(status: str) -> Q:
    """The delegations whose post-trip report is ``on_time``, ``late`` or ``pending`` (of the counted ones).

    A filed report with no filing date recorded is not shown late: it counts on time.
    """
    filed = Q(state__in=FILED_STATES)
    return {
        "on_time": filed & ~report_late_q(),
        "late": filed & report_late_q(),
        "pending": Q(state__in=PENDING_STATES),
    }[status]


class DelegationReportFigures(FigureSource):
    name = "delegation_reports"
    model = Delegation
    date = "end_on"

    @property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(
            Measure(f"reports_{status}", Value(1), report_status_q(status))
            for status in ("on_time", "late", "pending")
        )

    def counted(self) -> Q:
        return Q(state__in=COUNTED_STATES)
