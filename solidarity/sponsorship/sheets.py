"""Sponsorship projects as a spreadsheet: the projects' list exported, with the money received as a
child tab (Excel) — CSV gives the projects only, as for every list.

Export only: no import kind is declared. A project's money is a ledger written line by line through
``services.disbursement_add`` and ``disbursement_reverse`` (rates of the day, reversals), and a
project's links to activities have no cell to round-trip through.
"""

from django.utils.translation import gettext_lazy as _

from solidarity.records.sheets import CHOICE, COUNTRY, DATE, ID, TEXT, UNIT, VND, Column, Sheet

from .choices import ProjectStatus
from .models import Disbursement, Project


def _plain(value) -> str | None:
    """A decimal as typed (12500.00 → "12500", 24650.5000 → "24650.5"), None when empty."""
    if value is None:
        return None
    return format(value.normalize(), "f")


DISBURSEMENTS = Sheet(
    name="sponsorship_disbursements",
    title=_("Money received"),
    model=Disbursement,
    parent="project",
    columns=(
        Column("project", _("Project ID"), ID, source="project_id", export_only=True),
        Column("id", _("ID"), ID, source="pk", export_only=True),
        Column("received_on", _("Received on"), DATE, export_only=True),
        Column("currency", _("Currency"), export_only=True),
        Column(
            "amount",
            _("Amount in that currency"),
            TEXT,
            source=lambda line: _plain(line.amount),
            export_only=True,
        ),
        Column(
            "rate", _("Exchange rate of the day"), TEXT, source=lambda d: _plain(d.rate), export_only=True
        ),
        Column("amount_vnd", _("Value in VND"), VND, export_only=True),
        Column("signed_vnd", _("Counted in VND"), VND, export_only=True),
        Column("reverses", _("Reversal of (ID)"), ID, source="reverses_id", export_only=True),
        Column("note", _("Note"), export_only=True),
    ),
)

PROJECTS = Sheet(
    name="sponsorship_projects",
    title=_("Sponsorship projects"),
    model=Project,
    related=("owner_unit", "donor", "partner"),
    children=(DISBURSEMENTS,),
    columns=(
        Column("id", _("ID"), ID, source="pk", export_only=True),
        Column("owner_unit", _("Unit (code)"), UNIT, export_only=True),
        Column("title", _("Title"), export_only=True),
        Column("donor", _("Donor"), source="donor.name", export_only=True),
        Column("donor_country", _("Donor's country"), COUNTRY, source="donor.country", export_only=True),
        Column("partner", _("Implementing partner"), source="partner.name", export_only=True),
        Column("start_on", _("Start date"), DATE, export_only=True),
        Column("end_on", _("End date"), DATE, export_only=True),
        Column("currency", _("Budget currency"), export_only=True),
        Column(
            "budget_amount",
            _("Approved budget"),
            TEXT,
            source=lambda p: _plain(p.budget_amount),
            export_only=True,
        ),
        Column("budget_vnd", _("Approved budget in VND"), VND, export_only=True),
        Column("status", _("Status"), CHOICE, choices=ProjectStatus, export_only=True),
        Column("received_vnd", _("Received in VND"), VND, export_only=True),
    ),
)
