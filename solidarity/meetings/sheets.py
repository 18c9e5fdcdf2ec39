"""Meetings as a spreadsheet: seminars, conferences, working sessions (export and import)."""

from django.utils.translation import gettext_lazy as _

from solidarity.core.choices import ApprovalState
from solidarity.plans.sheets import plan_columns
from solidarity.records.sheets import BOOL, CHOICE, COUNTRY, DATE, ID, INT, UNIT, VERSION, Column, Sheet

from .choices import MeetingKind
from .models import Meeting


def _partner_names(meeting) -> str:
    return "; ".join(sorted(partner.name for partner in meeting.partners.all()))


MEETINGS = Sheet(
    name="meetings",
    title=_("Meetings"),
    model=Meeting,
    related=("owner_unit", "plan_item"),
    prefetch=("partners",),
    columns=(
        Column("id", _("ID"), ID, source="pk"),
        Column("version", _("Version"), VERSION),
        Column("owner_unit", _("Unit (code)"), UNIT, required=True, example="NGHEAN"),
        Column("kind", _("Kind"), CHOICE, choices=MeetingKind, required=True, example=MeetingKind.SEMINAR),
        Column("title", _("Meeting title"), required=True, example="Hội thảo về an toàn lao động"),
        Column("hosted", _("Hosted by us"), BOOL, example=True),
        Column("is_international", _("International"), BOOL, example=True),
        Column("start_on", _("Start date"), DATE, required=True),
        Column("end_on", _("End date"), DATE),
        Column("place", _("Place")),
        Column("country", _("Country"), COUNTRY, note=_("empty for Vietnam")),
        Column("chairs", _("Chair and co-chairs")),
        Column(
            "partners",
            _("Partners"),
            source=_partner_names,
            note=_("partner names, separated by ;"),
            example="Liên hiệp Công đoàn Lào",
        ),
        Column("agreement", _("Agreement ID"), ID, source="agreement_id"),
        Column("domestic_participants", _("Domestic participants"), INT, example=40),
        Column("foreign_participants", _("Foreign participants"), INT, example=10),
        Column("topics", _("Topics")),
        Column("conclusions", _("Conclusions")),
        *plan_columns(),
        Column("state", _("State"), CHOICE, choices=ApprovalState, export_only=True),
    ),
)
