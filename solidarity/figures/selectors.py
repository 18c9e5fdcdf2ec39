"""Reading the maintained figures for a user's scope: one indexed query, whatever the scope's size."""

from __future__ import annotations

import datetime

from django.db.models import Q, Sum

from solidarity.accounts.permissions import Role, scope_paths
from solidarity.units.models import Unit

from .models import Tally
from .sources import TOTAL


def scope_units(user):
    """The units whose figures, added up, are the user's scope: one per scope prefix (the roots
    for a national user). Each already holds everything under it, so nothing counts twice."""
    paths = scope_paths(user, Role.VIEWER)
    if paths is None:
        return Unit.objects.filter(depth=1)
    return Unit.objects.filter(path__in=paths)


def scope_totals(
    *, user, indicators: list[str], periods: dict[str, tuple[datetime.date, datetime.date]], key: str = TOTAL
) -> dict[str, dict[str, int]]:
    """``{period name: {indicator: value}}`` over the user's scope, months ``start``..``end`` inclusive."""

    def months(start, end):
        return Q(month__gte=start.replace(day=1), month__lte=end.replace(day=1))

    sums = {
        name: Sum("value", filter=months(start, end), default=0) for name, (start, end) in periods.items()
    }
    # One range over all the periods (an OR of ranges loses the index on SQLite): the months
    # between them are read and left out of every sum.
    within = months(
        min(start for start, _end in periods.values()), max(end for _start, end in periods.values())
    )
    rows = (
        Tally.objects.filter(
            within, unit__in=scope_units(user).values("pk"), key=key, indicator__in=indicators
        )
        .values("indicator")
        .annotate(**sums)
        .order_by()
    )
    result = {name: dict.fromkeys(indicators, 0) for name in periods}
    for row in rows:
        for name in periods:
            result[name][row["indicator"]] = int(row[name] or 0)
    return result


def read(
    *,
    units,
    start: datetime.date | None,
    end: datetime.date,
    indicators,
    dimension: str = "",
    by_year: bool = False,
) -> dict[tuple[int, str, str, int | None], int]:
    """The figures of ``units`` (each with everything under it) for the days ``start``..``end``
    inclusive (``start`` None: from the first record).

    ``{(unit id, indicator, key, year or None): value}``: ``key`` is "" for the totals
    (``dimension`` ""), else every key of that dimension ("country:LA", ...); ``year`` is
    set when ``by_year`` (the part of the period in each calendar year). Zeros are left out.
    """
    start = start or datetime.date(1900, 1, 1)
    rows = Tally.objects.filter(
        unit__in=list(units),
        indicator__in=list(indicators),
        month__gte=start.replace(day=1),
        month__lte=end.replace(day=1),
    )
    rows = rows.filter(key__startswith=f"{dimension}:") if dimension else rows.filter(key=TOTAL)
    result: dict[tuple[int, str, str, int | None], int] = {}
    for unit_id, indicator, key, month, value in rows.values_list(
        "unit_id", "indicator", "key", "month", "value"
    ):
        if not value:
            continue
        index = (unit_id, indicator, key, month.year if by_year else None)
        result[index] = result.get(index, 0) + value
    return {index: value for index, value in result.items() if value}
