"""Delegations as spreadsheets: the records, their members, their costs (export and import)."""

from django.utils.translation import gettext_lazy as _

from solidarity.core.choices import ApprovalState, FundingSource
from solidarity.plans.sheets import plan_columns
from solidarity.privacy.access import log_export
from solidarity.records.sheets import (
    BOOL,
    CHOICE,
    COUNTRIES,
    DATE,
    ID,
    INT,
    TEXT,
    UNIT,
    VERSION,
    VND,
    Column,
    Sheet,
)

from .choices import CostKind, Direction, MemberRole
from .models import Cost, Delegation, Member


def _partner_names(delegation) -> str:
    return "; ".join(sorted(partner.name for partner in delegation.partners.all()))


DELEGATION_ID = Column("delegation", _("Delegation ID"), ID, source="delegation_id", required=True)

MEMBERS = Sheet(
    name="delegation_members",
    title=_("Members"),
    model=Member,
    parent="delegation",
    related=("unit", "officer", "delegation__owner_unit"),
    # Personal columns: only in an export a grant holder asks for (``records.exports``), logged.
    personal_unit="delegation.owner_unit",
    log_export=log_export,
    columns=(
        DELEGATION_ID,
        Column("full_name", _("Full name"), required=True, example="Nguyễn Văn A"),
        Column("unit", _("Our unit (code)"), UNIT),
        Column("organisation", _("Organisation"), example="LĐLĐ tỉnh Nghệ An"),
        Column("title", _("Title"), example="Phó Chủ tịch"),
        Column("role", _("Role in the delegation"), CHOICE, choices=MemberRole, example=MemberRole.HEAD),
        Column("is_key_leader", _("Key leader of the unit"), BOOL, example=False),
        # The register's row id (read back on import: the person then counts once across units);
        # its name beside it for the reader only.
        Column(
            "officer",
            _("Officer ID"),
            INT,
            source="officer_id",
            note=_("the ID of the person on a foreign-affairs officers' register, if any"),
        ),
        Column("officer_name", _("Officer on the register"), source="officer.full_name", export_only=True),
        Column("date_of_birth", _("Date of birth"), DATE, personal=True),
        Column("phone", _("Phone"), personal=True),
        Column("passport_number", _("Passport number"), personal=True),
        Column("id_number", _("ID card number"), personal=True),
        Column("health_notes", _("Health and dietary needs"), personal=True),
    ),
)

COSTS = Sheet(
    name="delegation_costs",
    title=_("Costs"),
    model=Cost,
    parent="delegation",
    columns=(
        DELEGATION_ID,
        Column("kind", _("Estimated or actual"), CHOICE, choices=CostKind, required=True),
        Column("source", _("Funding source"), CHOICE, choices=FundingSource, required=True),
        Column("description", _("Description"), example="Vé máy bay"),
        Column("currency", _("Currency"), example="VND"),
        Column("amount", _("Amount in that currency"), TEXT, example="30000000"),
        Column("amount_vnd", _("Value in VND"), VND, required=True, example=30_000_000),
    ),
)

DELEGATIONS = Sheet(
    name="delegations",
    title=_("Delegations"),
    model=Delegation,
    related=("owner_unit", "agreement", "plan_item"),
    prefetch=("partners",),
    children=(MEMBERS, COSTS),
    columns=(
        Column("id", _("ID"), ID, source="pk"),
        Column("version", _("Version"), VERSION),
        Column("owner_unit", _("Unit (code)"), UNIT, required=True, example="NGHEAN"),
        Column("direction", _("Direction"), CHOICE, choices=Direction, required=True),
        Column(
            "title",
            _("Name of the delegation"),
            required=True,
            example="Đoàn công tác sang Xiêng Khoảng",
        ),
        Column("purpose", _("Purpose and content")),
        Column("partners", _("Partners"), source=_partner_names, note=_("partner names, separated by ;")),
        Column("countries", _("Countries"), COUNTRIES, required=True, example="Lào"),
        Column("cities", _("Cities")),
        Column("start_on", _("Start date"), DATE, required=True),
        Column("end_on", _("End date"), DATE, required=True),
        Column("planned_count", _("Planned number of people"), INT),
        *plan_columns(),
        # What files exported before plans had; read only now (the plan item says it).
        Column("in_plan", _("In the annual plan"), BOOL, export_only=True),
        Column("state", _("State"), CHOICE, choices=ApprovalState, export_only=True),
        Column("member_count", _("Number of people"), INT, export_only=True),
    ),
)
