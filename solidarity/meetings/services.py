"""Writes to meetings. Each function is keyword-only, validating, permission-checking and atomic.

Hosting an international meeting (``meeting.needs_approval``) goes through the
shared approval workflow (:mod:`solidarity.records.workflow`). Other meetings skip
it: their ``state`` stays as created and is not shown.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, has_role_on, may_edit
from solidarity.agreements.models import Commitment
from solidarity.figures.services import sync as sync_figures
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.services import require_plan_item
from solidarity.records import workflow
from solidarity.records.base import (
    record_archive,
    record_restore,
    refuse_owner_change,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.units.models import Unit

from .models import Meeting

MEETING_FIELDS = (
    "owner_unit",
    "kind",
    "title",
    "hosted",
    "is_international",
    "start_on",
    "end_on",
    "place",
    "country",
    "chairs",
    "agreement",
    "domestic_participants",
    "foreign_participants",
    "topics",
    "conclusions",
    "plan_item",
    "out_of_plan_reason",
    "cost_vnd",
    "funding_source",
)
# What happened at the meeting (the workflow's outcome): still written after approval.
# Every other field, and the partners, is the proposal the leaders decide on.
OUTCOME_FIELDS = frozenset({"conclusions"})
# DOMAIN.md: hosting an international conference needs an approval filed 30 to 40 days ahead.
APPROVAL_LEAD_DAYS = 30


def _validate(fields: dict) -> None:
    errors = {}
    start, end = fields.get("start_on"), fields.get("end_on")
    if start and end and end < start:
        errors["end_on"] = _("The end date cannot be before the start date.")
    if not (fields.get("title") or "").strip():
        errors["title"] = _("Give the meeting a title.")
    if fields.get("cost_vnd") and not fields.get("funding_source"):
        errors["funding_source"] = _("Say which funding source paid for it.")
    if errors:
        raise ValidationError(errors)


def plan_item_kinds(hosted: bool) -> tuple[str, ...]:
    """The plan items a meeting may carry out: hosting or attending one, or a training."""
    return (PlanItemKind.HOST_MEETING if hosted else PlanItemKind.ATTEND_MEETING, PlanItemKind.TRAINING)


def _check_plan_item(fields: dict, *, owner_unit: Unit, stored: Meeting | None = None) -> None:
    if "plan_item" not in fields:
        return
    start = fields.get("start_on") or (stored.start_on if stored else None)
    hosted = fields.get("hosted", stored.hosted if stored else True)
    require_plan_item(
        item=fields["plan_item"],
        owner_unit=owner_unit,
        year=start.year if start else None,
        kinds=plan_item_kinds(hosted),
        stored_id=stored.plan_item_id if stored else None,
    )


def _check_agreement(*, agreement, owner_unit: Unit, by, stored_id: int | None = None) -> None:
    # The stored link is kept as it is: a level above may have made it.
    if agreement is None or agreement.pk == stored_id:
        return
    from solidarity.agreements.models import Agreement

    if not Agreement.objects.visible_to(by).filter(pk=agreement.pk).exists():
        raise ValidationError({"agreement": _("You cannot link this agreement.")})


def locked_fields(meeting: Meeting) -> frozenset[str]:
    """Fields frozen by the workflow: the proposal once submitted, everything once decided for good."""
    if not meeting.pk:
        return frozenset()
    locked = set()
    if workflow.is_frozen(meeting, part=workflow.Part.PROPOSAL):
        locked |= {*MEETING_FIELDS, "partners"} - OUTCOME_FIELDS
    if workflow.is_frozen(meeting, part=workflow.Part.OUTCOME):
        locked |= OUTCOME_FIELDS
    return frozenset(locked)


def _require_fields_writable(current: Meeting, fields: dict) -> None:
    """Refuse a change to any field the workflow froze (checked on the locked row)."""
    locked = locked_fields(current)
    if locked >= {*MEETING_FIELDS, "partners"}:
        workflow.require_writable(current, part=workflow.Part.OUTCOME)  # nothing is open: say why
    errors = {}
    for name in locked & set(fields):
        value = getattr(current, name)
        if name == "partners":
            changed = set(value.values_list("pk", flat=True)) != {p.pk for p in fields[name]}
        else:
            changed = value != fields[name]
        if changed:
            errors[name] = _("This stays as the leaders approved it.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(*, by, owner_unit: Unit, partners=(), **fields) -> Meeting:
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot record meetings for %(unit)s.") % {"unit": owner_unit})
    fields = {k: v for k, v in fields.items() if k in MEETING_FIELDS}
    _validate(fields)
    _check_agreement(agreement=fields.get("agreement"), owner_unit=owner_unit, by=by)
    _check_plan_item(fields, owner_unit=owner_unit)
    meeting = Meeting(owner_unit=owner_unit, created_by=by, **fields)
    meeting.full_clean(exclude=["search_text", "created_by", "archived_by"])
    meeting._change_reason = "create"
    meeting.save()
    meeting.partners.set(partners)
    sync_figures(meeting)
    return meeting


def meeting_update(*, meeting: Meeting, by, expected_version: int, fields: dict) -> Meeting:
    """Save an edit; raises EditConflict when someone saved since ``expected_version``."""
    require_edit(user=by, record=meeting)
    require_active(meeting)
    fields = {k: v for k, v in fields.items() if k in (*MEETING_FIELDS, "partners")}
    refuse_owner_change(fields, meeting)  # its follow-up commitments are the same unit's
    _require_fields_writable(meeting, fields)
    _validate(
        {
            **{k: getattr(meeting, k) for k in ("title", "start_on", "end_on", "cost_vnd", "funding_source")},
            **fields,
        }
    )
    _check_plan_item(fields, owner_unit=meeting.owner_unit, stored=meeting)
    _check_agreement(
        agreement=fields.get("agreement"),
        owner_unit=meeting.owner_unit,
        by=by,
        stored_id=meeting.agreement_id,
    )
    return save_versioned(
        record=meeting,
        expected_version=expected_version,
        by=by,
        fields=fields,
        # Again on the locked row: a submission since the form was opened freezes it.
        check=lambda current: _require_fields_writable(current, fields),
    )


def meeting_archive(*, meeting: Meeting, by) -> Meeting:
    return record_archive(record=meeting, by=by)


def meeting_restore(*, meeting: Meeting, by) -> Meeting:
    return record_restore(record=meeting, by=by)


def submission_warnings(*, meeting: Meeting, today: datetime.date | None = None) -> list[str]:
    """What the regulation would flag, shown before and on submission; never blocking."""
    today = today or timezone.localdate()
    warnings = []
    if meeting.needs_approval and meeting.start_on:
        days = (meeting.start_on - today).days
        if days < APPROVAL_LEAD_DAYS:
            warnings.append(
                _(
                    "The approval to host an international meeting should be filed 30 to 40 days ahead; "
                    "this meeting starts in %(days)s days."
                )
                % {"days": days}
                if days >= 0
                else _(
                    "This meeting has already started; "
                    "the approval should have been filed 30 to 40 days ahead."
                )
            )
    return warnings


def missing_for_submission(meeting: Meeting) -> list[str]:
    """What the approval to host still needs; empty when the request is complete."""
    missing = []
    if not meeting.start_on:
        missing.append(_("the date"))
    if not meeting.place.strip():
        missing.append(_("the place"))
    if not meeting.domestic_participants or not meeting.foreign_participants:
        missing.append(_("the expected participants, domestic and foreign"))
    if not meeting.topics.strip():
        missing.append(_("the topics"))
    return missing


def incomplete_message(missing: list[str]) -> str:
    return _("The request is not complete. Before submitting it, add: %(missing)s.") % {
        "missing": "; ".join(str(item) for item in missing)
    }


def meeting_take_action(
    *, meeting: Meeting, action: str, by, comment: str = "", report_text: str = ""
) -> tuple[Meeting, list[str]]:
    """One workflow step on a hosted international meeting; returns it and any warnings."""
    if not meeting.needs_approval:
        raise ValidationError(_("Only hosted international meetings go through approval."))
    if action not in workflow.TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    warnings = submission_warnings(meeting=meeting) if action == workflow.Action.SUBMIT else []

    def check(current: Meeting) -> None:
        if action == workflow.Action.SUBMIT and (missing := missing_for_submission(current)):
            raise ValidationError(incomplete_message(missing), code="incomplete")
        if action == workflow.Action.CARRY_OUT and current.start_on > timezone.localdate():
            raise ValidationError(_("The meeting has not taken place yet."))
        if action == workflow.Action.FILE_REPORT and not report_text.strip():
            raise ValidationError({"report_text": _("Write the report before filing it.")})

    with transaction.atomic():
        current = workflow.transition(record=meeting, action=action, by=by, comment=comment, check=check)
        if action == workflow.Action.FILE_REPORT:
            current.report_text = report_text.strip()
            current._change_reason = "file_report"
            current.save(update_fields=["report_text", "updated_at"])
    return current, warnings


@transaction.atomic
def meeting_add_follow_up(
    *,
    meeting: Meeting,
    by,
    description: str,
    responsible_unit: Unit | None = None,
    due_on: datetime.date | None = None,
    due_year: int | None = None,
) -> Commitment:
    """A commitment agreed at ``meeting``: linked to it and to its agreement when there is one."""
    require_edit(user=by, record=meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_active(meeting)
    workflow.require_writable(meeting, part=workflow.Part.OUTCOME)
    errors = {}
    if not description.strip():
        errors["description"] = _("Describe what was agreed.")
    if due_on is None and due_year is None:
        errors["due_on"] = _("Give a due date or a due year.")
    if due_on and due_year and due_on.year != due_year:
        errors["due_year"] = _("The due year does not match the due date.")
    if responsible_unit is not None and not has_role_on(by, responsible_unit, Role.VIEWER):
        errors["responsible_unit"] = _("Choose a unit you can see.")
    if errors:
        raise ValidationError(errors)
    commitment = Commitment(
        owner_unit=meeting.owner_unit,
        created_by=by,
        meeting=meeting,
        agreement=meeting.agreement,
        description=description.strip(),
        responsible_unit=responsible_unit,
        due_on=due_on,
        due_year=due_year or (due_on.year if due_on else None),
    )
    commitment.full_clean()
    commitment._change_reason = "create"
    commitment._history_user = by
    commitment.save()
    sync_figures(commitment)
    return commitment
