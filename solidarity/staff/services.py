"""Writes to the foreign-affairs staff register and its trainings: keyword-only, atomic, checking
``may_edit`` (through the records kit), and keeping the figures in the same transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import may_edit
from solidarity.figures.services import sync as sync_figures
from solidarity.figures.services import sync_many
from solidarity.records.attachments import attachment_add, attachment_archive
from solidarity.records.base import (
    record_archive,
    record_restore,
    refuse_owner_change,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.units.models import Unit

from .choices import Language, LanguageLevel
from .models import Officer, OfficerLanguage, Participant, Training

OFFICER_FIELDS = ("full_name", "user", "position", "employment", "started_year", "left_on", "notes")
TRAINING_FIELDS = ("title", "starts_on", "ends_on", "place", "topic", "format", "trainers", "partner")


# -- officers -------------------------------------------------------------------------------------


def clean_languages(languages) -> list[dict]:
    """``[{"language", "level"}]`` without blank lines; a language twice or without a level is refused."""
    cleaned, seen = [], set()
    for line in languages or ():
        language, level = (line.get("language") or ""), (line.get("level") or "")
        if not language and not level:
            continue
        if language not in Language.values:
            raise ValidationError({"languages": _("Choose the language from the list.")})
        if level not in LanguageLevel.values:
            raise ValidationError(
                {"languages": _("Give the level of %(language)s.") % {"language": Language(language).label}}
            )
        if language in seen:
            raise ValidationError(
                {"languages": _("%(language)s is listed twice.") % {"language": Language(language).label}}
            )
        seen.add(language)
        cleaned.append({"language": language, "level": level})
    return cleaned


def _check_officer(*, fields: dict, owner_unit: Unit, stored: Officer | None = None) -> None:
    errors = {}
    started = fields.get("started_year", getattr(stored, "started_year", None))
    left_on = fields.get("left_on", getattr(stored, "left_on", None))
    this_year = timezone.localdate().year
    if started is not None and started > this_year:
        errors["started_year"] = _("The year started cannot be after this year.")
    if left_on is not None and started is not None and left_on.year < started:
        errors["left_on"] = _("The person cannot leave the work before the year they started it.")
    user = fields.get("user")
    if user is not None and user.pk != getattr(stored, "user_id", None):
        if not Membership.objects.filter(user=user, unit=owner_unit).exists():
            errors["user"] = _("%(user)s is not a member of %(unit)s.") % {
                "user": user.display_name,
                "unit": owner_unit.display_name,
            }
        elif (
            Officer.objects.filter(owner_unit=owner_unit, user=user)
            .exclude(pk=getattr(stored, "pk", None))
            .exists()
        ):
            errors["user"] = _("This user is already on the unit's register.")
    if errors:
        raise ValidationError(errors)


def _save_languages(*, officer: Officer, languages: list[dict], by) -> None:
    """Bring the officer's languages to ``languages``, keeping each language's row (its history)."""
    existing = {row.language: row for row in officer.languages.all()}
    wanted = {line["language"]: line["level"] for line in languages}
    for language, level in wanted.items():
        row = existing.get(language)
        if row is not None and row.level == level:
            continue
        row = row or OfficerLanguage(officer=officer, language=language)
        row.level = level
        row._history_user = by
        row.save()
    for language, row in existing.items():
        if language not in wanted:
            row._history_user = by
            row.delete()


def _rekey_trips(officer: Officer) -> None:
    """The delegation members linked to ``officer`` follow its person key (its user account, else
    itself) in one UPDATE, so the travel rules count the person's trips once across units. Read
    through the ORM's reverse relation: the delegations sit above the register."""
    officer.delegation_members.exclude(person_key=officer.person_key).update(person_key=officer.person_key)


@transaction.atomic
def officer_create(*, by, owner_unit: Unit, languages=(), **fields) -> Officer:
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot keep the register of %(unit)s.") % {"unit": owner_unit})
    languages = clean_languages(languages)
    fields = {name: value for name, value in fields.items() if name in OFFICER_FIELDS}
    _check_officer(fields=fields, owner_unit=owner_unit)
    officer = Officer(owner_unit=owner_unit, created_by=by, **fields)
    officer.full_clean(exclude=["created_by", "archived_by"])
    officer._change_reason = "create"
    officer.save()
    _save_languages(officer=officer, languages=languages, by=by)
    sync_figures(officer)
    return officer


def officer_update(*, officer: Officer, by, expected_version: int, fields: dict, languages=()) -> Officer:
    """Save an edit with its languages; raises EditConflict when someone saved since ``expected_version``."""
    require_edit(user=by, record=officer)
    require_active(officer)
    fields = dict(fields)
    refuse_owner_change(fields, officer)
    fields = {name: value for name, value in fields.items() if name in OFFICER_FIELDS}
    languages = clean_languages(languages)
    _check_officer(fields=fields, owner_unit=officer.owner_unit, stored=officer)
    with transaction.atomic():
        officer = save_versioned(record=officer, expected_version=expected_version, by=by, fields=fields)
        _save_languages(officer=officer, languages=languages, by=by)
        sync_figures(officer)
        _rekey_trips(officer)  # one UPDATE, of no row unless the user account changed
        sync_many(officer.participations.all())  # leaving before a training's end is no change there
    return officer


def officer_archive(*, officer: Officer, by) -> Officer:
    """An archived officer no longer counts, nor do their trainings."""
    with transaction.atomic():
        officer = record_archive(record=officer, by=by)
        sync_many(officer.participations.all())
    return officer


def officer_restore(*, officer: Officer, by) -> Officer:
    with transaction.atomic():
        officer = record_restore(record=officer, by=by)
        sync_many(officer.participations.all())
    return officer


# -- trainings ------------------------------------------------------------------------------------


def _check_training(*, fields: dict, stored: Training | None = None) -> None:
    starts = fields.get("starts_on", getattr(stored, "starts_on", None))
    ends = fields.get("ends_on", getattr(stored, "ends_on", None))
    if starts and ends and ends < starts:
        raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})


@transaction.atomic
def training_create(*, by, owner_unit: Unit, **fields) -> Training:
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot organise trainings for %(unit)s.") % {"unit": owner_unit})
    fields = {name: value for name, value in fields.items() if name in TRAINING_FIELDS}
    _check_training(fields=fields)
    training = Training(owner_unit=owner_unit, created_by=by, **fields)
    training.full_clean(exclude=["created_by", "archived_by"])
    training._change_reason = "create"
    training.save()
    return training


def training_update(*, training: Training, by, expected_version: int, **fields) -> Training:
    require_edit(user=by, record=training)
    require_active(training)
    refuse_owner_change(fields, training)
    fields = {name: value for name, value in fields.items() if name in TRAINING_FIELDS}
    _check_training(fields=fields, stored=training)
    with transaction.atomic():
        training = save_versioned(record=training, expected_version=expected_version, by=by, fields=fields)
        sync_many(training.participants.all())  # they count on its last day
    return training


def training_archive(*, training: Training, by) -> Training:
    with transaction.atomic():
        training = record_archive(record=training, by=by)
        sync_many(training.participants.all())
    return training


def training_restore(*, training: Training, by) -> Training:
    with transaction.atomic():
        training = record_restore(record=training, by=by)
        sync_many(training.participants.all())
    return training


# -- participants ---------------------------------------------------------------------------------


def invitable_officers(training: Training):
    """Officers a training may take: current ones of its organiser and every unit below it."""
    from solidarity.accounts.permissions import subtree_q

    return Officer.objects.active().filter(subtree_q(training.owner_unit, "owner_unit"))


def _require_training_write(*, training: Training, by) -> None:
    require_edit(user=by, record=training)
    require_active(training)


@transaction.atomic
def participant_add(*, training: Training, officer: Officer, by, result: str = "") -> Participant:
    """GIVEN an officer of the organiser or a unit below it, still in the work when the training
    starts, WHEN added THEN they count as trained on the training's last day."""
    _require_training_write(training=training, by=by)
    if not invitable_officers(training).filter(pk=officer.pk).exists():
        raise ValidationError(
            {
                "officer": _("Only officers of %(unit)s and the units below it can take part.")
                % {"unit": training.owner_unit.display_name}
            }
        )
    if officer.left_on is not None and officer.left_on < training.starts_on:
        raise ValidationError(
            {"officer": _("%(name)s had left the work before the training.") % {"name": officer.full_name}}
        )
    if training.participants.filter(officer=officer).exists():
        raise ValidationError(
            {"officer": _("%(name)s is already a participant.") % {"name": officer.full_name}}
        )
    participant = Participant(training=training, officer=officer, result=(result or "").strip()[:300])
    participant._history_user = by
    participant.save()
    sync_figures(participant)
    return participant


@transaction.atomic
def participant_update(*, participant: Participant, by, result: str, certificate=None) -> Participant:
    """The participant's result; ``certificate`` (an upload) becomes one of the training's files."""
    training = participant.training
    _require_training_write(training=training, by=by)
    participant.result = (result or "").strip()[:300]
    if certificate is not None:
        old = participant.certificate
        participant.certificate = attachment_add(
            record=training,
            upload=certificate,
            by=by,
            description=_("Certificate: %(name)s") % {"name": participant.officer.full_name},
        )
        if old is not None and old.archived_at is None:
            attachment_archive(attachment=old, by=by)
    participant._history_user = by
    participant.save()
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, by) -> None:
    _require_training_write(training=participant.training, by=by)
    pk = participant.pk
    participant._history_user = by
    participant.delete()
    participant.pk = pk  # what it added to the figures is taken away by its id
    sync_figures(participant)
