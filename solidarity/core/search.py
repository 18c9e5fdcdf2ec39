"""Text search through a real index, with the meaning of ``LIKE '%term%'``.

Every search box asks one question: does this column contain the term (the
folded ``search_text`` columns, see :mod:`solidarity.core.text`, or free text
such as a meeting's conclusions, case-insensitively). Without an index that
is a scan of the whole table. Both databases can index it:

- PostgreSQL: pg_trgm. A GIN trigram index on the column (on ``UPPER(column)``
  for the case-insensitive lookup, as Django writes ``icontains``) serves
  ``LIKE '%term%'`` itself: a Bitmap Index Scan, then PostgreSQL rechecks the
  LIKE on the rows it found.
- SQLite (3.34+): an FTS5 table with the trigram tokenizer, as external
  content (it stores only the index, the text stays in the table), kept in
  step by triggers. ``table.id IN (SELECT rowid FROM fts WHERE fts MATCH
  '"ter" AND "erm"')`` finds the candidates and the same LIKE as before
  decides, so the results are the LIKE's exactly. Terms shorter than three
  characters have no trigram, and a term in many rows gains nothing from the
  index (see ``COMMON_SHARE``): they stay a plain LIKE (a scan).

Use: ``text_search(queryset, text)`` in a model's ``search()``, or the lookups
``<field>__indexed_contains`` / ``<field>__indexed_icontains`` in a ``Q`` (any
model, across relations). A column gets its index from the migration
operation :class:`AddTextIndex`; a lookup on a column without one fails loudly
on SQLite (no such table).
"""

from __future__ import annotations

import logging
import re
from functools import partial

from django.db import connections, router
from django.db.migrations.operations.base import Operation
from django.db.models import CharField, Q, QuerySet, TextField
from django.db.models.expressions import Col
from django.db.models.lookups import Contains, IContains

from .text import fold

log = logging.getLogger(__name__)

MIN_INDEXED = 3  # a trigram index knows nothing of shorter terms


def text_search(
    queryset: QuerySet, text: str | None, *, field: str = "search_text", every_word: bool = False
):
    """Rows of ``queryset`` whose folded ``field`` contains the folded ``text``; all of them when it is empty.

    ``every_word``: each word must appear, in any order ("xieng nghe an"
    finds "Nghệ An – Xiêng Khoảng").
    """
    folded = fold(text)
    if not folded:
        return queryset
    for term in folded.split() if every_word else [folded]:
        queryset = queryset.filter(**{f"{field}__indexed_contains": term})
    return queryset


def contains_q(field: str, term: str, *, ignore_case: bool = False) -> Q:
    """``Q(field__contains=term)`` (or ``icontains``) answered through the column's text index."""
    return Q(**{f"{field}__indexed_{'icontains' if ignore_case else 'contains'}": term})


def index_table(table: str, column: str) -> str:
    """The SQLite FTS5 table that indexes ``table.column``."""
    return f"{table}_{column}_fts"


def fts_phrase(term: str) -> str:
    """``term`` as one FTS5 phrase: inside double quotes every character is literal, a quote is doubled."""
    return '"' + term.replace('"', '""') + '"'


def fts_query(term: str) -> str:
    """An FTS5 query for the rows that may contain ``term``: every third trigram of it, and the last.

    A row containing the term contains each of its trigrams, so this finds a
    superset; the LIKE beside it decides. Several times cheaper than the
    whole phrase, whose positions FTS5 would have to line up.
    """
    grams = [term[i : i + 3] for i in range(0, len(term) - 2, 3)]
    if (len(term) - 3) % 3:
        grams.append(term[-3:])
    return " AND ".join(fts_phrase(gram) for gram in grams)


# SQLite has no statistics on what a MATCH returns and always starts from it: it
# reads every candidate by id, whatever the scope, then sorts them for the page.
# For a word in more than a few rows in a thousand that costs more than the plain
# scan it replaces, which walks the list's order and stops at the page's last row
# (a term in 1 % of the rows fills a page of 25 within ~2,500 rows), and starts from
# the scope when it is small. So count the term's candidates first, up to a limit,
# and keep the scan for the common ones. Measured on the bench (300,000 meetings,
# "xieng khoang" in 1.2 % of them, 8 clients): through the index p50 970/835/615 ms
# national/provincial/grassroots, scanning 806/354/94. Only the plan depends on
# this: either way the LIKE decides, so a cached answer is never a wrong result.
COMMON_SHARE = 200  # a term in more than 1/200 of the rows (and over MIN_COMMON of them) is common
MIN_COMMON = 1000
_narrowing: dict[tuple[str, str, str], bool] = {}


def _index_narrows(connection, table: str, fts: str, query: str) -> bool:
    key = (connection.alias, fts, query)
    if key not in _narrowing:
        if len(_narrowing) > 4096:
            _narrowing.clear()
        connection.ensure_connection()
        # The raw connection: a look at the index's statistics, not one of the page's queries.
        raw = connection.connection
        rows = raw.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
        limit = max(MIN_COMMON, rows // COMMON_SHARE)
        sql = f'SELECT count(*) FROM (SELECT 1 FROM "{fts}" WHERE "{fts}" MATCH ? LIMIT ?)'
        _narrowing[key] = raw.execute(sql, (query, limit + 1)).fetchone()[0] <= limit
    return _narrowing[key]


class _Indexed:
    """On SQLite, narrow the LIKE to the rows the FTS5 index finds; elsewhere the LIKE is the query."""

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        term, column = self.rhs, self.lhs
        if not isinstance(term, str) or len(term) < MIN_INDEXED or not isinstance(column, Col):
            return sql, params
        meta = column.target.model._meta
        fts = index_table(meta.db_table, column.target.column)
        query = fts_query(term)
        if not _index_narrows(connection, meta.db_table, fts, query):
            return sql, params
        pk = f"{compiler.quote_name_unless_alias(column.alias)}.{connection.ops.quote_name(meta.pk.column)}"
        return f'({pk} IN (SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s) AND {sql})', (query, *params)


class IndexedContains(_Indexed, Contains):
    pass


class IndexedIContains(_Indexed, IContains):
    pass


for _field in (CharField, TextField):
    # lookup_name stays "contains"/"icontains": Django's backends pick their operators by it.
    _field.register_lookup(IndexedContains, lookup_name="indexed_contains")
    _field.register_lookup(IndexedIContains, lookup_name="indexed_icontains")


# --- the indexes -------------------------------------------------------------------------------------


def _pg_index(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"


def create_sql(vendor: str, table: str, column: str, *, ignore_case: bool) -> list[str]:
    """The statements that index ``table.column`` for ``indexed_(i)contains`` on ``vendor``."""
    if vendor == "postgresql":
        expression = f'UPPER("{column}")' if ignore_case else f'"{column}"'
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f'CREATE INDEX IF NOT EXISTS "{_pg_index(table, column)}" ON "{table}" '
            f"USING gin ({expression} gin_trgm_ops)",
        ]
    if vendor == "sqlite":
        fts = index_table(table, column)
        # case_sensitive 0 folds case like LIKE does (and more): the index finds a superset, the LIKE decides.
        return [
            f"CREATE VIRTUAL TABLE \"{fts}\" USING fts5(\"{column}\", content='{table}', content_rowid='id', "
            "tokenize='trigram case_sensitive 0')",
            *_sqlite_triggers(table, column),
            f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')',
        ]
    return []


def _sqlite_triggers(table: str, column: str) -> list[str]:
    fts = index_table(table, column)
    add = f'INSERT INTO "{fts}"(rowid, "{column}") VALUES (new.id, new."{column}");'
    remove = f'INSERT INTO "{fts}"("{fts}", rowid, "{column}") VALUES (\'delete\', old.id, old."{column}");'
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {add} END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {remove} END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_update" AFTER UPDATE OF "{column}" ON "{table}" '
        f'WHEN old."{column}" IS NOT new."{column}" BEGIN {remove} {add} END',
    ]


def drop_sql(vendor: str, table: str, column: str) -> list[str]:
    if vendor == "postgresql":
        return [f'DROP INDEX IF EXISTS "{_pg_index(table, column)}"']
    if vendor == "sqlite":
        fts = index_table(table, column)
        triggers = [f'DROP TRIGGER IF EXISTS "{fts}_{event}"' for event in ("insert", "delete", "update")]
        return [*triggers, f'DROP TABLE IF EXISTS "{fts}"']
    return []


class AddTextIndex(Operation):
    """Migration operation: index ``model_name.field`` for ``indexed_contains`` (``ignore_case``: icontains).

    Database only (the models' state does not change); each vendor gets its
    own index, other vendors nothing.
    """

    reversible = True

    def __init__(self, model_name: str, field: str, ignore_case: bool = False):
        self.model_name, self.field, self.ignore_case = model_name, field, ignore_case

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "field": self.field}
        if self.ignore_case:
            kwargs["ignore_case"] = True
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass

    def _run(self, app_label, schema_editor, state, statements):
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        column = model._meta.get_field(self.field).column
        for sql in statements(schema_editor.connection.vendor, model._meta.db_table, column):
            schema_editor.execute(sql, params=None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, to_state, partial(create_sql, ignore_case=self.ignore_case))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, from_state, drop_sql)

    def describe(self):
        return f"Text index on {self.model_name}.{self.field}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.field}_text_index"


_FTS_DEFINITION = re.compile(r"""USING fts5\("(?P<column>[^"]+)", content='(?P<table>[^']+)'""")


def repair_sqlite_triggers(using: str = "default") -> list[str]:
    """Put back the triggers of every SQLite text index that lost them; rebuild those indexes.

    Django alters a SQLite table by copying it into a new one: the triggers
    go with the old table, the FTS5 index keeps pointing at the right rows but
    no longer hears of changes. Run after every ``migrate`` (core's
    post_migrate). Returns the indexes repaired.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
        indexes = [(name, _FTS_DEFINITION.search(sql)) for name, sql in cursor.fetchall()]
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
        tables = set(connection.introspection.table_names(cursor))
        repaired = []
        for fts, found in indexes:
            if (
                not found
                or found["table"] not in tables
                or fts != index_table(found["table"], found["column"])
            ):
                continue
            if {f"{fts}_insert", f"{fts}_delete", f"{fts}_update"} <= triggers:
                continue
            log.warning(
                "Text index %s had lost its triggers (table rebuilt by a migration): rebuilding it", fts
            )
            for sql in _sqlite_triggers(found["table"], found["column"]):
                cursor.execute(sql)
            cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')
            repaired.append(fts)
    return repaired


def repair_after_migrate(sender, using="default", **kwargs):
    if router.allow_migrate(using, sender.label):
        repair_sqlite_triggers(using)
