"""Which days a calendar page shows: a month (its weeks, Monday first), an ISO week or one day.

Read from the address (``?month=2025-06``, ``?week=2025-W25``, ``?day=2025-06-16``);
anything else, or a date outside what records may hold, is the current month.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from solidarity.core.dates import EARLIEST, latest_allowed

MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    view: str  # "month", "week" or "day"
    first: datetime.date  # the period's own first and last day
    last: datetime.date
    start: datetime.date  # the days shown (a month's grid runs from a Monday to a Sunday)
    end: datetime.date
    previous: str | None  # query value of the period before and after, None at the edge
    next: str | None

    @property
    def param(self) -> str:
        return self.view

    @property
    def value(self) -> str:
        return _value(self.view, self.first)

    @property
    def weeks(self) -> list[list[datetime.date]]:
        days = [self.start + DAY * n for n in range((self.end - self.start).days + 1)]
        return [days[n : n + 7] for n in range(0, len(days), 7)]


def _value(view: str, day: datetime.date) -> str:
    if view == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if view == "week":
        year, week, _weekday = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def _month_last(first: datetime.date) -> datetime.date:
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - DAY


def _in_bounds(day: datetime.date) -> bool:
    return EARLIEST <= day <= latest_allowed()


def _parse(params) -> tuple[str, datetime.date] | None:
    try:
        if day := params.get("day"):
            return "day", datetime.date.fromisoformat(day.strip())
        if week := params.get("week"):
            match = WEEK_RE.match(week.strip())
            if match:
                return "week", datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return None
        if month := params.get("month"):
            match = MONTH_RE.match(month.strip())
            if match:
                return "month", datetime.date(int(match[1]), int(match[2]), 1)
    except (ValueError, TypeError):
        return None
    return None


def period_of(view: str, day: datetime.date) -> Period:
    """The month, ISO week or day holding ``day``."""
    if view == "month":
        first = day.replace(day=1)
        last = _month_last(first)
        start = first - DAY * first.weekday()
        end = last + DAY * (6 - last.weekday())
        before = first - DAY
        after = last + DAY
    elif view == "week":
        first = start = day - DAY * day.weekday()
        last = end = first + DAY * 6
        before, after = first - DAY * 7, first + DAY * 7
    else:
        first = last = start = end = day
        before, after = day - DAY, day + DAY
    return Period(
        view=view,
        first=first,
        last=last,
        start=start,
        end=end,
        previous=_value(view, before) if _in_bounds(before) else None,
        next=_value(view, after) if _in_bounds(after) else None,
    )


def period_from(params, today: datetime.date) -> Period:
    """The period the address asks for; the month of ``today`` when it asks for none or nonsense."""
    parsed = _parse(params)
    if parsed is None or not _in_bounds(parsed[1]):
        return period_of("month", today)
    return period_of(*parsed)
