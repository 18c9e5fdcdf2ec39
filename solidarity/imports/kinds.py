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

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.accounts.permissions import may_see_personal
from solidarity.agreements import services as agreements
from solidarity.agreements.models import Agreement, Commitment, Phase
from solidarity.contacts import services as contacts
from solidarity.core.text import fold
from solidarity.delegations import services as delegations
from solidarity.delegations.models import MEMBER_PERSONAL_FIELDS, Delegation, Member
from solidarity.meetings import services as meetings
from solidarity.meetings.models import Meeting
from solidarity.partners import services as partners
from solidarity.partners.models import Partner
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.forms import recorded_before_plans
from solidarity.plans.services import require_outside_reason
from solidarity.records.base import EditConflict
from solidarity.records.sheets import Sheet, sheet
from solidarity.staff.models import Officer
from solidarity.support import services as support
from solidarity.support.choices import SupportDirection


class LineRefused(Exception):
    """A ``Lines.replace`` refusing the line at ``index`` (of the lines it was given) with ``error``."""

    def __init__(self, index: int, error: Exception):
        super().__init__(str(error))
        self.index, self.error = index, error


@dataclass(frozen=True)
class Lines:
    """A kind of child row (a delegation's members): how to add one, take one away, list a record's."""

    sheet_name: str
    add: Callable  # add(record=, by=, **fields) -> line
    remove: Callable  # remove(line=, by=)
    related: str  # the record's reverse relation holding these lines ("members")
    prepare: Callable | None = None  # prepare(fields) -> fields: what the service takes
    # replace(record=, by=, lines=[fields]) -> changed: all the record's lines in one call, instead of
    # add/remove, for lines that keep their identity (phases by name, commitments by ID, support items).
    replace: Callable | None = None

    @property
    def sheet(self) -> Sheet:
        return sheet(self.sheet_name)

    def lines(self, record) -> list:
        return list(getattr(record, self.related).all())


@dataclass(frozen=True)
class PlanLink:
    """How a kind's rows name the plan item they carry out (``plans.sheets``: by its title), and
    when a row without one must say why it is outside the annual plan (as the record's form asks).

    ``kinds`` and ``applies`` take ``value(name)``: the row's value of a field, else the record's
    (an update), else the model's default (a new record).
    """

    dates: tuple[str, ...]  # the record's dates; the first one filled gives the plan's year
    kinds: Callable[[Callable], tuple]  # the item kinds that fit the row
    applies: Callable[[Callable], bool] = lambda value: True  # the plan concerns the row

    def resolve(self, fields: dict, *, record, model, lookups) -> dict:
        if record is not None and "plan_item" not in fields and "out_of_plan_reason" not in fields:
            return fields  # a file without the plan's columns leaves the record's link as it is

        def value(name):
            if name in fields:
                return fields[name]
            if record is not None:
                return getattr(record, name)
            return model._meta.get_field(name).get_default()

        item = record.plan_item if record is not None else None
        if "plan_item" in fields:
            title = fields["plan_item"]
            if not title:
                item = None
            elif item is None or fold(title) not in {fold(item.title), fold(str(item))}:
                item = lookups.plan_items.find(
                    title,
                    unit=fields.get("owner_unit") or record.owner_unit,
                    year=next((day.year for day in map(value, self.dates) if day), None),
                    kinds=self.kinds(value),
                )
            # else: the record's own item, named as the export wrote it, stays (of whichever revision)
            fields["plan_item"] = item
        saved_before_plans = record is not None and recorded_before_plans(record)
        if item is None and self.applies(value) and not saved_before_plans:
            require_outside_reason(item=None, reason=value("out_of_plan_reason"))
        return fields


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
    plan: PlanLink | None = None  # how a row names the plan item it carries out

    def resolve(self, fields: dict, *, record, lookups) -> dict:
        """What the row names beyond a cell's own reading (the plan item by title), for the services."""
        if self.plan is None:
            return fields
        return self.plan.resolve(fields, record=record, model=self.sheet.model, lookups=lookups)

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
    plan=PlanLink(
        dates=("start_on",),
        kinds=lambda value: delegations.PLAN_ITEM_KINDS.get(value("direction"), ()),
    ),
    lines=(
        Lines(
            "delegation_members",
            add=lambda *, record, by, **fields: delegations.member_add(delegation=record, by=by, **fields),
            remove=lambda *, line, by: delegations.member_remove(member=line, by=by),
            related="members",
            prepare=lambda fields: _linked(fields, "officer", Officer),  # the service checks the user sees it
            replace=lambda *, record, by, lines: _members_replace(record=record, by=by, lines=lines),
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


def _members_replace(*, record, by, lines: list[dict]) -> bool:
    """The delegation's members as the file lists them, each listed person keeping their personal data.

    A file exported without the personal columns (or by someone without the personal-data grant,
    whose cells are empty) must not erase passports: a member listed again, matched by the person's
    key (folded name and unit or organisation), keeps the personal values the file does not give.
    """
    allowed = may_see_personal(by, record.owner_unit)
    before = {member.person_key: member for member in record.members.all()}
    for member in before.values():
        delegations.member_remove(member=member, by=by)
    for index, line in enumerate(lines):
        try:
            member = delegations.member_add(delegation=record, by=by, **line)
        except (ValidationError, PermissionDenied) as error:
            raise LineRefused(index, error) from error
        previous = before.pop(member.person_key, None)
        if previous is None:
            continue
        carried = {
            name: getattr(previous, name)
            for name in MEMBER_PERSONAL_FIELDS
            if getattr(previous, name) not in (None, "")
            and (name not in line or (line[name] in (None, "") and not allowed))
        }
        if carried:  # the same person's stored values, not a write of the importing user
            Member.objects.filter(pk=member.pk).update(**carried)
    return True


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


# -- contacts, agreements (phases, commitments), meetings, support (items) ----------------------


def _one_partner(fields: dict, name: str = "partner") -> dict:
    """A column naming one partner (resolved like a list of them): the partner, or None when empty."""
    if name not in fields:  # a file without the column leaves the partner as it is
        return fields
    found = fields[name] or []
    if len(found) > 1:
        raise ValidationError({name: _("Name only one partner here.")})
    fields[name] = found[0] if found else None
    return fields


def _linked(fields: dict, name: str, model) -> dict:
    """An ID column as the record it names; the service then checks the user may link it."""
    record_id = fields.get(name)
    if record_id is None:
        return fields
    found = model.objects.filter(pk=record_id).first()
    if found is None:
        raise ValidationError({name: _("No record with ID %(id)s that you may see.") % {"id": record_id}})
    fields[name] = found
    return fields


def _without_empty(fields: dict, *names: str) -> dict:
    """Empty cells of fields that have a default (a status, a count): the service's default applies."""
    for name in names:
        if fields.get(name) is None:
            fields.pop(name, None)
    return fields


def _decimal(fields: dict, name: str) -> dict:
    """A text cell read as a number (an exchange rate, an amount in another currency), or None."""
    raw = fields.get(name)
    if raw in (None, ""):
        fields[name] = None
        return fields
    try:
        fields[name] = Decimal(str(raw).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError({name: _("“%(value)s” is not a number.") % {"value": raw}}) from None
    return fields


CONTACTS = Importer(
    sheet_name="contacts",
    label=gettext_lazy("Contacts"),
    create=lambda *, by, **fields: contacts.contact_create(by=by, **fields),
    update=lambda *, record, by, expected_version, **fields: contacts.contact_update(
        contact=record, by=by, expected_version=expected_version, **fields
    ),
    archive=lambda *, record, by: contacts.contact_set_active(contact=record, by=by, active=False),
    list_url="contacts:list",
    partner_columns=("partner",),
    prepare=_one_partner,
)


def _phases_replace(*, record, by, lines: list[dict]) -> bool:
    """The agreement's phases as the file lists them, matched by name (commitments name them)."""
    existing = {phase.name: phase for phase in Phase.objects.filter(agreement=record)}
    named, changed = set(), False
    for index, line in enumerate(lines):
        name = (line.get("name") or "").strip()
        named.add(name)
        phase = existing.get(name)
        if phase is not None and all(
            getattr(phase, key) == line.get(key) for key in ("start_year", "end_year", "contents")
        ):
            continue
        try:
            existing[name] = agreements.phase_save(agreement=record, by=by, phase=phase, **line)
        except (ValidationError, PermissionDenied) as error:
            raise LineRefused(index, error) from error
        changed = True
    for name, phase in existing.items():
        if name not in named:
            try:
                agreements.phase_delete(phase=phase, by=by)
            except ValidationError as error:
                raise LineRefused(0, ValidationError(f"{name}: {' '.join(error.messages)}")) from error
            changed = True
    return changed


COMMITMENT_COLUMNS = ("phase", "description", "responsible_unit", "due_on", "due_year", "status", "done_on")


def _commitments_replace(*, record, by, lines: list[dict]) -> bool:
    """Commitments with an ID updated (version checked), without one added; those left out stay."""
    phases = {phase.name: phase for phase in Phase.objects.filter(agreement=record)}
    existing = {c.pk: c for c in Commitment.objects.filter(agreement=record).select_related("phase")}
    changed = False
    for index, line in enumerate(lines):
        line = _without_empty(dict(line), "status")
        commitment_id, version = line.pop("id", None), line.pop("version", None)
        phase_name = (line.pop("phase", None) or "").strip()
        try:
            if phase_name and phase_name not in phases:
                raise ValidationError(
                    {"phase": _("The agreement has no phase “%(name)s”.") % {"name": phase_name}}
                )
            line["phase"] = phases.get(phase_name)
            if commitment_id is None:
                agreements.commitment_create(by=by, agreement=record, **line)
                changed = True
                continue
            commitment = existing.get(commitment_id)
            if commitment is None:
                raise ValidationError(
                    {"id": _("No record with ID %(id)s that you may see.") % {"id": commitment_id}}
                )
            if all(getattr(commitment, key) == line.get(key) for key in COMMITMENT_COLUMNS if key in line):
                continue
            if version is None:
                raise ValidationError({"version": _("Give the version from the export to update a record.")})
            agreements.commitment_update(commitment=commitment, by=by, expected_version=version, **line)
            changed = True
        except (ValidationError, PermissionDenied, EditConflict) as error:
            raise LineRefused(index, error) from error
    return changed


def _agreement_archive(*, record, by):
    """Undo: the agreement's commitments go with it (the commitment list shows them on their own)."""
    for commitment in record.commitments.filter(archived_at__isnull=True):
        agreements.commitment_archive(commitment=commitment, by=by)
    return agreements.agreement_archive(agreement=record, by=by)


AGREEMENTS = Importer(
    sheet_name="agreements",
    label=gettext_lazy("Agreements"),
    create=lambda *, by, **fields: agreements.agreement_create(by=by, **fields),
    update=lambda *, record, by, expected_version, **fields: agreements.agreement_update(
        agreement=record, by=by, expected_version=expected_version, **fields
    ),
    archive=_agreement_archive,
    list_url="agreements:list",
    partner_columns=("partners",),
    plan=PlanLink(
        dates=("signed_on", "valid_from"),
        kinds=lambda value: (PlanItemKind.AGREEMENT,),
        applies=lambda value: bool(value("is_international_agreement")),
    ),
    prepare=lambda fields: _without_empty(fields, "status", "agreement_type"),
    lines=(
        Lines("agreement_phases", add=None, remove=None, related="phases", replace=_phases_replace),
        Lines("commitments", add=None, remove=None, related="commitments", replace=_commitments_replace),
    ),
)


def _meeting_fields(fields: dict) -> dict:
    fields = _without_empty(fields, "domestic_participants", "foreign_participants")
    if "country" in fields and fields["country"] is None:
        fields["country"] = ""  # Vietnam
    return _linked(fields, "agreement", Agreement)


MEETINGS = Importer(
    sheet_name="meetings",
    label=gettext_lazy("Meetings"),
    create=lambda *, by, **fields: meetings.meeting_create(by=by, **fields),
    update=lambda *, record, by, expected_version, **fields: meetings.meeting_update(
        meeting=record, by=by, expected_version=expected_version, fields=fields
    ),
    archive=lambda *, record, by: meetings.meeting_archive(meeting=record, by=by),
    list_url="meetings:list",
    partner_columns=("partners",),
    plan=PlanLink(
        dates=("start_on",),
        kinds=lambda value: meetings.plan_item_kinds(value("hosted")),
        applies=lambda value: bool(value("is_international")),  # the foreign-affairs plan
    ),
    prepare=_meeting_fields,
)

SUPPORT_MONEY = ("currency", "amount_original", "exchange_rate", "total_vnd")


def _support_fields(fields: dict) -> dict:
    fields = _decimal(_decimal(_one_partner(fields), "amount_original"), "exchange_rate")
    fields["currency"] = fields.get("currency") or "VND"
    return _linked(_linked(fields, "delegation", Delegation), "meeting", Meeting)


def _items_of(record) -> list[dict]:
    return [
        {
            "id": item.pk,
            "description": item.description,
            "quantity": item.quantity,
            "value_vnd": item.value_vnd,
        }
        for item in record.items.all()
    ]


def _support_update(*, record, by, expected_version, **fields):
    # The record's items stay as they are: the items sheet, read next, changes them.
    return support.support_update(
        support=record, by=by, expected_version=expected_version, fields=fields, items=_items_of(record)
    )


def _items_replace(*, record, by, lines: list[dict]) -> bool:
    """The items as the file lists them; the record's items keep their identity line by line."""
    current = _items_of(record)
    wanted = []
    for index, line in enumerate(lines):
        line = {**line, "quantity": 1 if line.get("quantity") is None else line["quantity"]}
        _cleaned, errors = support.clean_items([line])
        if errors:
            raise LineRefused(index, ValidationError(errors))
        wanted.append({"id": current[index]["id"] if index < len(current) else None, **line})
    if [{**item, "id": None} for item in current] == [{**item, "id": None} for item in wanted]:
        return False
    money = {name: getattr(record, name) for name in SUPPORT_MONEY}
    support.support_update(support=record, by=by, expected_version=record.version, fields=money, items=wanted)
    return True


SUPPORT = Importer(
    sheet_name="support",
    label=gettext_lazy("Support"),
    create=lambda *, by, **fields: support.support_create(by=by, **fields),
    update=_support_update,
    archive=lambda *, record, by: support.support_archive(support=record, by=by),
    list_url="support:list",
    partner_columns=("partner",),
    plan=PlanLink(
        dates=("given_on",),
        kinds=lambda value: (PlanItemKind.SUPPORT,),
        applies=lambda value: value("direction") == SupportDirection.GIVEN,  # received: planned by nobody
    ),
    prepare=_support_fields,
    lines=(Lines("support_items", add=None, remove=None, related="items", replace=_items_replace),),
)

register(CONTACTS, AGREEMENTS, MEETINGS, SUPPORT)
