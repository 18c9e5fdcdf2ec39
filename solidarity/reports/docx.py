"""The official Word report (DOCX) in the form union bodies use: QĐ 933/QĐ-TLĐ (2024) on Decree 30/2020.

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman,
14 pt for the body. The header is a borderless two-column table: the parent
body and the issuing unit on the left with the document number, the
national name and motto on the right with the place and date. Then "BÁO
CÁO", the subject, the figures as prose and tables, the officer's texts
(results, difficulties and causes, proposals), "Nơi nhận:" bottom left and
the signature block bottom right.

The document is always written in Vietnamese, whatever the reader's UI
language: it is the administrative document that is sent up the tree.

The place in "Nghệ An, ngày 05 tháng 3 năm 2025" is the locality in the name
of the unit's provincial-level body (the unit itself at level 2, else its
ancestor at level 2): "Liên đoàn Lao động tỉnh Nghệ An" gives "Nghệ An". The
central bodies sit in the capital, ``REPORT_PLACE_CENTRAL`` ("Hà Nội");
national sectoral unions and any name without a locality use it too.
"""

from __future__ import annotations

import datetime
import io
import re

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import pgettext

from .report import INDICATORS, Report

PARENT_OF_PROVINCES = "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"
FONT = "Times New Roman"
# The main indicators written as a sentence in part I; the tables hold all of them.
BREAKDOWN_COLUMNS = 5  # at most this many indicators per breakdown table: an A4 page's width
BREAKDOWN_ROWS = 40


def place_of(unit) -> str:
    """The locality written before the date (see the module's docstring)."""
    from solidarity.units.models import Unit

    central = getattr(settings, "REPORT_PLACE_CENTRAL", "Hà Nội")
    body = unit
    if unit.depth > 2:
        body = Unit.objects.filter(path=unit.path[: 2 * unit.steplen]).first() or unit
    if body.depth < 2:
        return central
    match = re.search(r"\b(?:tỉnh|thành phố|TP\.)\s+(.+)$", body.name, flags=re.IGNORECASE)
    return match.group(1).strip() if match else central


def parent_body_name(unit) -> str:
    """The body written above the issuing unit: VGCL for provinces and sectors, else the parent unit."""
    from solidarity.units.models import Unit

    if unit.depth <= 1:
        return ""
    if unit.depth == 2:
        root = Unit.objects.filter(path=unit.path[: unit.steplen]).first()
        return root.name.upper() if root else PARENT_OF_PROVINCES
    parent = Unit.objects.filter(path=unit.parent_path).first()
    return parent.name.upper() if parent else ""


def document_number(number: str, symbol: str) -> str:
    """ "Số: 05/BC-LĐLĐ"; a blank to fill in by hand ("Số:     /BC-LĐLĐ") while no number is issued."""
    if "/" in number:
        return f"Số: {number}"
    if number.strip():
        return f"Số: {int(number):02d}/BC-{symbol}"
    return f"Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-{symbol}"


def vietnamese_date(place: str, day: datetime.date) -> str:
    """Decree 30/2020: days below 10 and months below 3 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_vi(value) -> str:
    """12.345.000 (dots between thousands, as Vietnamese documents write them)."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",").replace("\u00a0", ".")
    return f"{int(value):,}".replace(",", ".")


def subject_of(report: Report) -> str:
    from .periods import period_kind

    period = period_kind(report.start, report.end)
    fmt = "%d/%m/%Y"
    span = pgettext("official report", "from %(start)s to %(end)s") % {
        "start": report.start.strftime(fmt),
        "end": report.end.strftime(fmt),
    }
    if period.kind == "annual_report":
        when = pgettext("official report", "in %(year)s (%(span)s)") % {"year": report.end.year, "span": span}
    elif period.kind == "half_year_report":
        when = pgettext("official report", "in the first 6 months of %(year)s (%(span)s)") % {
            "year": report.end.year,
            "span": span,
        }
    else:
        when = span
    return pgettext("official report", "Results of foreign affairs work %(when)s") % {"when": when}


def figures_prose(report: Report) -> str:
    """Part I's opening sentence: the main figures as a Vietnamese administrative sentence."""
    values = {f.indicator: f.value for f in report.figures}

    def v(name):
        return number_vi(values.get(name, 0) or 0)

    parts = [
        pgettext("official report", "sent %(d)s outgoing delegations with %(p)s person-trips")
        % {"d": v("delegations_out"), "p": v("person_trips_out")},
        pgettext("official report", "received %(d)s incoming delegations with %(g)s foreign guests")
        % {"d": v("delegations_in"), "g": v("guests_in")},
        pgettext("official report", "hosted %(h)s and attended %(a)s international meetings")
        % {"h": v("meetings_hosted"), "a": v("meetings_attended")},
        pgettext("official report", "signed %(s)s agreements (%(f)s in force at the end of the period)")
        % {"s": v("agreements_signed"), "f": v("agreements_in_force")},
        pgettext("official report", "gave support worth %(g)s VND and received %(r)s VND")
        % {"g": v("support_given_vnd"), "r": v("support_received_vnd")},
    ]
    return pgettext("official report", "In the period, %(unit)s and its units %(parts)s.") % {
        "unit": report.unit_name,
        "parts": "; ".join(parts),
    }


def official_report(
    report: Report,
    *,
    unit,
    number: str = "",
    texts: dict | None = None,
    signer: dict | None = None,
    recipients: list[str] | None = None,
    issued_on: datetime.date | None = None,
) -> bytes:
    """The report as a DOCX file (bytes). ``texts``: results, difficulties, proposals;
    ``signer``: authority ("TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"), title, name."""
    with translation.override("vi"):
        return _build(
            report,
            unit=unit,
            number=number,
            texts=texts or {},
            signer=signer or {},
            recipients=recipients,
            issued_on=issued_on or timezone.localdate(),
        )


def _build(report, *, unit, number, texts, signer, recipients, issued_on) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _base_style(document)

    _header(document, unit=unit, number=number, place=place_of(unit), issued_on=issued_on)
    _para(document, "BÁO CÁO", bold=True, size=14, align="center", before=18, after=0)
    _para(document, subject_of(report), bold=True, size=14, align="center", after=0)
    _line(document, width_mm=40)

    _para(document, pgettext("official report", "I. THE FIGURES OF THE PERIOD").upper(), bold=True, before=6)
    _para(document, figures_prose(report), indent=True)
    _para(
        document,
        pgettext("official report", "1. Main indicators, against the previous period"),
        bold=True,
        keep=True,
    )
    _indicator_table(document, report)
    for number_, name in ((2, "unit"), (3, "country")):
        breakdown = report.breakdown(name)
        if breakdown and breakdown.rows:
            _para(document, f"{number_}. {breakdown.title}", bold=True, before=6, keep=True)
            _breakdown_table(document, breakdown)

    for heading, key in (
        (pgettext("official report", "II. RESULTS"), "results"),
        (pgettext("official report", "III. DIFFICULTIES AND CAUSES"), "difficulties"),
        (pgettext("official report", "IV. PROPOSALS"), "proposals"),
    ):
        _para(document, heading.upper(), bold=True, before=6)
        text = (texts.get(key) or "").strip()
        for paragraph in [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()] or ["…"]:
            _para(document, paragraph.strip(), indent=True)

    _closing(document, unit=unit, signer=signer, recipients=recipients)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- building blocks -------------------------------------------------------------------------------


def _base_style(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
    if fonts is None:
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15


def _align(name):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[name]


def _para(
    container,
    text: str,
    *,
    bold=False,
    italic=False,
    size=14,
    align="justify",
    indent=False,
    before=0,
    after=6,
    spacing=1.15,
    keep=False,
):
    from docx.shared import Mm, Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = _align(align)
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), spacing
    if indent:
        fmt.first_line_indent = Mm(12.7)
    fmt.keep_with_next = keep
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    return paragraph


def _line(container, *, width_mm: float, cell_width_mm: float = 165, before=0, after=0):
    """A short centred horizontal rule, as drawn under the issuing unit, the motto and the subject."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = Mm(max((cell_width_mm - width_mm) / 2, 0))
    fmt.left_indent, fmt.right_indent = side, side
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), 0.5
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.add_run().font.size = Pt(4)
    return paragraph


def _borderless(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _indent(table, mm: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(int(Mm(mm).twips)))
    indent.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(indent)


def _widths(table, widths_mm) -> None:
    """Column widths that Word and LibreOffice both honour: the grid's and every cell's."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=False):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _cell_para(cell, text, *, first=False, **kwargs):
    """Write into a cell: its existing empty paragraph first, new ones after."""
    if first:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return _para(cell, text, **kwargs)


def _header(document, *, unit, number, place, issued_on) -> None:
    # Wider than the text by 15 mm into the left margin, as the form is usually laid out: the
    # national name then stays on one line at 12 pt.
    left_width, right_width = 86, 94
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _indent(table, -15)
    _widths(table, (left_width, right_width))
    left, right = table.rows[0].cells
    parent = parent_body_name(unit)
    first = True
    if parent:
        _cell_para(left, parent, first=True, size=12, align="center", after=0, spacing=1.0)
        first = False
    _cell_para(left, unit.name.upper(), first=first, bold=True, size=12, align="center", after=0, spacing=1.0)
    _line(left, width_mm=25, cell_width_mm=left_width)
    _para(left, document_number(number, unit.document_symbol), size=13, align="center", before=6, after=0)

    _cell_para(
        right,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        first=True,
        bold=True,
        size=12,
        align="center",
        after=0,
        spacing=1.0,
    )
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align="center", after=0, spacing=1.0)
    _line(right, width_mm=52, cell_width_mm=right_width)
    _para(right, vietnamese_date(place, issued_on), italic=True, size=14, align="center", before=6, after=0)


def _table(document, header: list[str], widths_mm: list[float]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_para(cell, text, first=True, bold=True, size=12, align="center", after=0, spacing=1.0)
    _widths(table, widths_mm)
    _repeat_header(table.rows[0])
    return table


def _repeat_header(row) -> None:
    """The header row repeats on each page the table runs over, and it never splits."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        properties.append(OxmlElement(tag))


def _row(table, values: list[str], widths_mm, *, bold=False, aligns=None):
    cells = table.add_row().cells
    for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
        align = (aligns or [])[index] if aligns else ("left" if index < 2 else "right")
        _cell_para(cell, text, first=True, bold=bold, size=12, align=align, after=0, spacing=1.0)
    from docx.shared import Mm

    for cell, width in zip(cells, widths_mm, strict=False):
        cell.width = Mm(width)


def _value(value, money: bool) -> str:
    return number_vi(value or 0)


def _indicator_table(document, report: Report) -> None:
    widths = [12, 83, 24, 24, 22]
    table = _table(
        document,
        [
            pgettext("official report", "No."),
            pgettext("official report", "Indicator"),
            pgettext("official report", "This period"),
            pgettext("official report", "Previous period"),
            pgettext("official report", "Change (%)"),
        ],
        widths,
    )
    roman = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    for index, (_name, title, figures) in enumerate(report.sections()):
        # Rows that are nought in both periods say nothing: left out, so the table stays on a page or so.
        figures = [f for f in figures if f.value or f.previous]
        if not figures:
            continue
        _row(table, [roman[index] if index < len(roman) else "", title, "", "", ""], widths, bold=True)
        for figure in figures:
            label = figure.label + (" " + pgettext("official report", "(VND)") if figure.money else "")
            change = "" if figure.change is None else f"{figure.change:+d}"
            _row(
                table,
                [
                    "",
                    label,
                    _value(figure.value, figure.money),
                    _value(figure.previous, figure.money),
                    change,
                ],
                widths,
            )


def _breakdown_table(document, breakdown) -> None:
    indicators = breakdown.indicators[:BREAKDOWN_COLUMNS]
    first = 165 - 12 - 22 * len(indicators)
    widths = [12, first] + [22] * len(indicators)
    header = [pgettext("official report", "No."), breakdown.title] + [
        str(INDICATORS[i][0]) if i in INDICATORS else i for i in indicators
    ]
    table = _table(document, header, widths)
    for index, row in enumerate(breakdown.rows[:BREAKDOWN_ROWS], start=1):
        _row(
            table,
            [str(index), row.label] + [number_vi(row.values.get(i, 0) or 0) for i in indicators],
            widths,
        )
    if breakdown.total:
        _row(
            table,
            ["", pgettext("official report", "Total")]
            + [number_vi(breakdown.total.get(i, 0) or 0) for i in indicators],
            widths,
            bold=True,
        )


def _closing(document, *, unit, signer, recipients) -> None:
    from docx.shared import Pt

    if recipients is None:
        recipients = default_recipients(unit)
    _para(document, "", after=0)
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, (80, 85))
    left, right = table.rows[0].cells
    _cell_para(
        left,
        pgettext("official report", "Recipients:"),
        first=True,
        bold=True,
        italic=True,
        size=12,
        align="left",
        after=0,
        spacing=1.0,
    )
    for index, recipient in enumerate(recipients):
        end = "." if index == len(recipients) - 1 else ";"
        text = recipient.strip().rstrip(";.")
        _para(left, f"- {text}{end}", size=11, align="left", after=0, spacing=1.0)

    authority = (signer.get("authority") or "").strip().upper()
    title = (signer.get("title") or "").strip().upper()
    name = (signer.get("name") or "").strip()
    first = True
    for text in (authority, title):
        if text:
            _cell_para(right, text, first=first, bold=True, size=14, align="center", after=0, spacing=1.0)
            first = False
    signing_space = _para(right, "", size=14, align="center", after=0)
    signing_space.paragraph_format.space_before = Pt(60)
    if first:  # no authority nor title: keep the cell's paragraph for the space
        right.paragraphs[0].text = ""
    _para(right, name, bold=True, size=14, align="center", after=0, spacing=1.0)


def default_recipients(unit) -> list[str]:
    """Who a period report goes to when the officer names nobody.

    The level above, the unit's standing committee, the archive."""
    from solidarity.units.models import Unit

    recipients = []
    if unit.depth > 1:
        parent = Unit.objects.filter(path=unit.parent_path).first()
        if parent:
            recipients.append(pgettext("official report", "%(unit)s (to report)") % {"unit": parent.name})
    recipients.append(
        pgettext("official report", "Standing committee of %(unit)s") % {"unit": unit.display_name}
    )
    recipients.append(pgettext("official report", "Archive: office, foreign affairs"))
    return recipients
