"""What falls due between two dates, in a user's scope (or everywhere, for the reminders job).

Each kind of deadline is one indexed query on its records, read up to a limit
in date order, so a national month costs the same few queries as a commune's:

- a post-trip report: a delegation approved or carried out, report not filed,
  due ``DELEGATION_REPORT_DAYS`` after its return;
- a commitment: planned or in progress, on its due date (or 31 December of
  its due year when only the year is known);
- an agreement's renewal: in force, on the day its officers asked to be warned;
- filing the approval to host an international meeting: a draft or returned
  hosted international meeting, 40 days before it starts (DOMAIN.md: 30 to 40
  days ahead);
- a period report: each unit below the top owes its 6-month and annual
  reports ``PERIODIC_REPORT_DUE_DAYS`` after the period ends.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import subtrees_q
from solidarity.agreements.choices import AgreementStatus, CommitmentStatus
from solidarity.agreements.models import Agreement, Commitment
from solidarity.core.choices import ApprovalState
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.periodic.choices import PeriodKind
from solidarity.periodic.selectors import due_date, period_of
from solidarity.units.models import Unit

# DOMAIN.md: the approval to host an international conference is filed 30 to 40 days ahead.
HOSTING_APPROVAL_LEAD_DAYS = 40
LIMIT = 500  # per kind: a page of a national month shows the first ones and says there are more


class DeadlineKind(models.TextChoices):
    TRIP_REPORT = "trip_report", _("Post-trip report due")
    COMMITMENT = "commitment", _("Commitment due")
    RENEWAL = "renewal", _("Agreement renewal")
    HOSTING_APPROVAL = "hosting_approval", _("Approval to host an international meeting")
    PERIOD_REPORT = "period_report", _("Period report due")


@dataclass(frozen=True)
class Deadline:
    kind: str
    on: datetime.date
    title: str
    url: str
    unit: Unit
    record: Any  # the record it belongs to (None for a period report)
    key: str  # stable identity of the record and its deadline: a reminder is sent once per key

    @property
    def kind_label(self) -> str:
        return DeadlineKind(self.kind).label


@dataclass
class Deadlines:
    items: list[Deadline]
    truncated: set[str]  # kinds that had more than the limit in the range


def _scoped(queryset, *, user, units, subtree=True):
    queryset = queryset.active() if hasattr(queryset, "active") else queryset
    if user is not None:
        queryset = queryset.visible_to(user)
    if units:
        queryset = queryset.filter(_units_q(units, "owner_unit", subtree))
    return queryset.select_related("owner_unit")


def _units_q(units, field: str, subtree: bool) -> Q:
    """Those units and everything below them, or (``subtree=False``) those units alone."""
    if subtree:
        return subtrees_q(units, field)
    return Q(**{f"{field or 'pk'}__in": [unit.pk for unit in units]})


def _trip_reports(start, end, limit, **scope):
    days = settings.DELEGATION_REPORT_DAYS
    rows = _scoped(Delegation.objects.all(), **scope).filter(
        state__in=[ApprovalState.APPROVED, ApprovalState.CARRIED_OUT],
        end_on__gte=start - datetime.timedelta(days=days),
        end_on__lte=end - datetime.timedelta(days=days),
    )
    for delegation in rows.order_by("end_on", "id")[: limit + 1]:
        yield Deadline(
            DeadlineKind.TRIP_REPORT,
            delegation.report_due_on,
            str(delegation),
            delegation.get_absolute_url(),
            delegation.owner_unit,
            delegation,
            f"delegation:{delegation.pk}:{delegation.report_due_on.isoformat()}",
        )


def _commitment_day(commitment) -> datetime.date:
    return commitment.due_on or datetime.date(commitment.due_year, 12, 31)


def _commitments(start, end, limit, *, responsible=None, **scope):
    rows = _scoped(Commitment.objects.all(), **scope).filter(
        status__in=[CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS]
    )
    if responsible:
        # The unit that must act: the responsible one, else the owner (as the deadline's unit says).
        ids = [unit.pk for unit in responsible]
        rows = rows.filter(Q(responsible_unit__in=ids) | Q(responsible_unit__isnull=True, owner_unit__in=ids))
    dated = Q(due_on__gte=start, due_on__lte=end)
    # Only a year is known: it falls due on its last day.
    years = [y for y in range(start.year, end.year + 1) if start <= datetime.date(y, 12, 31) <= end]
    year_only = Q(due_on__isnull=True, due_year__in=years)
    for commitment in rows.filter(dated | year_only).order_by("due_on", "due_year", "id")[: limit + 1]:
        day = _commitment_day(commitment)
        yield Deadline(
            DeadlineKind.COMMITMENT,
            day,
            str(commitment),
            commitment.get_absolute_url(),
            commitment.responsible_unit or commitment.owner_unit,
            commitment,
            f"commitment:{commitment.pk}:{day.isoformat()}",
        )


def _renewals(start, end, limit, **scope):
    rows = _scoped(Agreement.objects.all(), **scope).filter(
        status=AgreementStatus.IN_FORCE, renewal_warning_on__gte=start, renewal_warning_on__lte=end
    )
    for agreement in rows.order_by("renewal_warning_on", "id")[: limit + 1]:
        yield Deadline(
            DeadlineKind.RENEWAL,
            agreement.renewal_warning_on,
            str(agreement),
            agreement.get_absolute_url(),
            agreement.owner_unit,
            agreement,
            f"agreement:{agreement.pk}:{agreement.renewal_warning_on.isoformat()}",
        )


def _hosting_approvals(start, end, limit, **scope):
    lead = datetime.timedelta(days=HOSTING_APPROVAL_LEAD_DAYS)
    rows = _scoped(Meeting.objects.all(), **scope).filter(
        hosted=True,
        is_international=True,
        state__in=[ApprovalState.DRAFT, ApprovalState.RETURNED],
        start_on__gte=start + lead,
        start_on__lte=end + lead,
    )
    for meeting in rows.order_by("start_on", "id")[: limit + 1]:
        day = meeting.start_on - lead
        yield Deadline(
            DeadlineKind.HOSTING_APPROVAL,
            day,
            str(meeting),
            meeting.get_absolute_url(),
            meeting.owner_unit,
            meeting,
            f"meeting:{meeting.pk}:{day.isoformat()}",
        )


def period_report_dues(start: datetime.date, end: datetime.date) -> list[tuple[str, int, datetime.date]]:
    """(period kind, year, due date) of every reporting period due between ``start`` and ``end``."""
    found = []
    for year in range(start.year - 1, end.year + 1):
        for kind in PeriodKind:
            day = due_date(period_of(kind, year))
            if start <= day <= end:
                found.append((kind.value, year, day))
    return sorted(found, key=lambda row: row[2])


def _period_reports(start, end, limit, *, user, units, subtree=True):
    """A user's own units below the top owe their period reports (none for the reminders job's sweep)."""
    if user is None:
        return
    from solidarity.accounts.models import Membership

    owing = Unit.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("unit"), depth__gt=1
    ).order_by("path")
    if units:
        owing = owing.filter(_units_q(units, "", subtree))
    owing = list(owing)
    for kind, year, day in period_report_dues(start, end):
        for unit in owing:
            yield Deadline(
                DeadlineKind.PERIOD_REPORT,
                day,
                f"{PeriodKind(kind).label} {year}: {unit}",
                reverse("periodic:list") + f"?unit={unit.pk}",
                unit,
                None,
                f"period:{unit.pk}:{kind}:{year}",
            )


SOURCES = {
    DeadlineKind.TRIP_REPORT: _trip_reports,
    DeadlineKind.COMMITMENT: _commitments,
    DeadlineKind.RENEWAL: _renewals,
    DeadlineKind.HOSTING_APPROVAL: _hosting_approvals,
    DeadlineKind.PERIOD_REPORT: _period_reports,
}


def deadlines_between(
    start: datetime.date,
    end: datetime.date,
    *,
    user=None,
    units=None,
    kinds=None,
    limit: int = LIMIT,
    subtree: bool = True,
    responsible_units=None,
) -> Deadlines:
    """Deadlines from ``start`` to ``end`` inclusive, by date.

    ``user``: only records they may see (the one permission rule); None for the
    whole tree (the reminders job, which then tells only those who may see each
    one). ``units``: only those units and everything under them. ``kinds``: some
    of :class:`DeadlineKind`. At most ``limit`` of each kind, the earliest.
    ``subtree=False``: ``units`` alone, not the units below them (what a unit's own
    officers owe). ``responsible_units``: only commitments those units must carry out
    (their responsible unit, else their owner).
    """
    items, truncated = [], set()
    for kind, source in SOURCES.items():
        if kinds and kind not in kinds:
            continue
        found = []
        scope = {"user": user, "units": units, "subtree": subtree}
        if kind == DeadlineKind.COMMITMENT:
            scope["responsible"] = responsible_units
        for deadline in source(start, end, limit, **scope):
            if len(found) == limit:
                truncated.add(kind)
                break
            found.append(deadline)
        items.extend(found)
    items.sort(key=lambda d: (d.on, d.kind, d.key))
    return Deadlines(items, truncated)


def child_reports_missing(start: datetime.date, end: datetime.date) -> list[Deadline]:
    """Period reports that were due between ``start`` and ``end`` and that units still have not sent.

    One deadline per unit above them (whose officers receive the reports) and period, saying how
    many of its children are missing; the reminders job tells that unit's people. Two queries per
    period due in the range, whatever the size of the tree (the units' paths, the reports sent).
    """
    from solidarity.periodic.choices import ReportState
    from solidarity.periodic.models import PeriodicReport

    found = []
    for kind, year, day in period_report_dues(start, end):
        period = period_of(kind, year)
        sent = set(
            PeriodicReport.objects.active()
            .filter(kind=kind, year=year, first_submitted_at__isnull=False)
            .exclude(state=ReportState.DRAFT)
            .values_list("owner_unit_id", flat=True)
        )
        expected = (
            Unit.objects.filter(depth__gt=1)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=period.start))
            .values_list("pk", "path")
        )
        missing_by_parent: dict[str, int] = {}
        for pk, path in expected:
            if pk not in sent:
                parent_path = path[: -Unit.steplen]
                missing_by_parent[parent_path] = missing_by_parent.get(parent_path, 0) + 1
        parents = Unit.objects.filter(path__in=list(missing_by_parent)).order_by("path")
        for parent in parents:
            count = missing_by_parent[parent.path]
            found.append(
                Deadline(
                    DeadlineKind.PERIOD_REPORT,
                    day,
                    _("%(period)s %(year)s: %(count)s units below %(unit)s have not sent it")
                    % {"period": PeriodKind(kind).label, "year": year, "count": count, "unit": parent},
                    reverse("periodic:status") + f"?unit={parent.pk}&kind={kind}&year={year}",
                    parent,
                    None,
                    f"period-missing:{parent.pk}:{kind}:{year}",
                )
            )
    return found
