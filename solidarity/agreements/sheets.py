"""Agreements as spreadsheets: the records, their phases, their commitments (export and import).

Commitments are a child sheet of the agreements and the main sheet of their own list.
"""

from django.utils.translation import gettext_lazy as _

from solidarity.plans.sheets import plan_columns
from solidarity.records.sheets import BOOL, CHOICE, DATE, ID, INT, UNIT, VERSION, Column, Sheet

from .choices import AgreementStatus, AgreementType, CommitmentStatus
from .models import Agreement, Commitment, Phase


def _partner_names(agreement) -> str:
    return "; ".join(sorted(partner.name for partner in agreement.partners.all()))


AGREEMENT_ID = Column("agreement", _("Agreement ID"), ID, source="agreement_id", required=True)

PHASES = Sheet(
    name="agreement_phases",
    title=_("Phases"),
    model=Phase,
    parent="agreement",
    columns=(
        AGREEMENT_ID,
        Column("name", _("Phase"), required=True, example="Giai đoạn 2021–2025"),
        Column("start_year", _("From year"), INT, required=True, example=2021),
        Column("end_year", _("To year"), INT, required=True, example=2025),
        Column("contents", _("Contents")),
    ),
)

COMMITMENTS = Sheet(
    name="commitments",
    title=_("Commitments"),
    model=Commitment,
    parent="agreement",
    related=("owner_unit", "responsible_unit", "phase"),
    columns=(
        Column("id", _("ID"), ID, source="pk"),
        Column("version", _("Version"), VERSION),
        Column("agreement", _("Agreement ID"), ID, source="agreement_id"),
        Column("owner_unit", _("Unit (code)"), UNIT, export_only=True),
        Column("meeting", _("Meeting ID"), ID, source="meeting_id", export_only=True),
        Column(
            "phase",
            _("Phase"),
            source="phase.name",
            note=_("the name of one of the agreement's phases"),
        ),
        Column("description", _("Description"), required=True, example="Trao đổi đoàn cán bộ công đoàn"),
        Column("responsible_unit", _("Responsible unit (code)"), UNIT),
        Column("due_on", _("Due date"), DATE),
        Column("due_year", _("Due year"), INT, note=_("a due date or at least a due year"), example=2025),
        Column("status", _("Status"), CHOICE, choices=CommitmentStatus, example=CommitmentStatus.PLANNED),
        Column("done_on", _("Done on"), DATE),
    ),
)

AGREEMENTS = Sheet(
    name="agreements",
    title=_("Agreements"),
    model=Agreement,
    related=("owner_unit", "plan_item"),
    prefetch=("partners",),
    children=(PHASES, COMMITMENTS),
    columns=(
        Column("id", _("ID"), ID, source="pk"),
        Column("version", _("Version"), VERSION),
        Column("owner_unit", _("Unit (code)"), UNIT, required=True, example="NGHEAN"),
        Column("title", _("Agreement title"), required=True, example="Biên bản hợp tác giai đoạn 2021–2025"),
        Column(
            "agreement_type",
            _("Type"),
            CHOICE,
            choices=AgreementType,
            required=True,
            example=AgreementType.COOPERATION_AGREEMENT,
        ),
        Column(
            "partners",
            _("Partners"),
            source=_partner_names,
            required=True,
            note=_("partner names, separated by ;"),
            example="Liên hiệp Công đoàn Lào",
        ),
        Column("signed_on", _("Signing date"), DATE),
        Column("signed_place", _("Signing place")),
        Column("our_signatory", _("Our signatory")),
        Column("partner_signatory", _("Partner's signatory")),
        Column("valid_from", _("Valid from"), DATE),
        Column("valid_to", _("Valid until"), DATE, note=_("empty if open-ended")),
        Column("status", _("Status"), CHOICE, choices=AgreementStatus, example=AgreementStatus.IN_FORCE),
        Column("renewal_warning_on", _("Warn about renewal on"), DATE),
        Column("is_international_agreement", _("International agreement (Law 70/2020/QH14)"), BOOL),
        Column("summary", _("Summary")),
        *plan_columns(),
    ),
)
