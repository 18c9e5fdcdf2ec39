"""Reading an uploaded workbook or CSV file into tables of raw cells, headers matched to columns.

openpyxl reads XLSX (read-only, values only); the csv module reads CSV (UTF-8,
with or without BOM, comma or semicolon). Headers are matched in Vietnamese or
English, diacritic-blind (``core.text.fold``), so an exported file imports
back whatever the exporting user's language was.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from solidarity.core.files import check_size, sniff
from solidarity.core.text import fold
from solidarity.records.sheets import Column, Sheet

LANGUAGES = ("vi", "en")


@dataclass
class Table:
    """One sheet of the file: which column each position holds, and the rows as the file numbers them."""

    sheet: Sheet
    title: str
    columns: list[Column | None]
    rows: list[tuple[int, list]] = field(default_factory=list)

    def records(self):
        """(row number, {column name: raw cell}) for each row that is not empty."""
        for number, cells in self.rows:
            values = {}
            for column, raw in zip(self.columns, cells, strict=False):
                if column is not None and not column.export_only:
                    values[column.name] = raw
            yield number, values


def _names(text) -> set[str]:
    """The folded forms of a lazy string in every language the files may use."""
    names = set()
    for language in LANGUAGES:
        with translation.override(language):
            names.add(fold(str(text)))
    return names


def header_map(sheet: Sheet) -> dict[str, Column]:
    mapping: dict[str, Column] = {}
    for column in sheet.columns:
        for name in _names(column.header) | {fold(column.name)}:
            mapping.setdefault(name, column)
    return mapping


def match_headers(sheet: Sheet, headers: list) -> list[Column | None]:
    """Each header's column; unknown or missing required headers are one error naming them all."""
    mapping = header_map(sheet)
    columns = [mapping.get(fold(str(header or ""))) for header in headers]
    unknown = [str(h) for h, c in zip(headers, columns, strict=True) if c is None and str(h or "").strip()]
    present = {column.name for column in columns if column is not None}
    missing = [
        str(column.header)
        for column in sheet.columns
        if column.required
        and not column.export_only
        and column.name not in present
        and column.name != sheet.parent
    ]
    if sheet.parent and sheet.parent not in present:
        missing.append(str(sheet.column(sheet.parent).header))
    messages = []
    if missing:
        messages.append(
            _("Sheet “%(sheet)s”: these required columns are missing: %(columns)s.")
            % {"sheet": sheet.title, "columns": ", ".join(missing)}
        )
    if unknown:
        messages.append(
            _("Sheet “%(sheet)s”: these columns are not known: %(columns)s.")
            % {"sheet": sheet.title, "columns": ", ".join(unknown)}
        )
    if messages:
        raise ValidationError(messages)
    return columns


def check_upload(upload) -> str:
    """The upload's format ("xlsx" or "csv"), or a ValidationError saying why it is refused."""
    check_size(upload, settings.IMPORT_MAX_BYTES)
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        try:
            kind = sniff(upload)
        except ValidationError:
            kind = None
        if kind == "xlsx":
            return "xlsx"
    elif (upload.name or "").lower().endswith(".csv") and b"\x00" not in upload.read(64 * 1024):
        upload.seek(0)
        return "csv"
    upload.seek(0)
    raise ValidationError(_("Upload an Excel (XLSX) or CSV file."))


def read(handle, *, file_format: str, sheet: Sheet) -> list[Table]:
    """The file's tables: the kind's sheet first, then the child sheets the file has."""
    reader = _read_csv if file_format == "csv" else _read_xlsx
    tables = reader(handle, sheet)
    total = sum(len(table.rows) for table in tables)
    if total > settings.IMPORT_MAX_ROWS:
        raise ValidationError(
            _("The file has %(rows)s rows; an import takes at most %(limit)s.")
            % {"rows": total, "limit": settings.IMPORT_MAX_ROWS}
        )
    return tables


def _blank(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _table(sheet: Sheet, title: str, rows) -> Table:
    rows = iter(rows)
    headers = list(next(rows, []) or [])
    while headers and headers[-1] in (None, ""):
        headers.pop()
    if not headers:
        raise ValidationError(_("Sheet “%(sheet)s” has no header row.") % {"sheet": title})
    table = Table(sheet=sheet, title=title, columns=match_headers(sheet, headers))
    for number, cells in enumerate(rows, start=2):
        cells = list(cells)[: len(headers)]
        if not _blank(cells):
            table.rows.append((number, cells))
    return table


def _read_csv(handle, sheet: Sheet) -> list[Table]:
    data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8” in Excel.")) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    return [_table(sheet, str(sheet.title), csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))]


def _read_xlsx(handle, sheet: Sheet) -> list[Table]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(_("The Excel file cannot be read: is it damaged?")) from None
    try:
        by_title = {fold(ws.title): ws for ws in workbook.worksheets}
        tables = []
        for index, wanted in enumerate((sheet, *sheet.children)):
            worksheet = next((by_title[name] for name in _names(wanted.title) if name in by_title), None)
            if worksheet is None and index == 0:
                worksheet = workbook.worksheets[0]  # a main sheet renamed by the user
            if worksheet is not None:
                tables.append(_table(wanted, worksheet.title, worksheet.iter_rows(values_only=True)))
        return tables
    finally:
        workbook.close()
