"""What each importable kind calls: its services, declared once beside its sheets.

The pipeline (``pipeline.py``) reads a row with the kind's ``Sheet`` columns
and hands the values to these functions, the same services the pages call:
every rule (dates in order, the unit the user may write to, the workflow's
freeze, a stale version) is checked by them, in the dry run as in the import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.delegations import services as delegations
from solidarity.records.sheets import Sheet, sheet


@dataclass(frozen=True)
class Lines:
    """A kind of child row (a delegation's members): how to add one, take one away, list a record's."""

    sheet_name: str
    add: Callable  # add(record=, by=, **fields) -> line
    remove: Callable  # remove(line=, by=)
    related: str  # the record's reverse relation holding these lines ("members")
    prepare: Callable | None = None  # prepare(fields) -> fields: what the service takes

    @property
    def sheet(self) -> Sheet:
        return sheet(self.sheet_name)

    def lines(self, record) -> list:
        return list(getattr(record, self.related).all())


@dataclass(frozen=True)
class Importer:
    """One importable kind: its sheet, its services, and the columns that name other records."""

    sheet_name: str
    label: str
    create: Callable  # create(by=, **fields) -> record
    update: Callable  # update(record=, by=, expected_version=, **fields) -> record
    archive: Callable  # archive(record=, by=): what undoing a created record does
    list_url: str
    lines: tuple[Lines, ...] = ()
    partner_columns: tuple[str, ...] = ()  # text columns of partner names, resolved to partners
    prepare: Callable | None = None
    owner_column: str = "owner_unit"
    extra: dict = field(default_factory=dict)

    @property
    def sheet(self) -> Sheet:
        return sheet(self.sheet_name)


def _cost_fields(fields: dict) -> dict:
    """A cost line's amount: the text cell read as a number; a VND line's amount is its VND value."""
    raw = fields.get("amount")
    if raw in (None, ""):
        fields["amount"] = Decimal(fields["amount_vnd"]) if fields.get("amount_vnd") is not None else None
        return fields
    try:
        fields["amount"] = Decimal(str(raw).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError({"amount": _("“%(value)s” is not a number.") % {"value": raw}}) from None
    return fields


DELEGATIONS = Importer(
    sheet_name="delegations",
    label=gettext_lazy("Delegations"),
    create=lambda *, by, **fields: delegations.delegation_create(by=by, **fields),
    update=lambda *, record, by, expected_version, **fields: delegations.delegation_update(
        delegation=record, by=by, expected_version=expected_version, **fields
    ),
    archive=lambda *, record, by: delegations.delegation_archive(delegation=record, by=by),
    list_url="delegations:list",
    partner_columns=("partners",),
    lines=(
        Lines(
            "delegation_members",
            add=lambda *, record, by, **fields: delegations.member_add(delegation=record, by=by, **fields),
            remove=lambda *, line, by: delegations.member_remove(member=line, by=by),
            related="members",
        ),
        Lines(
            "delegation_costs",
            add=lambda *, record, by, **fields: delegations.cost_add(delegation=record, by=by, **fields),
            remove=lambda *, line, by: delegations.cost_remove(cost=line, by=by),
            related="costs",
            prepare=_cost_fields,
        ),
    ),
)

IMPORTERS: dict[str, Importer] = {}


def register(*importers: Importer) -> None:
    for importer in importers:
        IMPORTERS[importer.sheet_name] = importer


def importer(kind: str) -> Importer:
    try:
        return IMPORTERS[kind]
    except KeyError:
        raise LookupError(kind) from None


register(DELEGATIONS)
