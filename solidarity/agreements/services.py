"""Writes to agreements, their signing procedure, phases and commitments.

Every function is keyword-only, atomic, validating and checks the one
permission rule (officer or higher on the owning unit or above it).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from solidarity.accounts.permissions import may_edit
from solidarity.figures.services import sync as sync_figures
from solidarity.partners.models import Partner
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.services import require_plan_item
from solidarity.records.base import (
    record_archive,
    record_restore,
    refuse_owner_change,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.units.models import Unit

from .choices import CommitmentStatus, SigningStepKind
from .models import PHASE_MAX_YEAR, PHASE_MIN_YEAR, Agreement, Commitment, Phase, SigningStep

AGREEMENT_FIELDS = (
    "owner_unit",
    "title",
    "agreement_type",
    "signed_on",
    "signed_place",
    "our_signatory",
    "partner_signatory",
    "valid_from",
    "valid_to",
    "status",
    "renewal_warning_on",
    "is_international_agreement",
    "summary",
    "plan_item",
    "out_of_plan_reason",
)
COMMITMENT_FIELDS = (
    "description",
    "phase",
    "responsible_unit",
    "due_on",
    "due_year",
    "status",
    "done_on",
)

# The Ministry of Foreign Affairs answers within 7 working days (Decree
# 64/2021/NĐ-CP); the copy goes to it within 15 days of signing (Law 70/2020/QH14).
OPINION_WORKING_DAYS = 7
COPY_DAYS = 15
STEP_ORDER = [kind.value for kind in SigningStepKind]


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The date ``n`` working days after ``start``, skipping Saturdays and Sundays.

    Public holidays (Tết, 30/4, 1/5, 2/9...) are ignored: their dates move with
    the lunar calendar and yearly government decisions, and a day or two of
    slack in a warning is harmless. Add a holiday table here if it matters.
    """
    day = start
    remaining = n
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day


# -- agreements ---------------------------------------------------------------


def _check_unit(by, unit: Unit) -> None:
    if not may_edit(by, unit):
        raise PermissionDenied(_("You cannot record agreements for %(unit)s.") % {"unit": unit})


def _validate_agreement(fields: dict, partners) -> None:
    errors = {}
    if not fields.get("title", "").strip():
        errors["title"] = _("Give the agreement a title.")
    if partners is not None and not list(partners):
        errors["partners"] = _("Choose at least one partner.")
    valid_from, valid_to = fields.get("valid_from"), fields.get("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = _("The end of validity is before its start.")
    signed_on = fields.get("signed_on")
    if signed_on and signed_on > timezone.localdate():
        errors["signed_on"] = _("The signing date is in the future.")
    if errors:
        raise ValidationError(errors)


def _check_plan_item(fields: dict, *, owner_unit: Unit, stored: Agreement | None = None) -> None:
    """An agreement carries out an "agreement to sign or renew" of the plan of its signing year
    (or of the year it takes effect, while not signed)."""
    if "plan_item" not in fields:
        return
    day = fields.get("signed_on") or fields.get("valid_from")
    if stored is not None:
        day = day or stored.signed_on or stored.valid_from
    require_plan_item(
        item=fields["plan_item"],
        owner_unit=owner_unit,
        year=day.year if day else None,
        kinds=(PlanItemKind.AGREEMENT,),
        stored_id=stored.plan_item_id if stored else None,
    )


def agreement_create(*, by, owner_unit: Unit, partners: list[Partner], **fields) -> Agreement:
    """Record an agreement; an international one gets its four signing steps."""
    _check_unit(by, owner_unit)
    _validate_agreement(fields, partners)
    _check_plan_item(fields, owner_unit=owner_unit)
    with transaction.atomic():
        agreement = Agreement(
            owner_unit=owner_unit,
            created_by=by,
            **{k: v for k, v in fields.items() if k in AGREEMENT_FIELDS},
        )
        agreement.full_clean(exclude=["search_text", "partners"])
        agreement.save()
        agreement.partners.set(partners)
        if agreement.is_international_agreement:
            signing_steps_ensure(agreement=agreement, by=by)
        sync_figures(agreement)
    return agreement


def agreement_update(
    *, agreement: Agreement, by, expected_version: int, partners=None, **fields
) -> Agreement:
    """Save an edit unless someone saved in between (raises ``EditConflict``)."""
    require_edit(user=by, record=agreement)
    require_active(agreement)
    refuse_owner_change(fields, agreement)  # its commitments are the same unit's
    _validate_agreement({"title": agreement.title, **fields}, partners)
    _check_plan_item(fields, owner_unit=agreement.owner_unit, stored=agreement)
    values = {k: v for k, v in fields.items() if k in AGREEMENT_FIELDS}
    if partners is not None:
        values["partners"] = list(partners)
    with transaction.atomic():
        agreement = save_versioned(record=agreement, expected_version=expected_version, by=by, fields=values)
        if agreement.is_international_agreement:
            signing_steps_ensure(agreement=agreement, by=by)
    return agreement


def agreement_archive(*, agreement: Agreement, by) -> Agreement:
    return record_archive(record=agreement, by=by)


def agreement_restore(*, agreement: Agreement, by) -> Agreement:
    return record_restore(record=agreement, by=by)


def _lock_active(record):
    """The record's row, locked for the rest of the transaction; refused when archived."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    require_active(current)
    return current


# -- signing procedure --------------------------------------------------------


def signing_steps_ensure(*, agreement: Agreement, by=None) -> list[SigningStep]:
    """Create the missing steps of Law 70/2020/QH14, in order, and set their due dates."""
    existing = set(agreement.signing_steps.values_list("kind", flat=True))
    # With their history rows: a step's later changes are then shown against what it was.
    bulk_create_with_history(
        [SigningStep(agreement=agreement, kind=kind) for kind in STEP_ORDER if kind not in existing],
        SigningStep,
        default_user=by,
    )
    return signing_steps_recompute(agreement=agreement)


def signing_steps_recompute(*, agreement: Agreement) -> list[SigningStep]:
    """Due dates follow the done date of the step before."""
    steps = {step.kind: step for step in agreement.signing_steps.all()}
    due = {
        SigningStepKind.OPINIONS_RECEIVED: (
            SigningStepKind.OPINIONS_REQUESTED,
            lambda d: add_working_days(d, OPINION_WORKING_DAYS),
        ),
        SigningStepKind.COPY_SENT: (SigningStepKind.SIGNED, lambda d: d + datetime.timedelta(days=COPY_DAYS)),
    }
    for kind, (previous_kind, compute) in due.items():
        step, previous = steps.get(kind), steps.get(previous_kind)
        if step is None:
            continue
        new_due = compute(previous.done_on) if previous and previous.done_on else None
        if step.due_on != new_due:
            step.due_on = new_due
            step.save(update_fields=["due_on"])
    return [steps[kind] for kind in STEP_ORDER if kind in steps]


@transaction.atomic
def signing_step_record(
    *, step: SigningStep, by, done_on: datetime.date | None, note: str = ""
) -> SigningStep:
    """Record (or clear) the date a step was done; the next step's due date follows."""
    require_edit(user=by, record=step.agreement)
    agreement = _lock_active(step.agreement)
    if done_on and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("This date is in the future.")})
    index = STEP_ORDER.index(step.kind)
    if done_on and index > 0:
        previous = agreement.signing_steps.filter(kind=STEP_ORDER[index - 1]).first()
        if previous and previous.done_on and done_on < previous.done_on:
            raise ValidationError({"done_on": _("This step cannot be done before the step before it.")})
    step.done_on = done_on
    step.note = note
    step._history_user = by
    step._change_reason = "step"
    step.save(update_fields=["done_on", "note"])
    if step.kind == SigningStepKind.SIGNED and done_on and not agreement.signed_on:
        agreement.signed_on = done_on
        agreement.version = agreement.version + 1
        agreement._change_reason = "signed"
        agreement.save(update_fields=["signed_on", "version", "updated_at", "search_text"])
        sync_figures(agreement)
        step.agreement = agreement
    signing_steps_recompute(agreement=agreement)
    step.refresh_from_db()
    return step


# -- phases -------------------------------------------------------------------


def _validate_phase(name: str, start_year: int, end_year: int) -> None:
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Give the phase a name, e.g. 2022–2024.")
    for field, year in (("start_year", start_year), ("end_year", end_year)):
        if not isinstance(year, int) or not PHASE_MIN_YEAR <= year <= PHASE_MAX_YEAR:
            errors[field] = _("Enter a year between %(min)s and %(max)s.") % {
                "min": PHASE_MIN_YEAR,
                "max": PHASE_MAX_YEAR,
            }
    if not errors.keys() & {"start_year", "end_year"} and end_year < start_year:
        errors["end_year"] = _("The last year is before the first.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def phase_save(
    *,
    agreement: Agreement,
    by,
    name: str,
    start_year: int,
    end_year: int,
    contents: str = "",
    phase: Phase | None = None,
) -> Phase:
    """Add a phase to ``agreement``, or change ``phase``."""
    require_edit(user=by, record=agreement)
    agreement = _lock_active(agreement)
    _validate_phase(name, start_year, end_year)
    if phase is not None and phase.agreement_id != agreement.pk:
        raise PermissionDenied
    phase = phase or Phase(agreement=agreement)
    phase.name, phase.start_year, phase.end_year, phase.contents = (
        name.strip(),
        start_year,
        end_year,
        contents,
    )
    phase.full_clean(exclude=["agreement"])
    phase._history_user = by
    phase.save()
    return phase


@transaction.atomic
def phase_delete(*, phase: Phase, by) -> None:
    """Remove a phase entered by mistake; one with commitments stays."""
    require_edit(user=by, record=phase.agreement)
    _lock_active(phase.agreement)
    if phase.commitments.exists():
        raise ValidationError(
            _("This phase has commitments. Move or archive them before removing the phase.")
        )
    phase._history_user = by
    phase.delete()


# -- commitments --------------------------------------------------------------


def _validate_commitment(fields: dict, agreement: Agreement | None) -> None:
    errors = {}
    if not (fields.get("description") or "").strip():
        errors["description"] = _("Describe the commitment.")
    if not fields.get("due_on") and not fields.get("due_year"):
        errors["due_on"] = _("Give a due date or at least a due year.")
    phase = fields.get("phase")
    if phase is not None and (agreement is None or phase.agreement_id != agreement.pk):
        errors["phase"] = _("This phase belongs to another agreement.")
    due_year = fields.get("due_year")
    if due_year and not 1990 <= due_year <= 2100:
        errors["due_year"] = _("Enter a year such as 2025.")
    status, done_on = fields.get("status"), fields.get("done_on")
    if done_on and done_on > timezone.localdate():
        errors["done_on"] = _("This date is in the future.")
    if done_on and status != CommitmentStatus.DONE:
        errors["done_on"] = _("A date done only goes with the status Done.")
    if errors:
        raise ValidationError(errors)


def _complete_done(fields: dict) -> dict:
    if fields.get("status") == CommitmentStatus.DONE and not fields.get("done_on"):
        fields = {**fields, "done_on": timezone.localdate()}
    return fields


def commitment_create(*, by, agreement: Agreement, **fields) -> Commitment:
    """An agreed action under ``agreement``, owned by the agreement's unit."""
    require_edit(user=by, record=agreement)
    require_active(agreement)
    fields = {k: v for k, v in fields.items() if k in COMMITMENT_FIELDS}
    fields.setdefault("status", CommitmentStatus.PLANNED)
    _validate_commitment(fields, agreement)
    fields = _complete_done(fields)
    with transaction.atomic():
        agreement = _lock_active(agreement)
        commitment = Commitment(owner_unit=agreement.owner_unit, agreement=agreement, created_by=by, **fields)
        commitment.full_clean()
        commitment._history_user = by
        commitment.save()
        sync_figures(commitment)
    return commitment


def _require_parents_active(commitment: Commitment) -> None:
    """A commitment is read-only while it, its agreement or its meeting is archived."""
    require_active(commitment)
    for parent in (commitment.agreement, commitment.meeting):
        if parent is not None:
            require_active(parent)


@transaction.atomic
def commitment_update(*, commitment: Commitment, by, expected_version: int, **fields) -> Commitment:
    """Save an edit (status changes too): the version goes up, stale forms get a conflict."""
    require_edit(user=by, record=commitment)
    _require_parents_active(commitment)
    fields = {k: v for k, v in fields.items() if k in COMMITMENT_FIELDS}
    merged = {name: getattr(commitment, name) for name in COMMITMENT_FIELDS} | fields
    if merged.get("status") != CommitmentStatus.DONE and "done_on" not in fields:
        merged["done_on"] = fields["done_on"] = None
    _validate_commitment(merged, commitment.agreement)
    fields = _complete_done(fields) if "status" in fields else fields
    return save_versioned(record=commitment, expected_version=expected_version, by=by, fields=fields)


def commitment_set_status(
    *, commitment: Commitment, by, expected_version: int, status: str, done_on: datetime.date | None = None
) -> Commitment:
    """Move a commitment along (planned, in progress, done, cancelled)."""
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    done_on = done_on if status == CommitmentStatus.DONE else None
    return commitment_update(
        commitment=commitment, by=by, expected_version=expected_version, status=status, done_on=done_on
    )


def commitment_archive(*, commitment: Commitment, by) -> Commitment:
    return record_archive(record=commitment, by=by)


def commitment_restore(*, commitment: Commitment, by) -> Commitment:
    return record_restore(record=commitment, by=by)
