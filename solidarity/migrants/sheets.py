"""Migrant workers' cases as spreadsheets (export only).

Two declarations of the same list: the case's facts, for everyone who sees
the cases, and the facts with the person's details, for a user with the
personal-data grant who asks for them (``?personal=1``). Even then a row the
grant does not cover has its personal cells blank: the export's queryset
marks each row (``personal_ok``, see views.py), and the cells read the mark.
"""

from django.utils.translation import gettext_lazy as _

from solidarity.records.sheets import CHOICE, COUNTRY, DATE, ID, INT, UNIT, Column, Sheet

from .choices import CaseStatus, Sector, Sex, Situation
from .models import FollowUp, MigrantCase


def _personal(name: str):
    def value(case):
        return getattr(case, name) if getattr(case, "personal_ok", False) else None

    return value


FOLLOW_UPS = Sheet(
    name="migrant_follow_ups",
    title=_("Follow-ups"),
    model=FollowUp,
    parent="case",
    columns=(
        Column("case", _("Case ID"), ID, source="case_id", export_only=True),
        Column("done_on", _("Date"), DATE, export_only=True),
        Column("note", _("Action or note"), export_only=True),
        Column("done_by", _("By whom"), export_only=True),
    ),
)

FACT_COLUMNS = (
    Column("id", _("ID"), ID, source="pk", export_only=True),
    Column("owner_unit", _("Unit (code)"), UNIT, export_only=True),
    Column("country", _("Country"), COUNTRY, export_only=True),
    Column("sector", _("Sector"), CHOICE, choices=Sector, export_only=True),
    Column("situation", _("Situation"), CHOICE, choices=Situation, export_only=True),
    Column("opened_on", _("Opened on"), DATE, export_only=True),
    Column("status", _("Status"), CHOICE, choices=CaseStatus, export_only=True),
    Column("closed_on", _("Closed on"), DATE, export_only=True),
    Column("partner", _("Partner union involved"), source="partner.name", export_only=True),
    Column("support_given", _("Support given"), export_only=True),
)

PERSONAL_COLUMNS = (
    Column("full_name", _("Full name"), source=_personal("full_name"), export_only=True),
    Column("birth_year", _("Year of birth"), INT, source=_personal("birth_year"), export_only=True),
    Column("sex", _("Sex"), CHOICE, choices=Sex, source=_personal("sex"), export_only=True),
    Column("home_commune", _("Home commune"), source=_personal("home_commune"), export_only=True),
    Column("home_province", _("Home province"), source=_personal("home_province"), export_only=True),
    Column("workplace_abroad", _("Workplace abroad"), source=_personal("workplace_abroad"), export_only=True),
    Column("employer", _("Employer"), source=_personal("employer"), export_only=True),
    Column("phone", _("Phone"), source=_personal("phone"), export_only=True),
    Column(
        "situation_details", _("Situation details"), source=_personal("situation_details"), export_only=True
    ),
    Column("id_number", _("Citizen ID number (CCCD)"), source=_personal("id_number"), export_only=True),
    Column("passport_number", _("Passport number"), source=_personal("passport_number"), export_only=True),
    Column("health_notes", _("Health notes"), source=_personal("health_notes"), export_only=True),
)

CASES = Sheet(
    name="migrant_cases",
    title=_("Migrant workers' cases"),
    model=MigrantCase,
    related=("owner_unit", "partner"),
    children=(FOLLOW_UPS,),
    columns=FACT_COLUMNS,
)

CASES_PERSONAL = Sheet(
    name="migrant_cases_personal",
    title=_("Migrant workers' cases (with personal data)"),
    model=MigrantCase,
    related=("owner_unit", "partner"),
    children=(FOLLOW_UPS,),
    columns=FACT_COLUMNS + PERSONAL_COLUMNS,
)
