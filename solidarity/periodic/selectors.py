"""Reads of period reports: which periods are due, each child's status, the reporting rate, the whole tree.

A unit is expected to report for a period when it is below the top and in
force at some time during the period. Its status for the period:

- accepted, returned: as the parent's leaders decided;
- submitted on time / late: judged by the FIRST submission against the due
  date (the period's end + ``PERIODIC_REPORT_DUE_DAYS``), so a report returned
  for corrections and sent again does not turn late;
- before the due date: not started (no report) or draft;
- after it, with nothing submitted (no report, a draft, or a report withdrawn
  back to draft): missing.

The reporting rate counts the reports that reached the level above and stay
there: on time, late and accepted (a returned one waits for its corrections),
over the units expected.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from solidarity.accounts.permissions import scope_paths, units_visible_to
from solidarity.reports import periods
from solidarity.units.choices import UnitLevel
from solidarity.units.models import Unit

from .choices import PeriodKind, ReportingStatus, ReportState
from .models import PeriodicReport

S = ReportingStatus
SUBMITTED_STATUSES = frozenset({S.ON_TIME, S.LATE, S.ACCEPTED})


def period_of(kind: str, year: int) -> periods.Period:
    if kind not in PeriodKind.values:
        raise ValueError(kind)
    return getattr(periods, kind)(year)


def due_date(period: periods.Period) -> datetime.date:
    return period.end + datetime.timedelta(days=settings.PERIODIC_REPORT_DUE_DAYS)


def _due_moment(period) -> datetime.datetime:
    """The first moment after the due date, in local time: a submission before it is on time."""
    day = due_date(period) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def latest_periods(today: datetime.date) -> list[tuple[str, int]]:
    """The last ended 6-month and annual periods, the latest first: what units report on now."""
    found = []
    for kind in (PeriodKind.HALF_YEAR, PeriodKind.ANNUAL):
        year = today.year + 1
        while period_of(kind, year).end >= today:
            year -= 1
        found.append((period_of(kind, year).end, kind.value, year))
    return [(kind, year) for _end, kind, year in sorted(found, reverse=True)]


def status_of(report: PeriodicReport | None, *, period, today: datetime.date) -> str:
    if report is not None and report.first_submitted_at is not None and report.state != ReportState.DRAFT:
        if report.state == ReportState.ACCEPTED:
            return S.ACCEPTED
        if report.state == ReportState.RETURNED:
            return S.RETURNED
        return S.LATE if report.first_submitted_at >= _due_moment(period) else S.ON_TIME
    if today > due_date(period):
        return S.MISSING
    return S.NOT_STARTED if report is None else S.DRAFT


def expected_children(*, unit: Unit, period):
    """The units directly below ``unit`` that were in force at some time during the period."""
    return Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gt=period.start),
    )


def _reports_for(kind, year):
    return PeriodicReport.objects.active().filter(kind=kind, year=year)


@dataclass
class Counts:
    expected: int = 0
    on_time: int = 0
    late: int = 0
    accepted: int = 0
    returned: int = 0
    in_progress: int = 0  # drafts, before the due date
    missing: int = 0

    @property
    def submitted(self) -> int:
        return self.on_time + self.late + self.accepted

    @property
    def rate(self) -> int | None:
        """Per cent of the expected units whose report reached the level above."""
        return round(self.submitted * 100 / self.expected) if self.expected else None


def _count_reports(reports, *, period, today, group: str | None = None) -> dict:
    """Reports by status in one grouped query (per ``group`` value when given)."""
    due = _due_moment(period)
    submitted = Q(first_submitted_at__isnull=False) & ~Q(state=ReportState.DRAFT)
    aggregates = {
        "on_time": Count("pk", filter=submitted & Q(state=ReportState.SUBMITTED, first_submitted_at__lt=due)),
        "late": Count("pk", filter=submitted & Q(state=ReportState.SUBMITTED, first_submitted_at__gte=due)),
        "accepted": Count("pk", filter=Q(state=ReportState.ACCEPTED)),
        "returned": Count("pk", filter=Q(state=ReportState.RETURNED)),
        "in_progress": Count("pk", filter=~submitted),
    }
    if group is None:
        return {None: reports.aggregate(**aggregates)}
    return {row.pop(group): row for row in reports.values(group).annotate(**aggregates).order_by(group)}


def _finish(counts: Counts, row: dict | None, *, period, today) -> Counts:
    for name, value in (row or {}).items():
        setattr(counts, name, value)
    nothing_sent = counts.expected - counts.submitted - counts.returned
    if today > due_date(period):
        counts.missing, counts.in_progress = max(nothing_sent, 0), 0
    return counts


@dataclass
class ChildRow:
    unit: Unit
    report: PeriodicReport | None
    status: str

    @property
    def status_label(self) -> str:
        return S(self.status).label


@dataclass
class ChildrenStatus:
    unit: Unit
    kind: str
    year: int
    period: periods.Period
    due: datetime.date
    counts: Counts
    rows: list[ChildRow] = field(default_factory=list)


def children_status(
    *, unit: Unit, kind: str, year: int, today: datetime.date, children=None
) -> ChildrenStatus:
    """The status of each child in ``children`` (a page of :func:`expected_children`, or all of them)
    and the counts for every expected child: three queries whatever the number of children."""
    period = period_of(kind, year)
    expected = expected_children(unit=unit, period=period)
    reports = _reports_for(kind, year).filter(owner_unit__in=expected)
    counts = Counts(expected=expected.count())
    counts = _finish(
        counts, _count_reports(reports, period=period, today=today)[None], period=period, today=today
    )
    rows = []
    if children is not None:
        page = list(children)
        by_unit = {r.owner_unit_id: r for r in reports.filter(owner_unit__in=[u.pk for u in page])}
        rows = [
            ChildRow(u, by_unit.get(u.pk), status_of(by_unit.get(u.pk), period=period, today=today))
            for u in page
        ]
    return ChildrenStatus(unit, kind, year, period, due_date(period), counts, rows)


@dataclass
class LevelCounts:
    level: int
    label: str
    counts: Counts


def tree_status(*, kind: str, year: int, today: datetime.date) -> list[LevelCounts]:
    """For a national user: per level of the tree, the expected units and their reports by status.

    Two grouped queries, whatever the size of the tree.
    """
    period = period_of(kind, year)
    expected = Unit.objects.filter(depth__gt=1).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gt=period.start),
    )
    per_level = dict(expected.values_list("level").annotate(n=Count("pk")).order_by("level"))
    reports = _reports_for(kind, year).filter(owner_unit__in=expected)
    rows = _count_reports(reports, period=period, today=today, group="owner_unit__level")
    out = []
    for level in UnitLevel:
        if level not in per_level:
            continue
        counts = _finish(Counts(expected=per_level[level]), rows.get(level), period=period, today=today)
        out.append(LevelCounts(level, level.label, counts))
    return out


def live_report(*, user, unit, period):
    """The figures of ``period`` for ``unit`` as they are now (reports.selectors.build_report).

    None while that reader is not installed (it lands with the reports page), so a period
    report can still be written; submitting needs it.
    """
    try:
        from solidarity.reports.selectors import build_report
    except ModuleNotFoundError as error:
        if error.name != "solidarity.reports.selectors":
            raise
        return None
    return build_report(user=user, unit=unit, period=period)


def is_national(user) -> bool:
    return scope_paths(user) is None


def reports_of(*, user, units):
    """Period reports of ``units`` as ``user`` may see them, the latest period first."""
    return (
        PeriodicReport.objects.active()
        .visible_to(user)
        .filter(owner_unit__in=units)
        .select_related("owner_unit")
        .order_by("-year", "-kind", "owner_unit__path")
    )


def as_id(value) -> int | None:
    """A key typed into a URL or a form: plain ASCII digits of a sane length, else None."""
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def as_year(value, default: int | None = None) -> int | None:
    year = as_id(value)
    return year if year is not None and 1900 <= year <= 2200 else default


def visible_unit(*, user, pk) -> Unit | None:
    pk = as_id(pk)
    return units_visible_to(user).filter(pk=pk).first() if pk is not None else None


def children_texts(*, report: PeriodicReport, user):
    """The submitted reports of the units directly below the owner, for the same period: to quote."""
    owner = report.owner_unit
    return list(
        PeriodicReport.objects.active()
        .visible_to(user)
        .filter(
            kind=report.kind,
            year=report.year,
            owner_unit__path__startswith=owner.path,
            owner_unit__depth=owner.depth + 1,
            first_submitted_at__isnull=False,
        )
        .exclude(state=ReportState.DRAFT)
        .select_related("owner_unit")
        .order_by("owner_unit__path")
    )


@dataclass
class HomeLine:
    kind: str
    year: int
    label: str
    due: datetime.date
    own: PeriodicReport | None
    own_status: str
    children: Counts | None

    @property
    def own_status_label(self) -> str:
        return S(self.own_status).label


def home_reporting(*, user, today: datetime.date | None = None, memberships=None) -> dict | None:
    """The home page's panel: for the user's highest unit, its own report and its children's rate
    for the last two periods. None for a user without a unit.

    Three queries whatever the tree (``memberships``, when the page has them, saves a fourth).
    """
    from solidarity.accounts.models import Membership

    today = today or timezone.localdate()
    if memberships is None:
        memberships = Membership.objects.filter(user=user).select_related("unit")
    units = sorted((m.unit for m in memberships), key=lambda u: (u.depth, u.path))
    if not units:
        return None
    unit = units[0]
    wanted = latest_periods(today)
    which = Q()
    for kind, year in wanted:
        which |= Q(kind=kind, year=year)
    own = {}
    if unit.depth > 1:
        own = {(r.kind, r.year): r for r in PeriodicReport.objects.active().filter(which, owner_unit=unit)}
    children = {}
    if unit.numchild:
        below = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
        expected = below.aggregate(
            **{
                f"{kind}_{year}": Count(
                    "pk",
                    filter=(Q(valid_from__isnull=True) | Q(valid_from__lte=period_of(kind, year).end))
                    & (Q(valid_to__isnull=True) | Q(valid_to__gt=period_of(kind, year).start)),
                )
                for kind, year in wanted
            }
        )
        rows = _count_reports_by_period(
            PeriodicReport.objects.active().filter(which, owner_unit__in=below), wanted=wanted
        )
        for kind, year in wanted:
            period = period_of(kind, year)
            counts = Counts(expected=expected[f"{kind}_{year}"])
            children[(kind, year)] = _finish(counts, rows.get((kind, year)), period=period, today=today)
    lines = []
    for kind, year in wanted:
        period = period_of(kind, year)
        report = own.get((kind, year))
        lines.append(
            HomeLine(
                kind,
                year,
                period.label(),
                due_date(period),
                report,
                status_of(report, period=period, today=today),
                children.get((kind, year)),
            )
        )
    return {"unit": unit, "lines": lines, "is_top": unit.depth == 1}


def _count_reports_by_period(reports, *, wanted) -> dict:
    """Reports by status for each (kind, year) in ``wanted``: one query, a column per period and status."""
    aggregates = {}
    for kind, year in wanted:
        due = _due_moment(period_of(kind, year))
        this = Q(kind=kind, year=year)
        sent = this & Q(first_submitted_at__isnull=False) & ~Q(state=ReportState.DRAFT)
        aggregates |= {
            f"{kind}_{year}_on_time": Count(
                "pk", filter=sent & Q(state=ReportState.SUBMITTED, first_submitted_at__lt=due)
            ),
            f"{kind}_{year}_late": Count(
                "pk", filter=sent & Q(state=ReportState.SUBMITTED, first_submitted_at__gte=due)
            ),
            f"{kind}_{year}_accepted": Count("pk", filter=this & Q(state=ReportState.ACCEPTED)),
            f"{kind}_{year}_returned": Count("pk", filter=this & Q(state=ReportState.RETURNED)),
            f"{kind}_{year}_in_progress": Count(
                "pk", filter=this & ~(Q(first_submitted_at__isnull=False) & ~Q(state=ReportState.DRAFT))
            ),
        }
    row = reports.aggregate(**aggregates)
    return {
        (kind, year): {
            name: row[f"{kind}_{year}_{name}"]
            for name in ("on_time", "late", "accepted", "returned", "in_progress")
        }
        for kind, year in wanted
    }
