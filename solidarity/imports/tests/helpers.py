"""Files as an officer would bring them: the export's rows (``Sheet.row``), changed by hand."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.delegations.filters import DelegationFilter
from solidarity.delegations.selectors import delegation_list
from solidarity.imports.workbooks import workbook_of
from solidarity.records.sheets import sheet


def exported_delegations(user, params: dict) -> list[list[list]]:
    """The filtered delegation list as the export writes it: [delegations, members, costs] rows."""
    records = DelegationFilter(params, queryset=delegation_list(user=user), user=user).qs.order_by("pk")
    main = sheet("delegations")
    records = list(records.select_related(*main.related).prefetch_related(*main.prefetch, "members", "costs"))
    members = [sheet("delegation_members").row(m) for r in records for m in r.members.all()]
    costs = [sheet("delegation_costs").row(c) for r in records for c in r.costs.all()]
    return [[main.row(r) for r in records], members, costs]


def upload(tables: list[list[list]], name: str = "doan.xlsx") -> SimpleUploadedFile:
    main = sheet("delegations")
    content = workbook_of(list(zip((main, *main.children), tables, strict=False)))
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def column(name: str, sheet_name: str = "delegations") -> int:
    return [c.name for c in sheet(sheet_name).columns].index(name)


def exported(kind: str, queryset, *, personal: bool = False) -> list[list[list]]:
    """Any kind's records as its export writes them: [main rows, *child rows], by the export's own code.

    ``personal``: as a holder of the personal-data grant's export with personal data writes them.
    """
    from solidarity.records.exports import child_records, records

    main = sheet(kind)
    queryset = queryset.order_by("pk")
    tables = [[main.row(record, personal=personal) for record in records(main, queryset)]]
    for child in main.children:
        tables.append([child.row(line, personal=personal) for line in child_records(child, queryset)])
    return tables


def upload_of(kind: str, tables: list[list[list]], name: str = "tep.xlsx") -> SimpleUploadedFile:
    main = sheet(kind)
    content = workbook_of(list(zip((main, *main.children), tables, strict=False)))
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def new_row(kind: str, template: list, **cells) -> list:
    """A copy of an exported row without its ID and version (a new record), with ``cells`` changed."""
    row = list(template)
    names = [c.name for c in sheet(kind).columns]
    for name in ("id", "version"):
        if name in names:
            row[names.index(name)] = None
    for name, value in cells.items():
        row[names.index(name)] = value
    return row
