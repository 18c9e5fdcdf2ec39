"""staff.yaml: foreign-affairs officers with their languages, and trainings with their participants,
through the staff services."""

from __future__ import annotations

from solidarity.staff import services as staff_services
from solidarity.staff.choices import Employment, Language, LanguageLevel, TrainingFormat
from solidarity.staff.models import Officer, Training

from .context import Demo
from .files import Entry, entries
from .replay import acting

OFFICER_FIELDS = (
    "unit",
    "full_name",
    "user",
    "position",
    "employment",
    "started_year",
    "left_on",
    "languages",
)
TRAINING_FIELDS = (
    "organiser", "title", "starts_on", "ends_on", "place", "format", "topic", "trainers", "partner",
    "participants",
)  # fmt: skip


def load_staff(demo: Demo) -> None:
    content = demo.read("staff.yaml")
    for entry in entries(content, "officers", label="full_name"):
        entry.only(*OFFICER_FIELDS)
        with entry.reporting():
            _officer(demo, entry)
    for entry in entries(content, "trainings", label="title"):
        entry.only(*TRAINING_FIELDS)
        with entry.reporting():
            _training(demo, entry)


def _officer(demo: Demo, entry: Entry) -> None:
    unit = demo.unit(entry, "unit")
    full_name = entry.text("full_name", required=True)
    if Officer.objects.filter(owner_unit=unit, full_name=full_name).exists():
        return
    languages = []
    for line in entry.part("languages", label="language"):
        line.only("language", "level")
        languages.append(
            {"language": line.choice("language", Language), "level": line.choice("level", LanguageLevel)}
        )
    by = demo.officer_for(entry, unit)
    with acting(by):
        staff_services.officer_create(
            by=by,
            owner_unit=unit,
            full_name=full_name,
            user=demo.user(entry, "user") if entry.text("user") else None,
            position=entry.text("position"),
            employment=entry.choice("employment", Employment),
            started_year=entry.integer("started_year", required=True),
            left_on=entry.date("left_on"),
            languages=languages,
        )
    demo.created["foreign-affairs officers"] += 1


def _training(demo: Demo, entry: Entry) -> None:
    organiser = demo.unit(entry, "organiser")
    title = entry.text("title", required=True)
    if Training.objects.filter(owner_unit=organiser, title=title).exists():
        return
    by = demo.officer_for(entry, organiser)
    partner = entry.text("partner")
    with acting(by):
        training = staff_services.training_create(
            by=by,
            owner_unit=organiser,
            title=title,
            starts_on=entry.date("starts_on", required=True),
            ends_on=entry.date("ends_on", required=True),
            place=entry.text("place"),
            format=entry.choice("format", TrainingFormat, default=TrainingFormat.IN_PERSON),
            topic=entry.text("topic"),
            trainers=entry.text("trainers"),
            partner=demo.partner(entry, partner) if partner else None,
        )
        for line in entry.part("participants", label="full_name"):
            line.only("unit", "full_name", "result")
            officer = Officer.objects.filter(
                owner_unit=demo.unit(line, "unit"), full_name=line.text("full_name", required=True)
            ).first()
            if officer is None:
                raise line.error("no such officer in the 'officers' section.")
            staff_services.participant_add(
                training=training, officer=officer, by=by, result=line.text("result")
            )
            demo.created["training participants"] += 1
    demo.created["trainings"] += 1
