"""Keeping the figures in step with the records, in the same transaction as each write.

Every service that writes a counted record (or a row hanging on it: members,
costs, items) calls :func:`sync` with the record before its transaction ends.
``sync`` asks the record's :class:`~.sources.FigureSource` what the record adds
now, compares it with what it added before (its :class:`~.models.Contribution`),
and adds only the difference to the owning unit and every unit above it. Calling
it twice changes nothing the second time.

Concurrent writers: the record's row is locked first, so two changes to one
record are compared one after the other; the figures themselves are changed by
``value = value + delta`` upserts in a fixed order, never read-modify-write, so
writers to different records only wait for each other on the rows they share.
"""

from __future__ import annotations

import contextlib
import datetime
import json
from collections import defaultdict
from collections.abc import Iterable
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models import Model

from solidarity.units.models import Unit

from .models import Contribution, Grain, Tally
from .sources import FigureSource, all_sources, sources_for

Key = tuple[str, str, str]  # (day "YYYY-MM-DD", indicator, key)


def contributions(source: FigureSource, pk) -> tuple[int | None, dict[Key, int]]:
    """What record ``pk`` of ``source`` adds now, and the unit it counts under: one query."""
    return contributions_of(source, [pk]).get(pk, (None, {}))


def contributions_of(source: FigureSource, pks) -> dict[int, tuple[int | None, dict[Key, int]]]:
    """:func:`contributions` of several records in one query (the rows carry their record's id)."""
    queries = source.queries(source.records().filter(pk__in=list(pks)))
    multiple = {}
    parts = []
    for measure, dimension, rows in queries:
        parts.append(rows)
        if dimension is not None and dimension.multiple:
            multiple[(measure.indicator, dimension.prefix)] = True
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    units: dict[int, int] = {}
    found: dict[int, dict[Key, int]] = defaultdict(lambda: defaultdict(int))
    for row in combined:
        if not row["v"]:
            continue
        record = row["r"]
        units[record] = row["u"]
        day = _day(row["m"])
        key = row["k"] or ""
        prefix = key.split(":", 1)[0] + ":" if ":" in key else ""
        if prefix and (row["i"], prefix) in multiple:
            for code in {code for code in key[len(prefix) :].split(",") if code}:
                found[record][(day, row["i"], prefix + code)] += int(row["v"])
        else:
            found[record][(day, row["i"], key)] += int(row["v"])
    return {record: (units[record], dict(keys)) for record, keys in found.items()}


def _day(value) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)[:10]


def grains(day: str) -> tuple[tuple[int, str], ...]:
    """The rows one day's figure goes into: the day, its month, its year."""
    return ((Grain.DAY, day), (Grain.MONTH, day[:8] + "01"), (Grain.YEAR, day[:5] + "01-01"))


def sync(record: Model) -> None:
    """Bring the figures to what ``record`` adds now. Call it inside the write's transaction."""
    if record.pk is None:
        return
    pending = _DEFERRED.get()
    if pending is not None:
        pending[(type(record), record.pk)] = record
        return
    for source in sources_for(record):
        _sync(source, record)
    _sync_followers([record])


def _sync_followers(records: Iterable[Model]) -> None:
    """The rows of other sources that read ``records`` (``FigureSource.follows``), once each."""
    records = list(records)
    for source in all_sources():
        rows = source.follows(records)
        if rows is None:
            continue
        own = [record.pk for record in records if isinstance(record, source.model)]
        if own:
            rows = rows.exclude(pk__in=own)  # synced as themselves already
        pks_sorted = sorted(set(rows.values_list("pk", flat=True)))
        for start in range(0, len(pks_sorted), 500):
            _sync_chunk(source, pks_sorted[start : start + 500])


_DEFERRED: ContextVar[dict | None] = ContextVar("figures_deferred", default=None)


@contextlib.contextmanager
def deferred():
    """Syncs asked for inside the block are done once each, together, when it ends without error.

    For bulk writers (a spreadsheet import of thousands of records): the services
    still ask for every sync; the figures are brought along in a few queries per
    500 records instead of a few per record. Use it inside the writes' transaction,
    so the figures are still kept in the same transaction as the records.
    """
    if _DEFERRED.get() is not None:
        yield
        return
    pending: dict = {}
    token = _DEFERRED.set(pending)
    try:
        yield
    finally:
        _DEFERRED.reset(token)
    sync_many(pending.values())


def sync_many(records: Iterable[Model]) -> None:
    """:func:`sync` of many records: per source, one lock, one read and one write per 500 records."""
    records = list(records)
    by_source: dict[str, tuple[FigureSource, list]] = {}
    for record in records:
        for source in sources_for(record):
            by_source.setdefault(source.name, (source, []))[1].append(record.pk)
    for source, pks in by_source.values():
        pks = sorted(set(pks))
        for start in range(0, len(pks), 500):
            _sync_chunk(source, pks[start : start + 500])
    _sync_followers(records)


def _sync_chunk(source: FigureSource, pks: list[int]) -> None:
    with transaction.atomic(savepoint=False):
        list(source.model._default_manager.select_for_update().filter(pk__in=pks).values_list("pk"))
        now_of = contributions_of(source, pks)
        stored_of = {
            c.record_id: c
            for c in Contribution.objects.select_for_update().filter(source=source.name, record_id__in=pks)
        }
        deltas: dict[tuple[int, int, str, str, str], int] = defaultdict(int)
        chains: dict[int, list[int]] = {}
        creates, updates, deletes = [], [], []
        for pk in pks:
            unit_id, now = now_of.get(pk, (None, {}))
            stored = stored_of.get(pk)
            before = {(m, i, k): v for m, i, k, v in json.loads(stored.data)} if stored is not None else {}
            if stored is not None and stored.unit_id == unit_id and before == now:
                continue
            for unit, values, sign in ((stored and stored.unit_id, before, -1), (unit_id, now, 1)):
                if not values:
                    continue
                if unit not in chains:
                    chains[unit] = _chain(unit)
                for ancestor in chains[unit]:
                    for (m, i, k), v in values.items():
                        for grain, day in grains(m):
                            deltas[(ancestor, grain, day, i, k)] += sign * v
            data = json.dumps(sorted([m, i, k, v] for (m, i, k), v in now.items()), ensure_ascii=False)
            if not now:
                if stored is not None:
                    deletes.append(stored.pk)
            elif stored is None:
                creates.append(Contribution(source=source.name, record_id=pk, unit_id=unit_id, data=data))
            else:
                stored.unit_id, stored.data = unit_id, data
                updates.append(stored)
        apply_deltas(deltas)
        Contribution.objects.filter(pk__in=deletes).delete()
        Contribution.objects.bulk_create(creates, batch_size=500)
        Contribution.objects.bulk_update(updates, ["unit", "data"], batch_size=500)


def _sync(source: FigureSource, record: Model) -> None:
    with transaction.atomic(savepoint=False):
        # Syncs of one record run one after the other (SQLite serialises every writer anyway).
        list(source.model._default_manager.select_for_update().filter(pk=record.pk).values_list("pk"))
        unit_id, now = contributions(source, record.pk)
        stored = (
            Contribution.objects.select_for_update().filter(source=source.name, record_id=record.pk).first()
        )
        before: dict[Key, int] = {}
        if stored is not None:
            before = {(m, i, k): v for m, i, k, v in json.loads(stored.data)}
        if stored is not None and stored.unit_id == unit_id and before == now:
            return
        deltas: dict[tuple[int, int, str, str, str], int] = defaultdict(int)
        chains: dict[int, list[int]] = {}  # a record that stays with its unit: one lookup of its chain

        def chain(unit: int) -> list[int]:
            if unit not in chains:
                chains[unit] = _chain(unit)
            return chains[unit]

        if stored is not None and before:
            for ancestor in chain(stored.unit_id):
                for (m, i, k), v in before.items():
                    for grain, day in grains(m):
                        deltas[(ancestor, grain, day, i, k)] -= v
        if now:
            for ancestor in chain(unit_id):
                for (m, i, k), v in now.items():
                    for grain, day in grains(m):
                        deltas[(ancestor, grain, day, i, k)] += v
        apply_deltas(deltas)
        if not now:
            if stored is not None:
                stored.delete()
        else:
            data = json.dumps(sorted([m, i, k, v] for (m, i, k), v in now.items()), ensure_ascii=False)
            if stored is None:
                Contribution.objects.create(
                    source=source.name, record_id=record.pk, unit_id=unit_id, data=data
                )
            else:
                stored.unit_id, stored.data = unit_id, data
                stored.save(update_fields=["unit", "data"])


def sync_dependents(instance: Model) -> None:
    """``instance`` (e.g. a partner whose country changed) is read by other records' breakdowns:
    bring each of those records' figures along. Call it inside the change's transaction."""
    for source in all_sources():
        lookup = source.depends_on.get(instance._meta.label)
        if lookup:
            for record in source.model._default_manager.filter(**{lookup: instance}).order_by("pk"):
                sync(record)


def _chain(unit_id: int) -> list[int]:
    """The unit and every unit above it."""
    path = Unit.objects.filter(pk=unit_id).values_list("path", flat=True).first()
    if path is None:
        return []
    prefixes = [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]
    return list(Unit.objects.filter(path__in=prefixes).values_list("pk", flat=True))


def _table() -> tuple[str, str]:
    qn = connection.ops.quote_name
    return qn(Tally._meta.db_table), qn("key")


def _upsert_sql(select_or_values: str) -> str:
    table, key = _table()
    return (
        f"INSERT INTO {table} (unit_id, dimension, grain, indicator, day, {key}, value) {select_or_values} "
        f"ON CONFLICT (unit_id, dimension, grain, indicator, day, {key}) "
        f"DO UPDATE SET value = {table}.value + excluded.value"
    )


def dimension_of(key: str) -> str:
    """ "country" for "country:LA"; "" for a total."""
    return key.split(":", 1)[0] if ":" in key else ""


def apply_deltas(deltas: dict[tuple[int, int, str, str, str], int]) -> None:
    """Add each ``(unit, grain, day, indicator, key) -> delta`` to the figures, creating missing rows.

    In a fixed order, so two writers touching the same rows (every write
    reaches the root's) lock them in the same order and never deadlock.
    """
    rows = sorted(
        (unit, dimension_of(key), grain, indicator, datetime.date.fromisoformat(day), key, value)
        for (unit, grain, day, indicator, key), value in deltas.items()
        if value
    )
    if not rows:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            values = "VALUES " + ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(_upsert_sql(values), [field for row in chunk for field in row])


def move_subtree(*, unit_id: int, old_ancestor_ids: Iterable[int], new_ancestor_ids: Iterable[int]) -> None:
    """A unit moved with everything under it: its figures leave the old ancestors and reach the new ones.

    The moved unit's own rows already hold its whole subtree; units inside the
    subtree keep theirs. Set-based: two statements whatever the size.
    """
    old, new = set(old_ancestor_ids), set(new_ancestor_ids)
    table, key = _table()
    with connection.cursor() as cursor:
        for ids, sign in ((sorted(old - new), -1), (sorted(new - old), 1)):
            if not ids:
                continue
            units = ", ".join(["%s"] * len(ids))
            select = (
                f"SELECT a.id, t.dimension, t.grain, t.indicator, t.day, t.{key}, {sign} * t.value "
                f"FROM {table} t CROSS JOIN {connection.ops.quote_name(Unit._meta.db_table)} a "
                f"WHERE t.unit_id = %s AND t.value <> 0 AND a.id IN ({units}) "
                f"ORDER BY a.id, t.dimension, t.grain, t.indicator, t.day, t.{key}"
            )
            cursor.execute(_upsert_sql(select), [unit_id, *ids])
