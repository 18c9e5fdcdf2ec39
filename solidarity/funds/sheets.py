"""Fund entries as a spreadsheet: the entries' list exported (Excel, CSV).

Export only: no import kind is declared, because a ledger is written line by line through
``services.entry_add`` and ``entry_reverse`` (closed periods, reversals, the fund's lock), never
by a file of rows that would update lines in place.
"""

from django.utils.translation import gettext_lazy as _

from solidarity.records.sheets import CHOICE, DATE, ID, INT, TEXT, UNIT, VND, Column, Sheet

from .choices import Direction
from .models import Fund, FundEntry


def _source_or_purpose(entry) -> str:
    """Income: where it came from; spending: its use and what it paid for."""
    if entry.direction == Direction.INCOME:
        label = entry.get_source_display()
        return f"{label}: {entry.purpose}" if entry.purpose else str(label)
    return f"{entry.get_use_display()}: {entry.purpose}" if entry.purpose else str(entry.get_use_display())


ENTRIES = Sheet(
    name="fund_entries",
    title=_("Fund entries"),
    model=FundEntry,
    related=("fund", "fund__owner_unit", "reverses"),
    columns=(
        Column("id", _("ID"), ID, source="pk", export_only=True),
        Column("entry_on", _("Date"), DATE, export_only=True),
        Column("fund", _("Fund"), TEXT, source="fund.name", export_only=True),
        Column("owner_unit", _("Unit (code)"), UNIT, source="fund.owner_unit", export_only=True),
        Column("direction", _("Income or spending"), CHOICE, choices=Direction, export_only=True),
        Column("source_or_purpose", _("Source or purpose"), source=_source_or_purpose, export_only=True),
        Column("beneficiaries", _("Beneficiaries"), INT, export_only=True),
        Column("amount_vnd", _("Amount in VND"), VND, export_only=True),
        Column("signed_vnd", _("Effect on the balance (VND)"), VND, export_only=True),
        Column("voucher", _("Voucher number"), export_only=True),
        Column("reverses", _("Reversal of (ID)"), ID, source="reverses_id", export_only=True),
        Column("note", _("Note"), export_only=True),
    ),
)

FUNDS = Sheet(
    name="funds",
    title=_("Social funds"),
    model=Fund,
    related=("owner_unit",),
    columns=(
        Column("id", _("ID"), ID, source="pk", export_only=True),
        Column("owner_unit", _("Unit (code)"), UNIT, export_only=True),
        Column("name", _("Name"), export_only=True),
        Column("purpose", _("Purpose"), export_only=True),
        Column("balance_vnd", _("Balance in VND"), VND, export_only=True),
        Column("closed_through", _("Books closed through"), DATE, export_only=True),
    ),
)
