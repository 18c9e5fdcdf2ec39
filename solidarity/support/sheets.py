"""Support as spreadsheets: the records and their items (export and import)."""

from django.utils.translation import gettext_lazy as _

from solidarity.core.choices import FundingSource
from solidarity.plans.sheets import plan_columns
from solidarity.records.sheets import CHOICE, DATE, ID, INT, TEXT, UNIT, VERSION, VND, Column, Sheet

from .choices import SupportDirection, SupportForm
from .models import Support, SupportItem

ITEMS = Sheet(
    name="support_items",
    title=_("Items"),
    model=SupportItem,
    parent="support",
    columns=(
        Column("support", _("Support ID"), ID, source="support_id", required=True),
        Column("description", _("Item"), required=True, example="Máy tính xách tay"),
        Column("quantity", _("Quantity"), INT, example=2),
        Column("value_vnd", _("Total value in VND"), VND, required=True, example=30_000_000),
    ),
)

SUPPORT = Sheet(
    name="support",
    title=_("Support"),
    model=Support,
    related=("owner_unit", "partner", "plan_item"),
    children=(ITEMS,),
    columns=(
        Column("id", _("ID"), ID, source="pk"),
        Column("version", _("Version"), VERSION),
        Column("owner_unit", _("Unit (code)"), UNIT, required=True, example="NGHEAN"),
        Column(
            "direction",
            _("Direction"),
            CHOICE,
            choices=SupportDirection,
            required=True,
            example=SupportDirection.GIVEN,
        ),
        Column(
            "partner",
            _("Counterpart"),
            source="partner.name",
            required=True,
            note=_("a partner's Vietnamese name, as in the directory"),
            example="Liên hiệp Công đoàn Lào",
        ),
        Column("given_on", _("Date"), DATE, required=True),
        Column("form", _("Form"), CHOICE, choices=SupportForm, required=True, example=SupportForm.EQUIPMENT),
        Column("description", _("Description")),
        Column("currency", _("Original currency"), example="VND"),
        Column("amount_original", _("Amount in the original currency"), TEXT),
        Column("exchange_rate", _("Exchange rate to VND"), TEXT),
        Column("total_vnd", _("Total in VND"), VND, required=True, example=30_000_000),
        Column(
            "funding_source",
            _("Funding source"),
            CHOICE,
            choices=FundingSource,
            required=True,
            example=FundingSource.UNION_BUDGET,
        ),
        Column("delegation", _("Delegation ID"), ID, source="delegation_id"),
        Column("meeting", _("Meeting ID"), ID, source="meeting_id"),
        *plan_columns(),
    ),
)
