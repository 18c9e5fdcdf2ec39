"""Recompute every figure from the records, set-based, to rebuild them or to prove them right.

The same declarations as :func:`.services.sync` (one query per measure and
breakdown over all records, grouped), then one grouped insert per level of
the tree to add each unit's figures to its ancestors. Nothing runs per
record in Python: a million records take seconds to a minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from solidarity.units.models import Unit

from .models import Contribution, Grain, Tally
from .sources import all_sources

ROWS, OWN, EXPECTED = "figures_tmp_rows", "figures_tmp_own", "figures_tmp_expected"


class _Steps:
    """Times each step for whoever asks (the command's --verbosity 2)."""

    def __init__(self, report: Callable[[str], None] | None):
        self.report, self.last = report, time.perf_counter()

    def __call__(self, label: str) -> None:
        now = time.perf_counter()
        if self.report:
            self.report(f"  {label}: {now - self.last:.1f} s")
        self.last = now


@contextmanager
def _postgresql_bulk():
    """PostgreSQL hashes and sorts in memory instead of spilling: ``work_mem`` for this transaction only."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '256MB'")
    yield


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _temp(cursor, name: str, columns: str) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns})")


def _fill_rows(cursor, step=None) -> None:
    """Every record's contributions, one row per (record, day, indicator, key)."""
    _temp(
        cursor,
        ROWS,
        "source varchar(30), record_id bigint, unit_id integer, day date, "
        "indicator varchar(40), k varchar(60), value bigint",
    )
    for source in all_sources():
        for _measure, dimension, rows in source.queries():
            sql, params = rows.query.sql_with_params()
            head = f"INSERT INTO {ROWS} SELECT %s, q.r, q.u, q.m, q.i"
            if dimension is not None and dimension.multiple:
                start = len(dimension.prefix) + 1
                if connection.vendor == "postgresql":
                    tail = (
                        f", %s || code, q.v FROM ({sql}) q "
                        f"CROSS JOIN LATERAL unnest(string_to_array(substr(q.k, {start}), ',')) AS code "
                        f"WHERE code <> '' AND q.v <> 0"
                    )
                else:
                    tail = (
                        f", %s || j.value, q.v FROM ({sql}) q, "
                        f"json_each('[\"' || replace(substr(q.k, {start}), ',', '\",\"') || '\"]') j "
                        f"WHERE j.value <> '' AND q.v <> 0"
                    )
                cursor.execute(head + tail, [source.name, dimension.prefix, *params])
            else:
                cursor.execute(head + f", q.k, q.v FROM ({sql}) q WHERE q.v <> 0", [source.name, *params])
            if step is not None:
                step(f"{source.name}: {_measure.indicator} {dimension.name if dimension else 'total'}")


def _truncate(part: str) -> str:
    """SQL for the first day of the month or year of the column ``day``."""
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('{part}', day) AS date)"
    return f"date(day, 'start of {part}')"


def _dimension() -> str:
    """SQL for the dimension of the key ``k`` ("country" of "country:LA", "" of a total)."""
    if connection.vendor == "postgresql":
        return "split_part(k, ':', 1)"
    return "CASE WHEN instr(k, ':') > 0 THEN substr(k, 1, instr(k, ':') - 1) ELSE '' END"


def _fill_own(cursor) -> None:
    """Each unit's own figures at every grain: per day, per month, per year."""
    _temp(
        cursor,
        OWN,
        "unit_id integer, dimension varchar(20), grain smallint, day date, indicator varchar(40), "
        "k varchar(60), value bigint",
    )
    for grain, day in (
        (Grain.DAY, "day"),
        (Grain.MONTH, _truncate("month")),
        (Grain.YEAR, _truncate("year")),
    ):
        cursor.execute(
            f"INSERT INTO {OWN} SELECT unit_id, {_dimension()}, {int(grain)}, {day}, indicator, k, "
            f"SUM(value) FROM {ROWS} GROUP BY unit_id, {day}, indicator, k"
        )


def _roll_up(cursor, target: str) -> None:
    """Each unit's own figures, added to it and to every unit above it: one grouped insert per depth.

    (Adding each level to its parents from the deepest up reads fewer rows, but its
    upserts cost twice as much on PostgreSQL.)
    """
    units, key = _qn(Unit._meta.db_table), _qn("key")
    depth = Unit.objects.order_by("-depth").values_list("depth", flat=True).first() or 0
    for level in range(1, depth + 1):
        cursor.execute(
            f"INSERT INTO {target} (unit_id, dimension, grain, indicator, day, {key}, value) "
            f"SELECT a.id, o.dimension, o.grain, o.indicator, o.day, o.k, SUM(o.value) FROM {OWN} o "
            f"JOIN {units} u ON u.id = o.unit_id "
            f"JOIN {units} a ON a.path = substr(u.path, 1, %s) "
            f"WHERE u.depth >= %s GROUP BY a.id, o.dimension, o.grain, o.indicator, o.day, o.k "
            # In the unique index's order: appending to a B-tree is much cheaper than scattering.
            f"ORDER BY a.id, o.dimension, o.grain, o.indicator, o.day, o.k",
            [level * Unit.steplen, level],
        )


def _drop(cursor, *names: str) -> None:
    for name in names:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")


def rebuild(report: Callable[[str], None] | None = None) -> dict[str, int]:
    """Replace every figure and every record's contribution by what the records say now."""
    tally, contributions = _qn(Tally._meta.db_table), _qn(Contribution._meta.db_table)
    step = _Steps(report)
    with transaction.atomic(), _postgresql_bulk(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Writers wait (their sync reads a record's contribution) until the new figures are in.
            cursor.execute(f"LOCK TABLE {tally}, {contributions} IN EXCLUSIVE MODE")
        _fill_rows(cursor, step)
        if connection.vendor == "postgresql":
            # Deferred key checks still pending in this transaction would refuse the TRUNCATE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {tally}, {contributions}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute(f"DELETE FROM {tally}")
            cursor.execute(f"DELETE FROM {contributions}")
        if connection.vendor == "postgresql":
            data = "json_agg(json_build_array(day, indicator, k, value))::text"
        else:
            data = "json_group_array(json_array(day, indicator, k, value))"
        cursor.execute(
            f"INSERT INTO {contributions} (source, record_id, unit_id, data) "
            f"SELECT source, record_id, MIN(unit_id), {data} FROM {ROWS} GROUP BY source, record_id"
        )
        step("stored per record")
        _fill_own(cursor)
        step("added up per unit")
        _roll_up(cursor, tally)
        step("added to every unit above")
        _drop(cursor, ROWS, OWN)
        # Fresh statistics, so the planners read a unit's figures through the key's index.
        cursor.execute(f"ANALYZE {tally}")
        cursor.execute(f"ANALYZE {contributions}")
        step("analysed")
    step("committed")
    return {"figures": Tally.objects.count(), "records": Contribution.objects.count()}


@dataclass(frozen=True)
class Difference:
    unit_id: int
    grain: int
    day: str
    indicator: str
    key: str
    stored: int
    recounted: int

    def __str__(self) -> str:
        return (
            f"unit {self.unit_id} {Grain(self.grain).label} {self.day} {self.indicator} "
            f"{self.key or '(total)'}: "
            f"stored {self.stored}, recounted {self.recounted}"
        )


def check(limit: int = 50, report: Callable[[str], None] | None = None) -> tuple[int, list[Difference]]:
    """Recount every figure from the records and compare: (number of differences, the first ``limit``)."""
    tally = _qn(Tally._meta.db_table)
    key = _qn("key")
    step = _Steps(report)
    with transaction.atomic(), _postgresql_bulk(), connection.cursor() as cursor:
        _fill_rows(cursor, step)
        _fill_own(cursor)
        step("added up per unit")
        _temp(
            cursor,
            EXPECTED,
            f"unit_id integer, dimension varchar(20), grain smallint, day date, "
            f"indicator varchar(40), {key} varchar(60), value bigint",
        )
        _roll_up(cursor, EXPECTED)
        step("added to every unit above")
        columns = f"unit_id, {key}, grain, day, indicator, value"
        differing = (
            # Zeros on both sides are no figure: an entry and its reversal in one month add up to 0.
            f"SELECT {columns} FROM (SELECT {columns} FROM {EXPECTED} WHERE value <> 0 "
            f"EXCEPT SELECT {columns} FROM {tally} WHERE value <> 0) d "
            f"UNION SELECT {columns} FROM (SELECT {columns} FROM {tally} WHERE value <> 0 "
            f"EXCEPT SELECT {columns} FROM {EXPECTED} WHERE value <> 0) d"
        )
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT DISTINCT unit_id, {key}, grain, day, indicator "
            f"FROM ({differing}) x) y"
        )
        count = cursor.fetchone()[0]
        step("compared")
        cursor.execute(
            f"SELECT DISTINCT x.unit_id, x.{key}, x.grain, x.day, x.indicator, "
            f"COALESCE(t.value, 0), COALESCE(e.value, 0) FROM ({differing}) x "
            f"LEFT JOIN {tally} t ON t.unit_id = x.unit_id AND t.{key} = x.{key} "
            f"AND t.grain = x.grain AND t.day = x.day AND t.indicator = x.indicator "
            f"LEFT JOIN {EXPECTED} e ON e.unit_id = x.unit_id AND e.{key} = x.{key} "
            f"AND e.grain = x.grain AND e.day = x.day AND e.indicator = x.indicator "
            f"ORDER BY x.unit_id, x.grain, x.day, x.indicator, x.{key} LIMIT %s",
            [limit],
        )
        found = [
            Difference(unit, int(grain), str(day)[:10], indicator, k, int(stored), int(recounted))
            for unit, k, grain, day, indicator, stored, recounted in cursor.fetchall()
        ]
        _drop(cursor, ROWS, OWN, EXPECTED)
    return count, found
