"""One pass over an import's rows: parse each cell, then call the kind's services row by row.

The same pass is the dry run (inside a transaction the caller rolls back) and
the import (inside the transaction the caller commits only when no row failed).
Lookups the rows need (units by code, records by ID, partners by name) are read
in bulk before the loop, so the cost per row is the services' own writes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.core.text import fold
from solidarity.figures.services import deferred as deferred_figures
from solidarity.partners.models import Partner
from solidarity.plans.sheets import PlanItemTitles
from solidarity.records.base import EditConflict
from solidarity.records.sheets import BOOL, COUNTRIES, ID, TEXT, UNIT, VERSION, CellError, Column, Sheet
from solidarity.units.models import Unit

from .kinds import Importer, LineRefused, Lines
from .reading import Table


@dataclass
class Result:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unchanged_ids: set = field(default_factory=set)
    errors: list[dict] = field(default_factory=list)
    matches: list[dict] = field(default_factory=list)
    written: dict[tuple[type, int], tuple[object, bool]] = field(default_factory=dict)

    def error(self, table: Table, row: int, column: Column | str | None, message: str) -> None:
        header = str(column.header) if isinstance(column, Column) else (column or "")
        self.errors.append(
            {"sheet": table.title, "row": row, "column": header, "message": strip_tags(message)}
        )

    def wrote(self, record, *, created: bool) -> None:
        key = (type(record), record.pk)
        if key not in self.written:
            self.written[key] = (record, created)


class NullProgress:
    def total(self, count):
        pass

    def advance(self, step: int = 1):
        pass


class Lookups:
    """What the rows name, read once: units by code, records by ID, partners by folded name."""

    def __init__(self, *, user, importer: Importer, tables: list[Table]):
        self.user = user
        sheets = [table.sheet for table in tables]
        owner_codes, other_codes, ids, partner_names = set(), set(), set(), set()
        for table in tables:
            for _number, values in table.records():
                for name, raw in values.items():
                    if raw in (None, ""):
                        continue
                    column = table.sheet.column(name)
                    if column.kind == UNIT:
                        (owner_codes if name == importer.owner_column else other_codes).add(
                            str(raw).strip().upper()
                        )
                    elif column.kind == ID and (name == "id" or name == table.sheet.parent):
                        if isinstance(raw, (int, float)) or str(raw).strip().isdigit():
                            ids.add(int(float(raw)) if not isinstance(raw, int) else raw)
                    elif name in importer.partner_columns and table.sheet is sheets[0]:
                        partner_names.update(fold(part) for part in str(raw).split(";") if part.strip())
                    elif name == importer.match_column and table.sheet is sheets[0]:
                        partner_names.add(fold(str(raw)))
        self.owner_units = {
            unit.code.upper(): unit for unit in units_for_officer(user).filter(code__in=_cased(owner_codes))
        }
        self.other_units = {
            unit.code.upper(): unit for unit in Unit.objects.filter(code__in=_cased(other_codes))
        }
        prefetch = [*importer.sheet.prefetch, *(lines.related for lines in importer.lines)]
        model = importer.sheet.model
        self.records = {
            record.pk: record
            for record in importer.scope(model, user)
            .filter(pk__in=ids)
            .select_related(*importer.sheet.related)
            .prefetch_related(*prefetch)
        }
        self.plan_items = PlanItemTitles()  # each plan the rows name read once
        self.partners: dict[str, list[Partner]] = defaultdict(list)
        for partner in Partner.objects.filter(name_folded__in=partner_names).order_by("pk"):
            self.partners[partner.name_folded].append(partner)

    def owner_unit(self, code: str):
        return self.owner_units.get(code.strip().upper())

    def unit(self, code: str):
        return self.other_units.get(code.strip().upper())


def _cased(codes: set[str]) -> set[str]:
    # Codes are stored upper-case in practice; ask for what the file wrote too.
    return codes | {code.lower() for code in codes}


def _parse(
    table: Table, row: int, values: dict, *, lookups: Lookups, owner: str, result: Result
) -> dict | None:
    parsed, ok = {}, True
    for name, raw in values.items():
        column = table.sheet.column(name)
        units = lookups.owner_unit if name == owner else lookups.unit
        try:
            parsed[name] = column.parse(raw, units=units)
        except CellError as error:
            result.error(table, row, column, str(error))
            ok = False
    return parsed if ok else None


def _service_fields(sheet: Sheet, parsed: dict, *, skip: set[str]) -> dict:
    """The parsed values as the service takes them: empty text is "", an empty flag or number is left out."""
    fields = {}
    for name, value in parsed.items():
        if name in skip:
            continue
        kind = sheet.column(name).kind
        if value is None:
            if kind == TEXT:
                fields[name] = ""
            elif kind == COUNTRIES:
                fields[name] = []
            elif kind not in (BOOL,):
                fields[name] = None
            continue
        fields[name] = value
    return fields


def _refusal(error: Exception, sheet: Sheet, owner: str) -> list[tuple[Column | str, str]]:
    """A service's refusal as (column, message) pairs, each message in the user's language."""
    if isinstance(error, EditConflict):
        changes = "; ".join(f"{name}: “{theirs}” → “{yours}”" for name, theirs, yours in error.changes)
        message = _("Changed by someone else since the export (now version %(version)s).") % {
            "version": error.current.version
        }
        return [(_column_or(sheet, "version"), f"{message} {changes}".strip())]
    if isinstance(error, PermissionDenied):
        return [(_column_or(sheet, owner), str(error) or _("You may not write to this unit."))]
    if hasattr(error, "error_dict"):
        return [
            (_column_or(sheet, name), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [("", message) for message in error.messages]


def _column_or(sheet: Sheet, name: str) -> Column | str:
    return next((column for column in sheet.columns if column.name == name), "")


def _partners(names: str | None, countries, lookups: Lookups) -> list[Partner]:
    """Partners named in a cell (separated by ;) by folded name; of several, the one in the countries."""
    found = []
    for name in (part.strip() for part in (names or "").split(";")):
        if not name:
            continue
        candidates = lookups.partners.get(fold(name), [])
        if len(candidates) > 1:
            candidates = [p for p in candidates if p.country in (countries or ())] or candidates[:0]
        if len(candidates) != 1:
            message = (
                _("Partner “%(name)s” is not in the directory: add it first.")
                if not lookups.partners.get(fold(name))
                else _("Several partners are named “%(name)s”: give the row their country.")
            )
            raise CellError(message % {"name": name})
        found.append(candidates[0])
    return found


def _same(sheet: Sheet, record, parsed: dict, skip: set[str] = frozenset()) -> bool:
    for name, value in parsed.items():
        column = sheet.column(name)
        if column.kind in (ID, VERSION) or name == sheet.parent or name in skip:
            continue
        theirs = column.value(record)
        ours = column.cell(value) if not isinstance(value, list) or column.kind == COUNTRIES else value
        if isinstance(value, list) and column.kind != COUNTRIES:  # resolved partners
            stored = getattr(record, name)
            stored = stored.all() if hasattr(stored, "all") else [stored] if stored else []
            if sorted(p.pk for p in value) != sorted(p.pk for p in stored):
                return False
            continue
        if (theirs in (None, "")) and (ours in (None, "")):
            continue
        if isinstance(theirs, Decimal):  # a cost's amount, read back as text
            try:
                ours = Decimal(str(ours).replace(" ", "").replace(",", "."))
            except InvalidOperation:
                return False
        if theirs != ours:
            return False
    return True


def run(*, tables: list[Table], importer: Importer, user, progress=None, decisions=None) -> Result:
    """Every row of every table through the services; the caller's transaction decides what stays.

    The figures the services keep are brought along once at the end, together (still in
    the caller's transaction): per record, they were most of an import's time.
    """
    with deferred_figures():
        return _run(tables=tables, importer=importer, user=user, progress=progress, decisions=decisions)


def _run(*, tables: list[Table], importer: Importer, user, progress=None, decisions=None) -> Result:
    progress = progress or NullProgress()
    result = Result(rows=sum(len(table.rows) for table in tables))
    progress.total(result.rows)
    lookups = Lookups(user=user, importer=importer, tables=tables)
    main, children = tables[0], tables[1:]
    sheet, owner = main.sheet, importer.owner_column
    by_row: dict[int, object] = {}
    failed_rows: set[int] = set()
    failed_ids: set[int] = set()

    for row, values in main.records():
        progress.advance()
        parsed = _parse(main, row, values, lookups=lookups, owner=owner, result=result)
        if parsed is None:
            failed_rows.add(row)
            _note_failed_id(values, failed_ids)
            continue
        record_id, version = parsed.pop("id", None), parsed.pop("version", None)
        record = None
        if record_id is not None:
            record = lookups.records.get(record_id)
            if record is None:
                result.error(
                    main,
                    row,
                    sheet.column("id"),
                    _("No record with ID %(id)s that you may see.") % {"id": record_id},
                )
                failed_rows.add(row)
                continue
            if version is None:
                result.error(
                    main,
                    row,
                    sheet.column("version"),
                    _("Give the version from the export to update a record."),
                )
                failed_rows.add(row)
                failed_ids.add(record_id)
                continue
        try:
            for name in importer.partner_columns:
                if name in parsed:
                    parsed[name] = _partners(parsed[name], parsed.get("countries"), lookups)
        except CellError as error:
            result.error(main, row, sheet.column(name), str(error))
            failed_rows.add(row)
            if record_id:
                failed_ids.add(record_id)
            continue
        if record is None and importer.match is not None:
            existing = importer.match(parsed, lookups)
            if existing is not None:
                key = str(row)
                decision = (decisions or {}).get(key)
                # Shown with the user's choice, whatever it is, so it can be changed.
                result.matches.append(
                    {
                        "key": key,
                        "row": row,
                        "name": str(parsed.get(importer.match_column) or ""),
                        "existing": str(existing),
                        "url": existing.get_absolute_url(),
                    }
                )
                if decision is None:
                    continue  # waits for the user's word: never merged silently
                if decision == "existing":
                    try:
                        with transaction.atomic():
                            importer.use_existing(record=existing, by=user, **parsed)
                    except (ValidationError, PermissionDenied) as error:
                        for column, message in _refusal(error, sheet, owner):
                            result.error(main, row, column, message)
                        failed_rows.add(row)
                        continue
                    result.updated += 1
                    result.wrote(existing, created=False)
                    by_row[row] = existing
                    continue
        try:
            with transaction.atomic():
                if record is None:
                    fields = _service_fields(sheet, parsed, skip=set())
                    fields = importer.prepare(fields) if importer.prepare else fields
                    fields = importer.resolve(fields, record=None, lookups=lookups)
                    record = importer.create(by=user, **fields)
                    result.created += 1
                    result.wrote(record, created=True)
                elif _same(sheet, record, parsed, skip={owner} if not hasattr(record, owner) else set()):
                    result.unchanged += 1
                    result.unchanged_ids.add(record.pk)
                else:
                    if owner in parsed and hasattr(record, owner) and parsed[owner] != getattr(record, owner):
                        raise ValidationError({owner: _("An import cannot move a record to another unit.")})
                    fields = _service_fields(sheet, parsed, skip={owner})
                    fields = importer.prepare(fields) if importer.prepare else fields
                    fields = importer.resolve(fields, record=record, lookups=lookups)
                    record = importer.update(record=record, by=user, expected_version=version, **fields)
                    lookups.records[record.pk] = record
                    result.updated += 1
                    result.wrote(record, created=False)
        except (ValidationError, PermissionDenied, EditConflict) as error:
            for column, message in _refusal(error, sheet, owner):
                result.error(main, row, column, message)
            failed_rows.add(row)
            if record_id:
                failed_ids.add(record_id)
            continue
        by_row[row] = record

    for table in children:
        lines = next(lines for lines in importer.lines if lines.sheet_name == table.sheet.name)
        _run_lines(
            table,
            lines,
            importer=importer,
            user=user,
            lookups=lookups,
            by_row=by_row,
            failed_rows=failed_rows,
            failed_ids=failed_ids,
            result=result,
            progress=progress,
        )
    return result


def _note_failed_id(values: dict, failed_ids: set[int]) -> None:
    raw = values.get("id")
    if raw not in (None, "") and str(raw).strip().split(".")[0].isdigit():
        failed_ids.add(int(str(raw).strip().split(".")[0]))


def _parent(raw, *, lookups: Lookups, by_row: dict, failed_rows: set, failed_ids: set):
    """A line's record: "#5" is the record of row 5 of the main sheet, a number a record's ID.

    Returns (record, skip): skip when the parent's own row failed (its error is already shown).
    """
    text = str(raw).strip() if raw is not None else ""
    if text.startswith("#") and text[1:].isdigit():
        number = int(text[1:])
        return by_row.get(number), number in failed_rows
    try:
        record_id = int(float(text))
    except ValueError:
        return None, False
    if record_id in failed_ids:
        return None, True
    created = next((r for r in by_row.values() if r.pk == record_id), None)
    return created or lookups.records.get(record_id), False


def _run_lines(
    table, lines: Lines, *, importer, user, lookups, by_row, failed_rows, failed_ids, result, progress
):
    sheet = table.sheet
    wanted: dict[int, list] = defaultdict(list)  # record pk -> [(row, parsed)]
    records = {}
    for row, values in table.records():
        progress.advance()
        record, skip = _parent(
            values.get(sheet.parent),
            lookups=lookups,
            by_row=by_row,
            failed_rows=failed_rows,
            failed_ids=failed_ids,
        )
        if skip:
            continue
        if record is None:
            result.error(
                table,
                row,
                sheet.column(sheet.parent),
                _("No record “%(value)s” in this file or among those you may see.")
                % {"value": values.get(sheet.parent)},
            )
            continue
        values = {name: raw for name, raw in values.items() if name != sheet.parent}
        parsed = _parse(table, row, values, lookups=lookups, owner="", result=result)
        if parsed is not None:
            wanted[record.pk].append((row, parsed))
            records[record.pk] = record
    for pk, rows in wanted.items():
        record = records[pk]
        created = result.written.get((type(record), pk), (None, False))[1]
        if not created:
            current = lines.lines(record)
            if _same_lines(sheet, current, [parsed for _row, parsed in rows]):
                continue
        else:
            current = []
        if lines.replace is not None:  # one call for all of the record's lines; none left to add below
            if not _replace_lines(table, lines, record=record, rows=rows, user=user, result=result):
                continue
            current, rows = [], []
        try:
            with transaction.atomic():
                for line in current:
                    lines.remove(line=line, by=user)
                for row, parsed in rows:
                    fields = _service_fields(sheet, parsed, skip=set())
                    try:
                        lines.add(
                            record=record, by=user, **(lines.prepare(fields) if lines.prepare else fields)
                        )
                    except (ValidationError, PermissionDenied) as error:
                        for column, message in _refusal(error, sheet, ""):
                            result.error(table, row, column, message)
                        raise _LineFailed from error
        except _LineFailed:
            continue
        if not created and (type(record), pk) not in result.written:
            result.updated += 1
            if pk in result.unchanged_ids:
                result.unchanged -= 1
                result.unchanged_ids.discard(pk)
            result.wrote(record, created=False)


class _LineFailed(Exception):
    pass


def _replace_lines(table, lines: Lines, *, record, rows: list, user, result: Result) -> bool:
    """A record's lines brought to the file's through ``lines.replace``; False when refused or unchanged."""
    sheet = table.sheet
    fields = [_service_fields(sheet, parsed, skip=set()) for _row, parsed in rows]
    fields = [lines.prepare(line) for line in fields] if lines.prepare else fields
    try:
        with transaction.atomic():
            return bool(lines.replace(record=record, by=user, lines=fields))
    except LineRefused as refusal:  # the service's refusal of one line: shown on its row
        for column, message in _refusal(refusal.error, sheet, ""):
            result.error(table, rows[refusal.index][0], column, message)
    except (ValidationError, PermissionDenied, EditConflict) as error:
        for column, message in _refusal(error, sheet, ""):
            result.error(table, rows[0][0], column, message)
    return False


def _same_lines(sheet: Sheet, current: list, rows: list[dict]) -> bool:
    if len(current) != len(rows):
        return False
    return all(_same(sheet, line, parsed) for line, parsed in zip(current, rows, strict=True))
