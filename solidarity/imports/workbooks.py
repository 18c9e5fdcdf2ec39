"""Files the import hands out: the template of a kind (XLSX with a guide, or CSV), written with openpyxl.

Headers are written in the user's language; the import reads them back in
Vietnamese or English. The data tabs hold the headers only, so nothing of the
template is imported by mistake; the guide tab shows an example row and what
each column may hold (``Column.allowed()``).
"""

from __future__ import annotations

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from solidarity.records.sheets import CHOICE, DATE, Column, Sheet

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _example(sheet: Sheet, column: Column, *, row_of_first: int = 2):
    if column.name == sheet.parent:
        return f"#{row_of_first}"  # the first record of the main sheet
    if column.example is None:
        if column.kind == DATE:
            return datetime.date.today().replace(day=1)
        if column.kind == CHOICE:
            return str(column.choices.labels[0])
        return None
    return column.cell(column.example)


def _note(column: Column) -> str:
    parts = [column.allowed()]
    if column.required:
        parts.insert(0, _("required"))
    return "; ".join(part for part in parts if part)


def _style_header(worksheet, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(row=1, column=index)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        note = _note(column)
        if note:
            cell.comment = Comment(note, "Solidarity")
        worksheet.column_dimensions[cell.column_letter].width = max(12, min(40, len(str(column.header)) + 4))
    worksheet.freeze_panes = "A2"


def _importable(sheet: Sheet) -> list[Column]:
    # Personal columns are not offered in the templates: only a holder of the personal-data grant
    # may write them (the services refuse anyone else), from a file exported with them.
    return [column for column in sheet.columns if not column.export_only and not column.personal]


def template_xlsx(sheet: Sheet) -> bytes:
    """The kind's template: a tab per sheet (headers), and the guide tab."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for each in (sheet, *sheet.children):
        worksheet = workbook.create_sheet(str(each.title)[:31])
        columns = _importable(each)
        worksheet.append([str(column.header) for column in columns])
        _style_header(worksheet, Sheet(each.name, each.title, each.model, tuple(columns), parent=each.parent))
    guide = workbook.create_sheet(_("Instructions")[:31])
    guide.append([_("How to fill in this file")])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([_("Fill in one row per record under the headers of each tab; do not rename the headers.")])
    guide.append(
        [_("ID and Version: leave them empty for a new record; an exported file keeps them to update.")]
    )
    guide.append(
        [
            _(
                "In the other tabs, the first column names the record: its ID, "
                "or #row for a record of this file (#2 is the first row of the first tab)."
            )
        ]
    )
    for each in (sheet, *sheet.children):
        columns = _importable(each)
        guide.append([])
        guide.append([str(each.title)])
        guide.cell(row=guide.max_row, column=1).font = Font(bold=True, size=12)
        guide.append([_("Example row")])
        guide.append([str(column.header) for column in columns])
        for cell in guide[guide.max_row]:
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        guide.append([_example(each, column) for column in columns])
        for cell in guide[guide.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
        guide.append([])
        guide.append([_("Column"), _("Required"), _("Allowed values")])
        for cell in guide[guide.max_row]:
            cell.font = HEADER_FONT
        for column in columns:
            guide.append([str(column.header), _("Yes") if column.required else "", column.allowed()])
    guide.column_dimensions["A"].width = 36
    guide.column_dimensions["B"].width = 24
    guide.column_dimensions["C"].width = 60
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_csv(sheet: Sheet) -> bytes:
    """The main sheet as CSV (UTF-8 with BOM, Excel opens it right): headers and the example row."""
    columns = _importable(sheet)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(column.header) for column in columns])
    writer.writerow([_csv_cell(_example(sheet, column)) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def workbook_of(tables: list[tuple[Sheet, list[list]]]) -> bytes:
    """An XLSX file of rows as the export writes them (``Sheet.row``): for tests and the benchmark."""
    workbook = Workbook(write_only=True)
    for sheet, rows in tables:
        worksheet = workbook.create_sheet(str(sheet.title)[:31])
        # Rows as wide as every column: an export with the personal columns (``Sheet.row(personal=True)``).
        worksheet.append(sheet.headers(personal=bool(rows) and len(rows[0]) == len(sheet.columns)))
        for row in rows:
            worksheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
