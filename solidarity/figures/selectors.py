"""Reading the maintained figures: one indexed query, whatever the number of records under a unit.

Any period is read as the fewest rows that cover it exactly (:func:`pieces`):
its whole years from the year rows, the whole months at its ends from the
month rows, the days at its edges from the day rows. Ten years of a unit's
figure are about ten rows, not 3,650 days or 120 months.
"""

from __future__ import annotations

import datetime

from django.db import connection

from solidarity.accounts.permissions import Role, scope_paths
from solidarity.units.models import Unit

from .models import Grain, Tally
from .sources import TOTAL


def scope_units(user):
    """The units whose figures, added up, are the user's scope: one per scope prefix (the roots
    for a national user). Each already holds everything under it, so nothing counts twice."""
    paths = scope_paths(user, Role.VIEWER)
    if paths is None:
        return Unit.objects.filter(depth=1)
    return Unit.objects.filter(path__in=paths)


def pieces(start: datetime.date, end: datetime.date) -> list[tuple[int, datetime.date, datetime.date]]:
    """``start``..``end`` (inclusive) as ``(grain, first row's day, last row's day)`` ranges covering
    it exactly: whole years from year rows, whole months from month rows, the rest from day rows."""
    one_day = datetime.timedelta(days=1)
    out: list[tuple[int, datetime.date, datetime.date]] = []
    day = start
    while day <= end:
        if (day.month, day.day) == (1, 1) and datetime.date(day.year, 12, 31) <= end:
            last_year = end.year if (end.month, end.day) == (12, 31) else end.year - 1
            out.append((Grain.YEAR, day, datetime.date(last_year, 1, 1)))
            day = datetime.date(last_year + 1, 1, 1)
        elif day.day == 1 and _month_end(day) <= end:
            last = day  # whole months, within this year (a whole year after them is read as one)
            while True:
                following = _month_end(last) + one_day
                if following.year != day.year or _month_end(following) > end:
                    break
                last = following
            out.append((Grain.MONTH, day, last))
            day = _month_end(last) + one_day
        else:
            last = min(_month_end(day), end)
            out.append((Grain.DAY, day, last))
            day = last + one_day
    return out


def _month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


EARLIEST = datetime.date(1900, 1, 1)


def read(
    *,
    units,
    start: datetime.date | None,
    end: datetime.date,
    indicators,
    dimension: str = "",
    by_year: bool = False,
    keys=None,
) -> dict[tuple[int, str, str, int | None], int]:
    """The figures of ``units`` (each with everything under it) for the days ``start``..``end``
    inclusive (``start`` None: from the first record). One query.

    ``{(unit id, indicator, key, year or None): value}``: ``key`` is "" for the totals
    (``dimension`` ""), else every key of that dimension ("country:LA", ...); ``year`` is
    set when ``by_year`` (the part of the period in each calendar year); ``keys`` keeps only
    those keys of the dimension. Zeros are left out.
    """
    units, indicators = list(units), list(indicators)
    keys = None if keys is None else list(keys)
    if not units or not indicators or keys == [] or (start and start > end):
        return {}
    rows = _rows(
        units, start, end, indicators, dimension, keys, ("unit_id", "indicator", "key", "day", "value")
    )
    # Added up in the database: a province's children over a union period are 25,000 rows of
    # days and months, and a few hundred sums.
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    qn = connection.ops.quote_name
    columns = f"t.unit_id, t.indicator, t.{qn('key')}"
    if not by_year:
        year = "NULL"
    elif connection.vendor == "postgresql":
        year = "CAST(EXTRACT(YEAR FROM t.day) AS integer)"
    else:
        year = "CAST(substr(t.day, 1, 4) AS integer)"  # ISO text: no date parsing per row
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, {year}, SUM(t.{qn('value')}) FROM ({sql}) t GROUP BY {columns}, 4",
            params,
        )
        return {
            (unit, indicator, key, year): int(total)
            for unit, indicator, key, year, total in cursor.fetchall()
            if total
        }


def _rows(units, start, end, indicators, dimension, keys, columns):
    base = Tally.objects.filter(unit__in=units, indicator__in=indicators, dimension=dimension)
    if keys is not None:
        base = base.filter(key__in=list(keys))
    # One branch per piece, each a range of the unique index; a UNION ALL rather than an OR,
    # which SQLite would read as a scan of the unit's rows.
    parts = [
        base.filter(grain=grain, day__gte=first, day__lte=last).values_list(*columns)
        for grain, first, last in pieces(start or EARLIEST, end)
    ]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def top_keys(
    *,
    unit: int,
    start: datetime.date | None,
    end: datetime.date,
    indicators,
    dimension: str,
    limit: int,
    rank_by=None,
) -> list[tuple[str, dict[str, int]]]:
    """The ``limit`` keys of ``dimension`` with the largest sum of ``rank_by`` (default: all of
    ``indicators``) for ``unit`` over the period, largest first, each with its sum of every indicator:
    ``[(key, {indicator: value})]``. Added up, ranked and cut in the database in one statement,
    whatever the number of keys (a national scope has tens of thousands of partners); the rows
    are read once (a second read of the chosen keys would walk the index by day, not by key)."""
    indicators = list(indicators)
    rank_by = list(rank_by or indicators)
    if not indicators or (start and start > end):
        return []
    rows = _rows([unit], start, end, indicators, dimension, None, ("key", "indicator", "value"))
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    key, value = connection.ops.quote_name("key"), connection.ops.quote_name("value")
    ranked = ", ".join(["%s"] * len(rank_by))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH sums AS (SELECT t.{key} AS k, t.indicator AS i, SUM(t.{value}) AS v FROM ({sql}) t "
            f"GROUP BY t.{key}, t.indicator), "
            f"top AS (SELECT k, SUM(CASE WHEN i IN ({ranked}) THEN v ELSE 0 END) AS r FROM sums "
            f"GROUP BY k HAVING SUM(CASE WHEN i IN ({ranked}) THEN v ELSE 0 END) <> 0 "
            f"ORDER BY r DESC, k LIMIT %s) "
            f"SELECT sums.k, sums.i, sums.v FROM sums JOIN top ON top.k = sums.k ORDER BY top.r DESC, sums.k",
            [*params, *rank_by, *rank_by, limit],
        )
        found: dict[str, dict[str, int]] = {}
        for k, indicator, total in cursor.fetchall():
            found.setdefault(k, {})[indicator] = int(total)
    return list(found.items())


def scope_totals(
    *, user, indicators: list[str], periods: dict[str, tuple[datetime.date, datetime.date]], key: str = TOTAL
) -> dict[str, dict[str, int]]:
    """``{period name: {indicator: value}}`` over the user's scope, days ``start``..``end`` inclusive.

    One query per period: the scope's units each hold everything under them."""
    units = list(scope_units(user).values_list("pk", flat=True))
    dimension = key.split(":", 1)[0] if key else ""
    result = {}
    for name, (start, end) in periods.items():
        totals = dict.fromkeys(indicators, 0)
        for (_unit, indicator, k, _year), value in read(
            units=units, start=start, end=end, indicators=indicators, dimension=dimension
        ).items():
            if k == key:
                totals[indicator] += value
        result[name] = totals
    return result
