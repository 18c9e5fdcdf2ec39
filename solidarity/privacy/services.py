"""The personal data duties as services: consent, data subject requests, erasure.

Every write here is keyword-only and atomic, and asks :func:`require_manage`:
the user may change the person's unit's records (``may_edit``) AND holds the
personal-data grant there (``may_see_personal``). Nothing is ever deleted but
an erased person's files: a withdrawal, an answer, an erasure are dated rows.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit, may_see_personal
from solidarity.core.files import validate_upload
from solidarity.core.models import Attachment
from solidarity.figures.services import sync as figures_sync

from .access import log_access
from .choices import AccessAction, ConsentForm, Purpose, RequestKind, RequestState
from .models import Consent, PersonalDataErasure, SensitiveDocument, SubjectRequest
from .registry import PersonKind, kind_for

DEFAULT_REQUEST_DAYS = {"access": 10, "correct": 10, "delete": 20, "restrict": 2}


# ---------------------------------------------------------------- who may


def person_kind(person: models.Model) -> PersonKind:
    kind = kind_for(person)
    if kind is None:
        raise ValueError(f"{type(person).__name__} is not a registered person kind")
    return kind


def may_manage_personal(user, unit) -> bool:
    """May ``user`` record consents and requests of people in ``unit``, and erase them?"""
    return may_edit(user, unit) and may_see_personal(user, unit)


def require_manage(user, unit) -> None:
    if not may_manage_personal(user, unit):
        raise PermissionDenied(
            _("Only officers of %(unit)s holding the personal data permission may do this.") % {"unit": unit}
        )


def _person_ref(person) -> dict:
    return {
        "unit": person_kind(person).unit_of(person),
        "content_type": ContentType.objects.get_for_model(person, for_concrete_model=False),
        "object_id": person.pk,
    }


def erasure_of(person) -> PersonalDataErasure | None:
    return (
        PersonalDataErasure.objects.filter(
            content_type=ContentType.objects.get_for_model(person, for_concrete_model=False),
            object_id=person.pk,
        )
        .only("erased_on", "reason", "request_id")
        .first()
    )


def _refuse_erased(person) -> None:
    if erasure_of(person) is not None:
        raise ValidationError(_("This person's personal data has been erased; nothing more can be recorded."))


# ---------------------------------------------------------------- working days


def add_working_days(start: date, days: int) -> date:
    """``days`` working days after ``start`` (Saturdays and Sundays skipped; public holidays are not)."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def request_deadlines(*, kind: str, received_on: date) -> tuple[date, date]:
    """(acknowledge by, carry out by) for a request of ``kind`` received on ``received_on``."""
    reply = getattr(settings, "PRIVACY_REPLY_WORKING_DAYS", 2)
    days = {**DEFAULT_REQUEST_DAYS, **getattr(settings, "PRIVACY_REQUEST_DAYS", {})}[kind]
    return add_working_days(received_on, reply), add_working_days(received_on, days)


# ---------------------------------------------------------------- consent


def _attach(*, consent: Consent, uploads, by) -> list[Attachment]:
    files = []
    content_type = ContentType.objects.get_for_model(Consent)
    for upload in uploads:
        attachment = Attachment(
            content_type=content_type,
            object_id=consent.pk,
            original_name=(upload.name or "")[:255],
            content_kind=validate_upload(upload),  # checked by content; before the file takes its name
            size=upload.size,
            uploaded_by=by,
        )
        attachment.file = upload
        attachment._history_user = by
        attachment.save()
        files.append(attachment)
    return files


def consent_record(
    *,
    user,
    person,
    purposes: list[str],
    given_on: date,
    form: str,
    evidence_note: str = "",
    files=(),
) -> Consent:
    """Record a person's consent with its evidence: a note of how it was given, or at least one file."""
    ref = _person_ref(person)
    require_manage(user, ref["unit"])
    _refuse_erased(person)
    purposes = [value for value in Purpose.values if value in set(purposes or ())]
    evidence_note = (evidence_note or "").strip()
    files = list(files or ())
    errors = {}
    if not purposes:
        errors["purposes"] = _("Choose at least one purpose the person consents to.")
    if form not in ConsentForm.values:
        errors["form"] = _("Choose how the consent was given.")
    if not evidence_note and not files:
        errors["evidence_note"] = _(
            "Consent needs its evidence: describe how it was given and where the original is kept, "
            "or attach the signed form."
        )
    if given_on and given_on > timezone.localdate():
        errors["given_on"] = _("The consent cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)
    for upload in files:  # every file checked before anything is written
        validate_upload(upload)
    with transaction.atomic():
        consent = Consent(
            **ref,
            purposes=purposes,
            given_on=given_on,
            form=form,
            evidence_note=evidence_note,
            recorded_by=user,
        )
        consent._history_user = user
        consent.save()
        _attach(consent=consent, uploads=files, by=user)
    return consent


def consent_withdraw(*, user, consent: Consent, withdrawn_on: date, note: str = "") -> Consent:
    """Withdraw a consent from a date: the consent stays, with when and how it was withdrawn."""
    require_manage(user, consent.unit)
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_on is not None:
            raise ValidationError(
                _("This consent was already withdrawn on %(day)s.") % {"day": _d(consent.withdrawn_on)}
            )
        if withdrawn_on is None:
            raise ValidationError({"withdrawn_on": _("Give the day the consent was withdrawn.")})
        if withdrawn_on < consent.given_on:
            raise ValidationError(
                {"withdrawn_on": _("A consent cannot be withdrawn before the day it was given.")}
            )
        if withdrawn_on > timezone.localdate():
            raise ValidationError({"withdrawn_on": _("The withdrawal cannot be dated in the future.")})
        consent.withdrawn_on = withdrawn_on
        consent.withdrawal_note = (note or "").strip()
        consent.withdrawn_by = user
        consent._history_user = user
        consent.save(update_fields=["withdrawn_on", "withdrawal_note", "withdrawn_by"])
    return consent


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# ---------------------------------------------------------------- requests


def request_record(*, user, person, kind: str, received_on: date, details: str = "") -> SubjectRequest:
    """Record a data subject request with its two legal deadlines (working days)."""
    ref = _person_ref(person)
    require_manage(user, ref["unit"])
    _refuse_erased(person)
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Choose what the person asks for.")})
    if received_on is None:
        raise ValidationError({"received_on": _("Give the day the request was received.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The request cannot be dated in the future.")})
    reply_due_on, due_on = request_deadlines(kind=kind, received_on=received_on)
    request = SubjectRequest(
        **ref,
        kind=kind,
        received_on=received_on,
        details=(details or "").strip(),
        reply_due_on=reply_due_on,
        due_on=due_on,
        recorded_by=user,
    )
    request._history_user = user
    with transaction.atomic():
        request.save()
    return request


def request_answer(
    *, user, request: SubjectRequest, state: str, answer: str, answered_on: date | None = None
) -> SubjectRequest:
    """Close a request as done or refused, with the answer given; a deletion done erases the person."""
    require_manage(user, request.unit)
    answer = (answer or "").strip()
    if state not in (RequestState.DONE, RequestState.REFUSED):
        raise ValidationError({"state": _("Choose whether the request was carried out or refused.")})
    if not answer:
        raise ValidationError(
            {"answer": _("Write the answer given to the person (for a refusal, its reasons).")}
        )
    answered_on = answered_on or timezone.localdate()
    if answered_on < request.received_on:
        raise ValidationError(
            {"answered_on": _("The answer cannot be dated before the request was received.")}
        )
    with transaction.atomic():
        request = SubjectRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != RequestState.OPEN:
            raise ValidationError(_("This request has already been answered."))
        request.state = state
        request.answer = answer
        request.answered_on = answered_on
        request.answered_by = user
        request._history_user = user
        request.save(update_fields=["state", "answer", "answered_on", "answered_by"])
        if state == RequestState.DONE and request.kind == RequestKind.DELETE:
            person = request.content_type.get_object_for_this_type(pk=request.object_id)
            if erasure_of(person) is None:  # erased meanwhile (retention, another request): done already
                person_erase(user=user, person=person, reason=_("Deletion request"), request=request)
    return request


# ---------------------------------------------------------------- erasure


def erase_rows(queryset: models.QuerySet, values: dict) -> int:
    """Set ``values`` on the rows of ``queryset`` AND on every historical version of them.

    For a kind's ``erase_extra`` too (child rows: a member's passport row, a case's follow-ups'
    notes). The history table keeps only the fields it tracks: the others are left out there.
    """
    model = queryset.model
    ids = list(queryset.values_list("pk", flat=True))
    if not ids or not values:
        return 0
    changed = model._default_manager.filter(pk__in=ids).update(**values)
    history = getattr(model, "history", None)
    if history is not None:
        tracked = {f.name for f in history.model._meta.get_fields()}
        kept = {name: value for name, value in values.items() if name in tracked}
        if kept:
            history.model.objects.filter(**{f"{model._meta.pk.attname}__in": ids}).update(**kept)
    return changed


def _erase_documents(queryset) -> None:
    """The rows now, the encrypted files once the erasure is committed."""
    names = [name for name in queryset.values_list("file", flat=True) if name]
    queryset.delete()
    storage = SensitiveDocument._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _erase_files(attachments: models.QuerySet) -> None:
    """Delete the files' bytes (after the commit) and the names that may say whose they were."""
    names = [name for name in attachments.values_list("file", flat=True) if name]
    erase_rows(attachments, {"original_name": "", "description": "", "file": ""})
    attachments.filter(archived_at__isnull=True).update(archived_at=timezone.now())
    storage = Attachment._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def person_erase(
    *, user, person, reason: str = "", request: SubjectRequest | None = None, system: bool = False
) -> PersonalDataErasure:
    """Erase a person's personal data everywhere, history included; keep every figure as it was.

    GIVEN a person of a registered kind WHEN erased THEN their personal fields hold the kind's
    erased values on the row and in all its history rows, the kind's child rows are erased by
    ``erase_extra``, their own files if the kind says so; the row itself stays (it is counted),
    the figures are synced (and so unchanged) and the access log says who erased them.
    ``system=True`` (the retention job): no permission check (the job's own rule applies);
    the erasure row and the access log line carry its user, or none.
    """
    kind = person_kind(person)
    ref = _person_ref(person)
    if not system:
        require_manage(user, ref["unit"])
    if erasure_of(person) is not None:
        raise ValidationError(_("This person's personal data has already been erased."))
    model = type(person)
    today = timezone.localdate()
    values = {name: kind.erased_value(name) for name in kind.personal_fields}
    with transaction.atomic():
        person = model._default_manager.select_for_update().get(pk=person.pk)
        for name, value in values.items():
            setattr(person, name, value)
        if hasattr(person, "version"):
            person.version += 1  # an edit form opened before the erasure cannot bring the data back
        if user is not None:
            person._history_user = user
        person._change_reason = "erase"
        person.save()  # through save(): search text and other derived columns are rebuilt blank
        erase_rows(model._default_manager.filter(pk=person.pk), values)
        if kind.erase_extra is not None:
            kind.erase_extra(person)
        if kind.erase_files:
            _erase_files(Attachment.objects.filter(content_type=ref["content_type"], object_id=person.pk))
        # Scans of passports and ID cards: rows now, files once the erasure is committed.
        _erase_documents(
            SensitiveDocument.objects.filter(content_type=ref["content_type"], object_id=person.pk)
        )
        # Consents stay: their existence, dates, form and purposes prove the processing was
        # lawful while it lasted. Their free text and evidence files (a signed form carries the
        # name, signature, often an ID number) are the person's data and go with it; the note
        # says why the evidence is missing.
        consents = Consent.objects.filter(content_type=ref["content_type"], object_id=person.pk)
        # No data is left for a consent to cover: those still in force end on the erasure day.
        for consent in consents.filter(withdrawn_on__isnull=True):
            consent.withdrawn_on = max(today, consent.given_on)
            consent.withdrawn_by = user
            if user is not None:
                consent._history_user = user
            consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
        consent_ids = list(consents.values_list("pk", flat=True))
        if consent_ids:
            erase_rows(
                consents,
                {
                    "evidence_note": _("Evidence erased with the personal data on %(day)s.")
                    % {"day": _d(today)},
                    "withdrawal_note": "",
                },
            )
            _erase_files(
                Attachment.objects.filter(
                    content_type=ContentType.objects.get_for_model(Consent), object_id__in=consent_ids
                )
            )
        # Requests keep their kind, dates and answer (the proof they were met); what the person
        # wrote in them goes.
        erase_rows(
            SubjectRequest.objects.filter(content_type=ref["content_type"], object_id=person.pk),
            {"details": ""},
        )
        erasure = PersonalDataErasure.objects.create(
            **ref, erased_on=today, erased_by=user, reason=(reason or "")[:300], request=request
        )
        # The retention job erases as the system (no user): the log still says when and why.
        log_access(user=user, person=person, action=AccessAction.ERASE, detail=str(reason or "")[:500])
        figures_sync(person)  # the record still counts: its figures are brought to what it adds now
    return erasure
