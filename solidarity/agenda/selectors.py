"""What the calendar shows: delegations (the days abroad or visiting), meetings and deadlines.

One answer for the page and the feed: :func:`events_between`, in a user's
scope (the one permission rule), by unit and kind. Each kind is one query read
up to a limit in date order. The month and week pages add :func:`calendar_days`:
at most a few events per day and the exact number of the others ("+N more"),
in a bounded number of queries whatever the rows (a national month of
thousands of delegations costs the same as a commune's, give or take one
query per day of the grid).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import subtrees_q
from solidarity.core.choices import ApprovalState
from solidarity.deadlines.selectors import DeadlineKind, deadlines_between
from solidarity.delegations.choices import Direction
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.units.models import Unit

OUTGOING = "outgoing"
INCOMING = "incoming"
MEETING = "meeting"

# The kinds a user filters by: delegations each way, meetings, then each kind of deadline.
EVENT_KINDS: list[tuple[str, Any]] = [
    (OUTGOING, _("Delegations going abroad")),
    (INCOMING, _("Delegations visiting us")),
    (MEETING, _("Meetings")),
    *DeadlineKind.choices,
]
KIND_LABELS = dict(EVENT_KINDS)
DEADLINE_KINDS = {value for value, _label in DeadlineKind.choices}

# A rejected proposal never happens; drafts and submitted ones are shown (they are being planned).
SHOWN_STATES_EXCLUDED = [ApprovalState.REJECTED]

# A delegation or meeting is looked for from this many days before the range: one that started
# earlier and is still going on is shown. Read as "no activity lasts longer than a year"; it keeps
# the query on the start-date index instead of walking every record ever made.
LONGEST_DAYS = 366

LIMIT = 500  # events of each kind read for a range (the feed, a day); more are counted, not read


@dataclass(frozen=True)
class Event:
    kind: str
    title: str
    start: datetime.date
    end: datetime.date  # inclusive: an all-day event from start to end
    url: str
    unit: Unit
    uid: str  # stable per record and kind (and date, for a deadline): a subscribed calendar updates it

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def is_deadline(self) -> bool:
        return self.kind in DEADLINE_KINDS

    def on(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Events:
    items: list[Event]
    truncated: set[str]  # kinds that had more than the limit in the range


def _happening(queryset, last_on, *, user, start, end, units):
    """Records of ``queryset`` in ``user``'s scope going on at some time from ``start`` to ``end``;
    ``last_on`` is the expression of their last day (annotated as ``last_on``)."""
    rows = queryset.active().visible_to(user).exclude(state__in=SHOWN_STATES_EXCLUDED)
    rows = rows.annotate(last_on=last_on).filter(
        start_on__gte=start - datetime.timedelta(days=LONGEST_DAYS),
        start_on__lte=end,
        last_on__gte=start,
    )
    if units:
        rows = rows.filter(subtrees_q(units, "owner_unit"))
    return rows


def _delegations(*, user, start, end, units, directions):
    rows = Delegation.objects.filter(direction__in=directions)
    return _happening(rows, F("end_on"), user=user, start=start, end=end, units=units)


def _meetings(*, user, start, end, units):
    return _happening(
        Meeting.objects.all(), Coalesce("end_on", "start_on"), user=user, start=start, end=end, units=units
    )


def _record_queries(*, user, start, end, units, kinds) -> dict[str, Any]:
    """The query of each record kind asked for: delegations out, in, meetings."""
    queries = {}
    for kind, direction in ((OUTGOING, Direction.OUTGOING), (INCOMING, Direction.INCOMING)):
        if kind in kinds:
            queries[kind] = _delegations(user=user, start=start, end=end, units=units, directions=[direction])
    if MEETING in kinds:
        queries[MEETING] = _meetings(user=user, start=start, end=end, units=units)
    return queries


def _read(queryset, limit: int):
    """Rows in date order, only what an event shows (never the wide text columns)."""
    return list(
        queryset.select_related("owner_unit")
        .only("id", "title", "start_on", "owner_unit")
        .order_by("start_on", "id")[:limit]
    )


def _event(kind: str, record) -> Event:
    prefix = "delegation" if kind in (OUTGOING, INCOMING) else "meeting"
    return Event(
        kind=kind,
        title=record.title,
        start=record.start_on,
        end=max(record.last_on, record.start_on),
        url=record.get_absolute_url(),
        unit=record.owner_unit,
        uid=f"{prefix}-{record.pk}",
    )


def _deadline_event(deadline) -> Event:
    return Event(
        kind=str(deadline.kind),
        title=deadline.title,
        start=deadline.on,
        end=deadline.on,
        url=deadline.url,
        unit=deadline.unit,
        uid=f"deadline-{deadline.key.replace(':', '-')}",
    )


def _kinds(kinds) -> list[str]:
    chosen = [value for value, _label in EVENT_KINDS if not kinds or value in kinds]
    return chosen


def events_between(
    *,
    user,
    start: datetime.date,
    end: datetime.date,
    units=None,
    kinds=None,
    limit: int = LIMIT,
) -> Events:
    """Events from ``start`` to ``end`` inclusive that ``user`` may see, by start date.

    ``units``: only those units and everything under them. ``kinds``: some of
    :data:`EVENT_KINDS` (all when empty). At most ``limit`` of each kind, the
    earliest; the kinds that had more are in ``truncated``.
    """
    chosen = _kinds(kinds)
    items, truncated = [], set()
    for kind, queryset in _record_queries(user=user, start=start, end=end, units=units, kinds=chosen).items():
        rows = _read(queryset, limit + 1)
        if len(rows) > limit:
            truncated.add(kind)
            rows = rows[:limit]
        items.extend(_event(kind, row) for row in rows)
    deadline_kinds = [kind for kind in chosen if kind in DEADLINE_KINDS]
    if deadline_kinds:
        found = deadlines_between(start, end, user=user, units=units, kinds=deadline_kinds, limit=limit)
        items.extend(_deadline_event(deadline) for deadline in found.items)
        truncated |= {str(kind) for kind in found.truncated}
    items.sort(key=lambda event: (event.start, event.end, event.kind, event.title, event.uid))
    return Events(items, truncated)


@dataclass
class Day:
    date: datetime.date
    events: list[Event]
    more: int  # events of the day not shown
    in_range: bool  # False for the days of the grid outside the month
    is_today: bool = False

    @property
    def total(self) -> int:
        return len(self.events) + self.more


def _days(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def _counts_by_day(queryset, start: datetime.date, end: datetime.date) -> Counter:
    """How many rows fall on each day: one grouped query of at most (days × days / 2) rows.

    Each row is clipped to the range, and rows with the same clipped first and
    last day are counted together; the days are then added up here.
    """
    groups = (
        queryset.order_by()
        .annotate(first=Greatest("start_on", start), last=Least("last_on", end))
        .values("first", "last")
        .annotate(n=Count("id"))
    )
    counts: Counter = Counter()
    for group in groups:
        first, last = _as_date(group["first"]), _as_date(group["last"])
        for day in _days(first, last):
            counts[day] += group["n"]
    return counts


def _as_date(value) -> datetime.date:
    # SQLite's MAX()/MIN() of a date column and a parameter come back as text.
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


def calendar_days(
    *,
    user,
    start: datetime.date,
    end: datetime.date,
    units=None,
    kinds=None,
    per_day: int = 4,
    in_range: tuple[datetime.date, datetime.date] | None = None,
    today: datetime.date | None = None,
    limit: int = LIMIT,
) -> list[Day]:
    """Each day from ``start`` to ``end``: its first ``per_day`` events and how many more it has.

    One query per kind when the range holds at most ``limit`` of it (the usual
    case). Beyond, for a record kind: one grouped count and one short query per
    day still lacking events, so every day shows some and counts the rest exactly.
    Deadlines beyond the limit are counted among those read (``truncated``).
    """
    chosen = _kinds(kinds)
    first_in, last_in = in_range or (start, end)
    by_day: dict[datetime.date, list[Event]] = defaultdict(list)
    counts: Counter = Counter()

    found = events_between(user=user, start=start, end=end, units=units, kinds=chosen, limit=limit)
    queries = _record_queries(user=user, start=start, end=end, units=units, kinds=chosen)
    full = {kind: queryset for kind, queryset in queries.items() if kind in found.truncated}
    for event in found.items:
        for day in _days(max(event.start, start), min(event.end, end)):
            by_day[day].append(event)
            if event.kind not in full:
                counts[day] += 1
    for kind, queryset in full.items():
        of_kind = _counts_by_day(queryset, start, end)
        counts.update(of_kind)
        # The rows read stop at some date: each later day reads its own first few, those starting
        # latest (the start-date index read backwards from the day, stopping after a few).
        shown = Counter(day for day, events in by_day.items() for e in events if e.kind == kind)
        for day in _days(start, end):
            if shown[day] >= min(per_day, of_kind[day]):
                continue
            rows = queryset.filter(start_on__lte=day, last_on__gte=day).select_related("owner_unit")
            rows = rows.only("id", "title", "start_on", "owner_unit").order_by("-start_on", "-id")[:per_day]
            seen = {e.uid for e in by_day[day]}
            by_day[day].extend(e for e in (_event(kind, r) for r in rows) if e.uid not in seen)
    days = []
    for day in _days(start, end):
        events = sorted(by_day[day], key=lambda e: (e.is_deadline, e.start, e.kind, e.title, e.uid))
        total = max(counts[day], len(events))
        days.append(
            Day(
                date=day,
                events=events[:per_day],
                more=total - min(per_day, len(events)),
                in_range=first_in <= day <= last_in,
                is_today=day == today,
            )
        )
    return days
