"""A report as files people send upward: CSV (UTF-8 with BOM, so Excel reads Vietnamese) and XLSX
(a sheet for the figures and one per breakdown, numbers as numbers, VND formatted)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .report import INDICATORS, Report, column_label

VND_FORMAT = '#,##0 "₫"'
COUNT_FORMAT = "#,##0"
AVERAGE_FORMAT = "#,##0.0"


def _label(indicator: str) -> str:
    return column_label(indicator)


def _money(indicator: str) -> bool:
    return INDICATORS[indicator][1]


def _period(report: Report) -> str:
    return _("Period: %(period)s (%(start)s–%(end)s); previous period %(pstart)s–%(pend)s") % {
        "period": report.period_label,
        "start": report.start.strftime("%d/%m/%Y"),
        "end": report.end.strftime("%d/%m/%Y"),
        "pstart": report.previous_start.strftime("%d/%m/%Y"),
        "pend": report.previous_end.strftime("%d/%m/%Y"),
    }


def report_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Report"), report.unit_name])
    writer.writerow([_period(report)])
    writer.writerow([])
    writer.writerow([_("Section"), _("Indicator"), _("Value"), _("Previous period"), _("Change (%)")])
    for _name, title, figures in report.sections():
        for figure in figures:
            change = "" if figure.change is None else figure.change
            writer.writerow([title, figure.label, figure.value, figure.previous, change])
    for breakdown in report.breakdowns:
        writer.writerow([])
        writer.writerow([breakdown.title])
        writer.writerow(["", *(_label(i) for i in breakdown.indicators), _("Note")])
        for row in breakdown.rows:
            writer.writerow([row.label, *(row.values.get(i, 0) for i in breakdown.indicators), row.note])
        writer.writerow(
            [pgettext("report", "Total"), *(breakdown.total.get(i, 0) for i in breakdown.indicators), ""]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _title_rows(sheet, report: Report, title: str, width: int) -> int:
    sheet.append([f"{report.unit_name}: {title}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_period(report)])
    sheet.append([])
    return 4  # the header row


def _header(sheet, row: int, names: list[str]) -> None:
    sheet.append(names)
    for cell in sheet[row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    header = _title_rows(sheet, report, _("Report"), 5)
    _header(sheet, header, [_("Section"), _("Indicator"), _("Value"), _("Previous period"), _("Change (%)")])
    for _name, title, figures in report.sections():
        for figure in figures:
            sheet.append([title, figure.label, figure.value, figure.previous, figure.change])
            number_format = (
                VND_FORMAT
                if figure.money
                else AVERAGE_FORMAT
                if isinstance(figure.value, float) or isinstance(figure.previous, float)
                else COUNT_FORMAT
            )
            for cell in sheet[sheet.max_row][2:4]:
                cell.number_format = number_format
    for letter, width in zip("ABCDE", (28, 48, 20, 20, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)

    for breakdown in report.breakdowns:
        sheet = book.create_sheet(breakdown.title[:31])
        header = _title_rows(sheet, report, breakdown.title, len(breakdown.indicators) + 2)
        _header(sheet, header, [breakdown.title, *(_label(i) for i in breakdown.indicators), _("Note")])
        lines = [(row.label, row.values, row.note) for row in breakdown.rows]
        lines.append((pgettext("report", "Total"), breakdown.total, ""))
        for label, values, note in lines:
            sheet.append([label, *(values.get(i, 0) for i in breakdown.indicators), note])
            for cell, indicator in zip(sheet[sheet.max_row][1:], breakdown.indicators, strict=False):
                cell.number_format = VND_FORMAT if _money(indicator) else COUNT_FORMAT
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 40
        for index, indicator in enumerate(breakdown.indicators, start=2):
            sheet.column_dimensions[get_column_letter(index)].width = 22 if _money(indicator) else 14
        sheet.column_dimensions[get_column_letter(len(breakdown.indicators) + 2)].width = 40
        sheet.freeze_panes = sheet.cell(row=header + 1, column=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
