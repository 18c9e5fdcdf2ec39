"""What each importable kind calls: its services, declared once beside its sheets.

The pipeline (``pipeline.py``) reads a row with the kind's ``Sheet`` columns
and hands the values to these functions, the same services the pages call:
every rule (dates in order, the unit the user may write to, the workflow's
freeze, a stale version) is checked by them, in the dry run as in the import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.core.text import fold
from solidarity.delegations import services as delegations
from solidarity.partners import services as partners
from solidarity.partners.models import Partner
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
    # The records a user may name by ID (the permission rule's reads); the services check writes.
    scope: Callable = lambda model, user: model.objects.visible_to(user)
    # A likely match for a new row (a partner by folded name and country): offered, never merged silently.
    match: Callable | None = None  # match(parsed, lookups) -> an existing record or None
    use_existing: Callable | None = None  # use_existing(record=, by=, **parsed): the user's "use existing"
    match_column: str = ""  # the text column the matches are looked up by (read in bulk)

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


def _partner_create(*, by, unit=None, **fields):
    if unit is None:
        raise ValidationError({"unit": _("Give the code of your unit working with this new partner.")})
    return partners.partner_create(by=by, unit=unit, **fields)


def _partner_match(parsed: dict, lookups) -> Partner | None:
    """The duplicate rule (folded name and country); a namesake with no country given is likely too."""
    candidates = lookups.partners.get(fold(parsed.get("name") or ""), [])
    country = parsed.get("country") or ""
    exact = [p for p in candidates if p.country == country]
    likely = [p for p in candidates if not p.country or not country]
    return (exact or likely or [None])[0]


PARTNERS = Importer(
    sheet_name="partners",
    label=gettext_lazy("Partners"),
    create=_partner_create,
    update=lambda *, record, by, expected_version, unit=None, **fields: partners.partner_update(
        partner=record, by=by, expected_version=expected_version, **fields
    ),
    archive=lambda *, record, by: partners.partner_set_active(partner=record, by=by, active=False),
    list_url="partners:list",
    owner_column="unit",
    scope=lambda model, user: model.objects.all(),  # the directory is shared
    match=_partner_match,
    use_existing=lambda *, record, by, unit=None, **parsed: (
        partners.partner_link_add(partner=record, unit=unit, by=by) if unit is not None else None
    ),
    match_column="name",
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


register(DELEGATIONS, PARTNERS)
