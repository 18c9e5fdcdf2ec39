"""Writes to migrant workers' cases: keyword-only, atomic, checking ``may_edit`` and the personal-data
grant, logging every create and change of a person's record (field names, never values), and keeping
the figures in the same transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit, may_see_personal
from solidarity.figures.services import sync as sync_figures
from solidarity.privacy.access import log_access
from solidarity.privacy.choices import AccessAction
from solidarity.records.base import (
    record_archive,
    record_restore,
    refuse_owner_change,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.units.models import Unit

from .choices import CaseStatus
from .models import ERASED_NAME, PERSONAL_FIELDS, FollowUp, MigrantCase

FACT_FIELDS = (
    "country",
    "sector",
    "situation",
    "opened_on",
    "status",
    "closed_on",
    "partner",
    "support_given",
)
CASE_FIELDS = FACT_FIELDS + PERSONAL_FIELDS


def _refuse_personal(*, by, unit: Unit, fields: dict) -> None:
    """Only a holder of the personal-data grant writes a person's details."""
    given = [name for name in PERSONAL_FIELDS if name in fields]
    if given and not may_see_personal(by, unit):
        raise PermissionDenied(
            _(
                "You do not have the personal-data permission for %(unit)s: "
                "you may change the case's facts, not the person's details."
            )
            % {"unit": unit.display_name}
        )


def _check_status(fields: dict, stored: MigrantCase | None = None) -> dict:
    """A closed case has its closing day, on or after its opening; another status has none."""
    fields = dict(fields)
    status = fields.get("status", getattr(stored, "status", CaseStatus.OPEN))
    opened = fields.get("opened_on", getattr(stored, "opened_on", None))
    closed = fields.get("closed_on", getattr(stored, "closed_on", None))
    if status != CaseStatus.CLOSED:
        if closed is not None:
            fields["closed_on"] = None
        return fields
    if closed is None:
        raise ValidationError({"closed_on": _("Give the day the case was closed.")})
    if opened is not None and closed < opened:
        raise ValidationError({"closed_on": _("A case cannot be closed before it was opened.")})
    return fields


def _names(names) -> str:
    return ", ".join(names)


@transaction.atomic
def migrantcase_create(*, by, owner_unit: Unit, **fields) -> MigrantCase:
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot record cases for %(unit)s.") % {"unit": owner_unit})
    fields = {name: value for name, value in fields.items() if name in CASE_FIELDS}
    _refuse_personal(by=by, unit=owner_unit, fields=fields)
    fields = _check_status(fields)
    case = MigrantCase(owner_unit=owner_unit, created_by=by, **fields)
    case.full_clean(exclude=["created_by", "archived_by"])
    case._change_reason = "create"
    case._history_user = by
    case.save()
    sync_figures(case)
    given = [name for name in CASE_FIELDS if name in fields and fields[name] not in (None, "")]
    log_access(user=by, person=case, action=AccessAction.CREATE, detail=_names(given))
    return case


def migrantcase_update(*, migrantcase: MigrantCase, by, expected_version: int, **fields) -> MigrantCase:
    """Save an edit; raises EditConflict when someone saved since ``expected_version``.

    Someone without the grant sends the case's facts only: a personal field from them is refused.
    """
    case = migrantcase
    require_edit(user=by, record=case)
    require_active(case)
    fields = dict(fields)
    refuse_owner_change(fields, case)
    fields = {name: value for name, value in fields.items() if name in CASE_FIELDS}
    _refuse_personal(by=by, unit=case.owner_unit, fields=fields)
    fields = _check_status(fields, stored=case)
    before = {name: getattr(case, name) for name in fields}
    with transaction.atomic():
        case = save_versioned(record=case, expected_version=expected_version, by=by, fields=fields)
        changed = [name for name in fields if getattr(case, name) != before[name]]
        if changed:
            log_access(user=by, person=case, action=AccessAction.CHANGE, detail=_names(changed))
    return case


def migrantcase_close(
    *, migrantcase: MigrantCase, by, closed_on: datetime.date, expected_version: int | None = None
) -> MigrantCase:
    """Close the case on ``closed_on``: it counts as closed that day and no longer as open."""
    version = migrantcase.version if expected_version is None else expected_version
    return migrantcase_update(
        migrantcase=migrantcase,
        by=by,
        expected_version=version,
        status=CaseStatus.CLOSED,
        closed_on=closed_on,
    )


def migrantcase_archive(*, migrantcase: MigrantCase, by) -> MigrantCase:
    return record_archive(record=migrantcase, by=by)


def migrantcase_restore(*, migrantcase: MigrantCase, by) -> MigrantCase:
    return record_restore(record=migrantcase, by=by)


@transaction.atomic
def followup_add(*, case: MigrantCase, by, done_on: datetime.date, note: str, done_by: str = "") -> FollowUp:
    """GIVEN an open case WHEN a step is recorded THEN the case is being followed up."""
    require_edit(user=by, record=case)
    require_active(case)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what was done.")})
    if done_on < case.opened_on:
        raise ValidationError({"done_on": _("A follow-up cannot be before the case was opened.")})
    follow_up = FollowUp(case=case, done_on=done_on, note=note, done_by=(done_by or "").strip()[:200])
    follow_up.recorded_by = by
    follow_up.full_clean(exclude=["recorded_by"])
    follow_up._history_user = by
    follow_up.save()
    if case.status == CaseStatus.OPEN:
        current = MigrantCase.objects.select_for_update().get(pk=case.pk)
        current.status = CaseStatus.FOLLOWING_UP
        current.version += 1
        current._history_user = by
        current.save(update_fields=["status", "version", "updated_at"])
        case.status, case.version = current.status, current.version
    log_access(user=by, person=case, action=AccessAction.CHANGE, detail="follow_ups")
    return follow_up


@transaction.atomic
def followups_erase(*, case: MigrantCase) -> None:
    """The follow-ups' notes may name the person: blanked, in their history too (the privacy erasure)."""
    FollowUp.objects.filter(case=case).update(note=ERASED_NAME, done_by="")
    FollowUp.history.filter(case_id=case.pk).update(note=ERASED_NAME, done_by="")
