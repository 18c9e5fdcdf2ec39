"""A list's rows as a file: ``?format=xlsx`` or ``?format=csv`` on any list URL.

The list page hands over what it shows (its FilterSet's rows, in its scope and
order, ``core.exports.list_export``); this module writes them through the
kind's ``Sheet``: Vietnamese headers (the user's language), dates as
dd/mm/yyyy, VND as whole numbers formatted ``#,##0`` in Excel.

Nothing holds every row: the rows come through ``iterator()`` in chunks (the
sheet's related rows fetched per chunk), CSV streams to the browser, XLSX is
written by openpyxl's write-only workbook to a temporary file. XLSX has a tab
per kind of child row (a delegation's members, its costs); CSV is one table,
the records only, because Excel opens one CSV as one sheet and a zip of several
would not open at all.

Personal data (``Column.personal``) is left out unless the URL asks for it
(``?personal=1``) and the user holds the personal-data grant: then the file has
those columns, filled for the rows of units where the grant reaches and empty
for the others, and each unit whose people it shows gets one access-log row
(the sheet's ``log_export``).

More rows than ``EXPORT_SYNC_LIMIT``: a background job. It keeps the list's
path and query, and the runner calls the same list view again as the job's
owner, so the file is made by the same FilterSet and permission rule as the
page; the view's export then writes the file instead of answering.
"""

from __future__ import annotations

import copy
import csv
import datetime
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from solidarity.accounts.permissions import holds_personal_grant, may_see_personal
from solidarity.core.text import fold
from solidarity.jobs.registry import Outcome
from solidarity.jobs.services import job_start

from .sheets import DATE, DATE_FORMAT, FORMULA_GUARD, FORMULA_STARTS, SHEETS, VND, Sheet
from .sheets import sheet as sheet_named

CHUNK = 2000  # rows per database round trip (and per prefetch of their related rows)
JOB_KIND = "export"
XLSX_FORMATS = {DATE: "DD/MM/YYYY", VND: "#,##0"}


@dataclass
class FileTarget:
    """Set on the request by the job's runner: write the file here instead of answering."""

    progress: object
    path: Path | None = None
    file_name: str = ""


@dataclass
class PersonalData:
    """An export's personal columns, asked for by a holder of the grant: whose rows it fills, for the log."""

    user: object
    detail: str = ""
    shown: dict = field(default_factory=dict)  # sheet name -> {unit pk: [unit, rows]}

    def filled(self, declared: Sheet, record) -> bool:
        unit = declared.unit_of(record)
        if unit is None or not may_see_personal(self.user, unit):
            return False
        self.shown.setdefault(declared.name, {}).setdefault(unit.pk, [unit, 0])[1] += 1
        return True

    def log(self) -> None:
        """One access-log row per sheet and unit whose people the file shows (rows counted)."""
        for name, units in self.shown.items():
            declared = SHEETS[name]
            if declared.log_export is None:
                continue
            declared.log_export(
                user=self.user, model=declared.model, per_unit=list(units.values()), detail=self.detail
            )
        self.shown = {}


def personal_data(request, declared: Sheet, file_format: str) -> PersonalData | None:
    """``?personal=1`` from a holder of the grant on a sheet with personal columns; else None."""
    if request.GET.get("personal") != "1":
        return None
    if not any(each.has_personal for each in (declared, *declared.children)):
        return None
    if not holds_personal_grant(request.user):
        return None
    query = request.GET.copy()
    query.pop("page", None)
    return PersonalData(user=request.user, detail=f"{file_format} ?{query.urlencode()}")


def export_list(request, *, sheet: str, queryset, file_format: str):
    """The answer to a list URL with ``?format=``: the file, or the page of the job making it."""
    declared = sheet_named(sheet)
    personal = personal_data(request, declared, file_format)
    target: FileTarget | None = getattr(request, "export_target", None)
    if target is not None:
        target.progress.total(queryset.order_by().count())
        target.path = write_file(
            declared, queryset, file_format, advance=target.progress.advance, personal=personal
        )
        target.file_name = file_name(declared, file_format)
        if personal is not None:
            personal.log()
        return HttpResponse(status=204)
    if is_large(queryset):
        job = job_start(
            owner=request.user,
            kind=JOB_KIND,
            title=_("Export: %(list)s") % {"list": declared.title},
            params={
                "sheet": declared.name,
                "path": request.path,
                "query": request.GET.urlencode(),
                "format": file_format,
            },
        )
        return redirect(job)
    if file_format == "csv":
        return csv_response(declared, queryset, personal=personal)
    path = write_file(declared, queryset, "xlsx", personal=personal)
    if personal is not None:
        personal.log()
    handle = path.open("rb")
    path.unlink()  # the open handle keeps the file readable until the response is sent
    return FileResponse(handle, as_attachment=True, filename=file_name(declared, "xlsx"))


def sheet_of(model) -> Sheet:
    """The sheet of ``model``'s list: a records sheet before a child one (commitments are both)."""
    found = sorted((s for s in SHEETS.values() if s.model is model), key=lambda s: bool(s.parent))
    if not found:
        raise LookupError(f"no sheet declared for {model.__name__}")
    return found[0]


def is_large(queryset) -> bool:
    """More rows than the limit, known from at most limit + 1 keys, never a count of them all."""
    limit = settings.EXPORT_SYNC_LIMIT
    return len(queryset.order_by().values_list("pk", flat=True)[: limit + 1]) > limit


def file_name(declared: Sheet, file_format: str) -> str:
    today = timezone.localdate()
    return f"{slugify(fold(str(declared.title)))}-{today:%Y-%m-%d}.{file_format}"


# -- rows ---------------------------------------------------------------------------------------


def records(declared: Sheet, queryset):
    """The rows a chunk at a time, each chunk with its related rows (a fixed number of queries per chunk)."""
    lookups = _unordered([*queryset._prefetch_related_lookups, *declared.prefetch], queryset.model)
    return (
        queryset.select_related(*declared.related)
        .prefetch_related(None)
        .prefetch_related(*lookups)
        .iterator(chunk_size=CHUNK)
    )


def _unordered(lookups, model) -> list:
    """The prefetches without their model's default order (an explicit one is kept), each once.

    Partners are ordered by name: for a chunk of 2,000 delegations SQLite then walks
    every partner by the name index and probes the link table for each, seconds a
    chunk; unordered, it reads the links of those 2,000 by their index.
    """
    found = {}
    for lookup in lookups:
        if isinstance(lookup, str):
            if "__" in lookup:
                found.setdefault(lookup, lookup)
                continue
            related = model._meta.get_field(lookup).related_model
            lookup = Prefetch(lookup, queryset=related._default_manager.all())
        if lookup.prefetch_to in found:
            continue
        if lookup.queryset is not None and not lookup.queryset.query.order_by:
            lookup = copy.copy(lookup)  # the list's own queryset keeps its prefetch as it was
            lookup.queryset = lookup.queryset.order_by()
        found[lookup.prefetch_to] = lookup
    return list(found.values())


def child_records(child: Sheet, queryset):
    """A child sheet's rows (members, costs...) of the exported records, in one query, grouped by record."""
    rows = child.model._default_manager.filter(**{f"{child.parent}__in": queryset.order_by().values("pk")})
    if hasattr(child.model, "archived_at"):
        rows = rows.filter(archived_at__isnull=True)
    return records(child, rows.order_by(f"{child.parent}_id", "pk"))


# -- CSV ----------------------------------------------------------------------------------------


class _Echo:
    """A file that hands back what is written: the csv module's writer for a streamed answer."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value) -> object:
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # A spreadsheet would run text typed into a record ("=HYPERLINK(...)", "+84 ...") as a
        # formula: the apostrophe makes it text there, and the import takes it off again.
        return FORMULA_GUARD + value
    return "" if value is None else value


def csv_lines(declared: Sheet, queryset, *, advance=None, personal: PersonalData | None = None):
    """The CSV text line by line: a BOM (Excel then reads UTF-8), the headers, one line per record."""
    writer = csv.writer(_Echo())
    with_personal = personal is not None and declared.has_personal
    yield "\ufeff" + writer.writerow(declared.headers(personal=with_personal))
    for record in records(declared, queryset):
        filled = with_personal and personal.filled(declared, record)
        yield writer.writerow(
            [csv_cell(value) for value in declared.row(record, personal=with_personal, filled=filled)]
        )
        if advance:
            advance()


def csv_response(declared: Sheet, queryset, *, personal: PersonalData | None = None) -> StreamingHttpResponse:
    language = translation.get_language()

    def lines():
        # Streamed after the view returned: keep the request's language for the labels.
        try:
            with translation.override(language):
                yield from csv_lines(declared, queryset, personal=personal)
        finally:
            if personal is not None:  # what was sent, even if the download stopped half-way
                personal.log()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name(declared, "csv")}"'
    return response


# -- XLSX ---------------------------------------------------------------------------------------


def write_file(
    declared: Sheet, queryset, file_format: str, *, advance=None, personal: PersonalData | None = None
) -> Path:
    """The rows written to a temporary file (the caller sends it or keeps it, then removes it)."""
    handle = tempfile.NamedTemporaryFile(suffix=f".{file_format}", delete=False)
    handle.close()
    path = Path(handle.name)
    if file_format == "csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            out.writelines(csv_lines(declared, queryset, advance=advance, personal=personal))
        return path
    workbook = Workbook(write_only=True)
    _write_sheet(workbook, declared, records(declared, queryset), advance=advance, personal=personal)
    for child in declared.children:
        _write_sheet(workbook, child, child_records(child, queryset), personal=personal)
    workbook.save(path)
    return path


def _write_sheet(
    workbook: Workbook, declared: Sheet, rows, *, advance=None, personal: PersonalData | None = None
) -> None:
    worksheet = workbook.create_sheet(title=_tab_title(str(declared.title)))
    worksheet.freeze_panes = "A2"
    with_personal = personal is not None and declared.has_personal
    columns = declared.columns_for(personal=with_personal)
    for index, column in enumerate(columns):
        worksheet.column_dimensions[get_column_letter(index + 1)].width = max(
            12, min(40, len(str(column.header)) + 4)
        )
    bold = Font(bold=True)
    headers = declared.headers(personal=with_personal)
    worksheet.append([_cell(worksheet, header, font=bold) for header in headers])
    formats = [XLSX_FORMATS.get(column.kind) for column in columns]
    for record in rows:
        filled = with_personal and personal.filled(declared, record)
        cells = declared.row(record, personal=with_personal, filled=filled)
        worksheet.append(
            [
                _xlsx_value(worksheet, value, number_format)
                for value, number_format in zip(cells, formats, strict=True)
            ]
        )
        if advance:
            advance()


def _xlsx_value(worksheet, value, number_format: str | None):
    if value is None:
        return None
    if number_format and isinstance(value, (int, datetime.date)):
        return _cell(worksheet, value, number_format=number_format)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            return _cell(worksheet, value)  # text, not a formula someone typed into a record
    return value


def _cell(worksheet, value, *, font=None, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if font is not None:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def _tab_title(title: str) -> str:
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]


# -- the job ------------------------------------------------------------------------------------


def run_export(job, progress) -> Outcome:
    """The job's runner: the list view again, as the job's owner, writing its file."""
    params = job.params
    try:
        match = resolve(params["path"])
    except Resolver404:
        raise ValidationError(_("This list no longer exists.")) from None
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = params["path"]
    request.GET = QueryDict(params["query"])
    request.user = job.owner
    request.htmx = False
    request.export_target = target = FileTarget(progress=progress)
    try:
        match.func(request, *match.args, **match.kwargs)
    except (PermissionDenied, Http404):
        raise ValidationError(_("You may no longer see this list.")) from None
    if target.path is None:
        raise ValidationError(_("This list cannot be exported."))
    return Outcome(
        message=_("%(count)s rows exported.") % {"count": progress.done},
        path=target.path,
        file_name=target.file_name,
    )
