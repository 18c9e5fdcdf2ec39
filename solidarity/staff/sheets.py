"""The officers' register and the trainings as spreadsheets: their lists exported (Excel, CSV).

Export only for now: no import kind is declared. An officer's languages are one cell
("Lào (B1), Tiếng Anh (A2)"); a training's participants are a child tab (Excel).
"""

from django.utils.translation import gettext_lazy as _

from solidarity.records.sheets import CHOICE, DATE, ID, INT, UNIT, Column, Sheet

from .choices import Employment, TrainingFormat
from .models import Officer, Participant, Training


def _languages(officer) -> str:
    lines = officer.languages.all()
    return ", ".join(f"{line.get_language_display()} ({line.get_level_display()})" for line in lines)


OFFICERS = Sheet(
    name="staff_officers",
    title=_("Foreign-affairs officers"),
    model=Officer,
    related=("owner_unit",),
    prefetch=("languages",),
    columns=(
        Column("id", _("ID"), ID, source="pk", export_only=True),
        Column("owner_unit", _("Unit (code)"), UNIT, export_only=True),
        Column("full_name", _("Full name"), export_only=True),
        Column("position", _("Position"), export_only=True),
        Column("employment", _("Employment"), CHOICE, choices=Employment, export_only=True),
        Column("languages", _("Foreign languages"), source=_languages, export_only=True),
        Column("started_year", _("Year started in foreign-affairs work"), INT, export_only=True),
        Column("left_on", _("Left foreign-affairs work on"), DATE, export_only=True),
    ),
)

PARTICIPANTS = Sheet(
    name="staff_participants",
    title=_("Trainees"),
    model=Participant,
    parent="training",
    related=("officer", "officer__owner_unit"),
    columns=(
        Column("training", _("Training ID"), ID, source="training_id", export_only=True),
        Column("officer", _("Officer ID"), ID, source="officer_id", export_only=True),
        Column("full_name", _("Full name"), source="officer.full_name", export_only=True),
        Column("officer_unit", _("Unit (code)"), UNIT, source="officer.owner_unit", export_only=True),
        Column("result", _("Result or certificate"), export_only=True),
    ),
)

TRAININGS = Sheet(
    name="staff_trainings",
    title=_("Trainings"),
    model=Training,
    related=("owner_unit", "partner"),
    children=(PARTICIPANTS,),
    columns=(
        Column("id", _("ID"), ID, source="pk", export_only=True),
        Column("owner_unit", _("Organiser (unit code)"), UNIT, export_only=True),
        Column("title", _("Course title"), export_only=True),
        Column("starts_on", _("First day"), DATE, export_only=True),
        Column("ends_on", _("Last day"), DATE, export_only=True),
        Column("place", _("Place"), export_only=True),
        Column("format", _("Format"), CHOICE, choices=TrainingFormat, export_only=True),
        Column("topic", _("Topic"), export_only=True),
        Column("trainers", _("Trainers"), export_only=True),
        Column("partner", _("Partner"), source="partner.name", export_only=True),
    ),
)
