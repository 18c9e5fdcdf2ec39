"""Reporting periods: calendar years, quarters, the union's 6-month and annual periods, any range.

A period is a pair of dates, both inclusive. The union's periods follow
Decree 09/2019/NĐ-CP: the 6-month report covers 15 December of the previous
year to 14 June, the annual one 15 December to 14 December; the cut-off days
are settings (``REPORT_PERIOD_START`` "15/12", ``REPORT_HALF_YEAR_END`` "14/06",
``REPORT_YEAR_END`` "14/12").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    kind: str = "range"  # "year", "quarter", "half_year_report", "annual_report", "range"

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (a year before a year,
        2012-2017 before 2018-2023, the previous union period before a union period)."""
        if self.kind in ("year", "half_year_report", "annual_report") or _whole_years(self):
            years = self.end.year - self.start.year + 1 if _whole_years(self) else 1
            return Period(_shift_years(self.start, -years), _shift_years(self.end, -years), self.kind)
        if self.kind == "quarter" or _whole_months(self):
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            start = _shift_months(self.start, -months)
            end = _shift_months(self.start, 0) - datetime.timedelta(days=1)
            return Period(start, end, self.kind)
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end, self.kind)

    def label(self) -> str:
        fmt = "%d/%m/%Y"
        if self.kind == "half_year_report":
            return _("6-month report %(year)s (%(start)s–%(end)s)") % {
                "year": self.end.year,
                "start": self.start.strftime(fmt),
                "end": self.end.strftime(fmt),
            }
        if self.kind == "annual_report":
            return _("Annual report %(year)s (%(start)s–%(end)s)") % {
                "year": self.end.year,
                "start": self.start.strftime(fmt),
                "end": self.end.strftime(fmt),
            }
        if _whole_years(self):
            if self.start.year == self.end.year:
                return _("Year %(year)s") % {"year": self.start.year}
            return _("Years %(start)s–%(end)s") % {"start": self.start.year, "end": self.end.year}
        if self.kind == "quarter":
            return _("Quarter %(q)s/%(year)s") % {
                "q": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        return f"{self.start.strftime(fmt)}–{self.end.strftime(fmt)}"


def _whole_years(period: Period) -> bool:
    return (period.start.month, period.start.day) == (1, 1) and (period.end.month, period.end.day) == (12, 31)


def _whole_months(period: Period) -> bool:
    return period.start.day == 1 and (period.end + datetime.timedelta(days=1)).day == 1


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _shift_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1, day=1)


def _day_month(setting: str) -> tuple[int, int]:
    day, month = (int(part) for part in setting.split("/"))
    return day, month


def year(y: int) -> Period:
    return Period(datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year")


def years(first: int, last: int) -> Period:
    return Period(datetime.date(first, 1, 1), datetime.date(last, 12, 31), "range")


def quarter(y: int, q: int) -> Period:
    start = datetime.date(y, 3 * (q - 1) + 1, 1)
    return Period(start, _shift_months(start, 3) - datetime.timedelta(days=1), "quarter")


def _union_start(y: int) -> datetime.date:
    """The first day of union year ``y``: by default 15 December of the year before."""
    day, month = _day_month(settings.REPORT_PERIOD_START)
    return datetime.date(y - 1 if month > 6 else y, month, day)


def half_year_report(y: int) -> Period:
    day, month = _day_month(settings.REPORT_HALF_YEAR_END)
    return Period(_union_start(y), datetime.date(y, month, day), "half_year_report")


def annual_report(y: int) -> Period:
    day, month = _day_month(settings.REPORT_YEAR_END)
    return Period(_union_start(y), datetime.date(y, month, day), "annual_report")


def period_kind(start: datetime.date, end: datetime.date) -> Period:
    """The period ``start``..``end``, recognised as a union period when its dates are one's."""
    for make in (half_year_report, annual_report):
        candidate = make(end.year)
        if (candidate.start, candidate.end) == (start, end):
            return candidate
    if start.day == 1 and start.month in (1, 4, 7, 10):
        candidate = quarter(start.year, (start.month - 1) // 3 + 1)
        if candidate.end == end:
            return candidate
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return year(start.year)
    return Period(start, end, "range")


def plan_years(start: datetime.date, end: datetime.date) -> tuple[int, int]:
    """The years whose annual plans a report of ``start``..``end`` shows: those it covers, leaving
    out a year it only touches by less than a month at either end (the union's year, 15/12 to
    14/12, shows the plan of the year it ends in). A short period shows the plan of its end's year."""
    month = datetime.timedelta(days=30)
    first, last = (start + month).year, (end - month).year
    if first > last:
        return end.year, end.year
    return first, last
