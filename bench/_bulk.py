"""Bulk loading for the bench generator: COPY on PostgreSQL, executemany on SQLite.

Rows are tuples of plain Python values (str, int, bool, date, aware datetime,
Decimal, None) for the columns the generator names. Every other concrete
field of the model gets the value Django would give it (its default, the
current time for ``auto_now``), read from the model's fields when the writer
opens; a column with a database default is left to the database. So a
nullable or defaulted column that a later migration adds (a ``version``, a
flag) is filled without touching the generator. ``bulk_create`` would do the
same but prepares every value in Python, at ten times the database's cost.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

UTC = datetime.UTC


def _sqlite_adapter(field):
    """A function turning a generated value into what Django's SQLite backend stores, or None."""
    from django.db import models

    if isinstance(field, models.DateTimeField):
        return lambda v: None if v is None else str(v.astimezone(UTC).replace(tzinfo=None))
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(field, models.DecimalField):
        return lambda v: None if v is None else str(v)
    return None


class Writer:
    """Collects rows for one table and writes them in chunks.

    ``columns`` are field names (``owner_unit``) or attnames (``owner_unit_id``)
    of ``model`` (a through model for many-to-many tables works too).
    """

    def __init__(self, model, columns: list[str], *, chunk: int = 20_000):
        from django.db import connection, models
        from django.utils import timezone

        self.model, self.chunk = model, chunk
        self.vendor = connection.vendor
        meta = model._meta
        by_name = {}
        for field in meta.concrete_fields:
            by_name[field.name] = field
            by_name[field.attname] = field
        self.fields = [by_name[name] for name in columns]
        named = {field.name for field in self.fields}
        now = timezone.now()
        extra_fields, extra_values, self.per_row = [], [], []
        for field in meta.concrete_fields:
            if field.name in named or field.primary_key:
                continue
            if getattr(field, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED:
                continue  # the database fills it
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.has_default():
                if callable(field.default) and field.unique:
                    # A unique callable default (a token, a UUID) must differ per row.
                    self.per_row.append((len(extra_fields), field))
                value = field.get_default()
            elif field.null:
                value = None
            else:
                value = field.get_default()  # "" for text; a NOT NULL column without one fails loudly
            extra_fields.append(field)
            extra_values.append(field.get_db_prep_save(value, connection))
        self.extra = tuple(extra_values)
        qn = connection.ops.quote_name
        self.table = qn(meta.db_table)
        self.column_sql = ", ".join(qn(f.column) for f in [*self.fields, *extra_fields])
        self.n_columns = len(self.fields) + len(extra_fields)
        self.extra_offset = len(self.fields)
        self.adapters = []
        if self.vendor == "sqlite":
            self.adapters = [
                (i, adapter) for i, field in enumerate(self.fields) if (adapter := _sqlite_adapter(field))
            ]
        self.rows: list[tuple] = []
        self.count = 0

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.chunk:
            self.flush()

    def extend(self, rows) -> None:
        for row in rows:
            self.add(row)

    def _complete(self, rows: list[tuple]) -> list[tuple]:
        if self.adapters:
            adapters = self.adapters
            out = []
            for row in rows:
                row = list(row)
                for i, adapt in adapters:
                    row[i] = adapt(row[i])
                out.append(tuple(row))
            rows = out
        extra = self.extra
        if self.per_row:
            from django.db import connection

            completed = []
            for row in rows:
                values = list(extra)
                for index, field in self.per_row:
                    values[index] = field.get_db_prep_save(field.get_default(), connection)
                completed.append(row + tuple(values))
            return completed
        return [row + extra for row in rows] if extra else rows

    def flush(self) -> None:
        if not self.rows:
            return
        from django.db import connection

        rows = self._complete(self.rows)
        self.count += len(rows)
        self.rows = []
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f"COPY {self.table} ({self.column_sql}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * self.n_columns)
                cursor.executemany(f"INSERT INTO {self.table} ({self.column_sql}) VALUES ({marks})", rows)

    def close(self) -> int:
        self.flush()
        return self.count


def write(model, columns: list[str], rows) -> int:
    writer = Writer(model, columns)
    writer.extend(rows)
    return writer.close()


def fast_load(enable: bool) -> None:
    """Skip per-row foreign-key triggers (PostgreSQL) and fsyncs (SQLite) while loading.

    The keys are checked afterwards, table by table, with :func:`check_foreign_keys`.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            try:
                cursor.execute(f"SET session_replication_role = {'replica' if enable else 'origin'}")
            except Exception:  # noqa: BLE001 - not a superuser (autocommit): load with the triggers on
                pass
            _trigram_indexes(cursor, enable)
        else:
            cursor.execute(f"PRAGMA synchronous = {'OFF' if enable else 'NORMAL'}")
            cursor.execute(f"PRAGMA foreign_keys = {'OFF' if enable else 'ON'}")
            if enable:
                cursor.execute("PRAGMA cache_size = -400000")
            _text_index_triggers(cursor, enable)


_dropped_indexes: list[str] = []


def _trigram_indexes(cursor, enable: bool) -> None:
    """PostgreSQL: build the text indexes (solidarity.core.search) once at the end, not row by row."""
    if enable:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%'")
        for name, definition in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
            _dropped_indexes.append(definition)
    else:
        while _dropped_indexes:
            cursor.execute(_dropped_indexes.pop())


def _text_index_triggers(cursor, enable: bool) -> None:
    """SQLite: fill the text indexes (solidarity.core.search) once at the end, not row by row."""
    from solidarity.core.search import repair_sqlite_triggers

    if enable:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in cursor.fetchall():
            if not name.endswith("_fts_insert"):
                continue
            cursor.execute(f'DROP TRIGGER "{name}"')
    else:
        repair_sqlite_triggers()  # puts the triggers back and rebuilds each index from its table


def check_foreign_keys(models_) -> list[str]:
    """Every non-null foreign key of ``models_`` points at an existing row: one anti-join per key."""
    from django.db import connection

    qn = connection.ops.quote_name
    problems = []
    with connection.cursor() as cursor:
        for model in models_:
            for field in model._meta.concrete_fields:
                if not field.is_relation or not field.many_to_one and not field.one_to_one:
                    continue
                target = field.related_model._meta
                target_column = field.target_field.column
                column, parent = f"c.{qn(field.column)}", f"p.{qn(target_column)}"
                sql = (
                    f"SELECT COUNT(*) FROM {qn(model._meta.db_table)} c WHERE {column} IS NOT NULL AND "
                    f"NOT EXISTS (SELECT 1 FROM {qn(target.db_table)} p WHERE {parent} = {column})"
                )
                cursor.execute(sql)
                missing = cursor.fetchone()[0]
                if missing:
                    problems.append(f"{model._meta.label}.{field.name}: {missing} rows point nowhere")
    return problems


def reset_sequences(models_) -> None:
    """After explicit ids on PostgreSQL, the next id the app creates must not collide."""
    from django.core.management.color import no_style
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)


def money(value: int) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


# --- text ---------------------------------------------------------------------------------

_MARKS = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")


def fast_fold(text: str) -> str:
    """``solidarity.core.text.fold`` for generated text, without a Python loop per character.

    The generator asserts it equals the app's ``fold`` on samples of every column it fills.
    """
    if not text:
        return ""
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return _SPACES.sub(" ", stripped.lower().replace("đ", "d").replace("ð", "d")).strip()


def fast_fold_join(*parts: str) -> str:
    """``solidarity.core.text.fold_join``: the folded non-empty parts joined by `` | ``."""
    return " | ".join(fast_fold(part) for part in parts if part)
