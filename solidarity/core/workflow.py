"""The approval workflow shared by delegations and hosted international meetings.

draft → submitted → approved | returned (editable again) | rejected;
approved → carried out → report filed → closed. Every transition is a
:class:`~solidarity.core.models.WorkflowEvent` row: who, when, comment.

Submitted items go to the leaders of the approver unit: the owning unit's
parent, or the unit itself when it approves its own (``Unit.approves_own``,
e.g. VGCL). Leaders of levels above it may decide too.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from solidarity.accounts.permissions import Role, has_role_on


class ApprovalState(models.TextChoices):
    DRAFT = "draft", _l("Draft")
    SUBMITTED = "submitted", _l("Submitted")
    RETURNED = "returned", _l("Returned for changes")
    REJECTED = "rejected", _l("Rejected")
    APPROVED = "approved", _l("Approved")
    CARRIED_OUT = "carried_out", _l("Carried out")
    REPORTED = "reported", _l("Report filed")
    CLOSED = "closed", _l("Closed")


class Action(models.TextChoices):
    SUBMIT = "submit", _l("Submit for approval")
    APPROVE = "approve", _l("Approve")
    RETURN = "return", _l("Return for changes")
    REJECT = "reject", _l("Reject")
    CARRY_OUT = "carry_out", _l("Mark as carried out")
    FILE_REPORT = "file_report", _l("File the report")
    CLOSE = "close", _l("Close")


S = ApprovalState
# action: (states it may start from, state it leads to, who may take it)
TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    Action.SUBMIT: (frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, "owner"),
    Action.APPROVE: (frozenset({S.SUBMITTED}), S.APPROVED, "approver"),
    Action.RETURN: (frozenset({S.SUBMITTED}), S.RETURNED, "approver"),
    Action.REJECT: (frozenset({S.SUBMITTED}), S.REJECTED, "approver"),
    Action.CARRY_OUT: (frozenset({S.APPROVED}), S.CARRIED_OUT, "owner"),
    Action.FILE_REPORT: (frozenset({S.CARRIED_OUT}), S.REPORTED, "owner"),
    Action.CLOSE: (frozenset({S.REPORTED}), S.CLOSED, "approver"),
}
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
COMMENT_REQUIRED = frozenset({Action.RETURN, Action.REJECT})


def may_take(*, user, record, action: str) -> bool:
    """Can ``user`` take ``action`` on ``record`` now (state and role)?"""
    sources, _target, actor = TRANSITIONS[action]
    if record.state not in sources or getattr(record, "archived_at", None):
        return False
    if actor == "owner":
        return has_role_on(user, record.owner_unit, Role.OFFICER)
    return has_role_on(user, record.owner_unit.approver_unit(), Role.LEADER)


def available_actions(*, user, record) -> list[str]:
    return [action for action in TRANSITIONS if may_take(user=user, record=record, action=action)]


def transition(*, record, action: str, by, comment: str = "", check=None):
    """Move ``record`` along the workflow and write the event row, atomically.

    ``check`` is an optional callable run inside the transaction before the
    state changes (e.g. "the report text is filled in").
    """
    from .models import WorkflowEvent

    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    sources, target, actor = TRANSITIONS[action]
    model = type(record)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=record.pk)
        if current.state not in sources:
            raise ValidationError(
                _("This cannot be done while the record is “%(state)s”.")
                % {"state": current.get_state_display()}
            )
        if not may_take(user=by, record=current, action=action):
            if actor == "approver":
                raise PermissionDenied(
                    _("Only leaders of %(unit)s can decide on this.")
                    % {"unit": current.owner_unit.approver_unit()}
                )
            raise PermissionDenied(_("You cannot do this for %(unit)s.") % {"unit": current.owner_unit})
        if action in COMMENT_REQUIRED and not comment.strip():
            raise ValidationError({"comment": _("Say why, so the officer knows what to change.")})
        if check is not None:
            check(current)
        WorkflowEvent.objects.create(
            record=current,
            action=action,
            from_state=current.state,
            to_state=target,
            by=by,
            comment=comment.strip(),
        )
        current.state = target
        current._change_reason = action
        current.save(update_fields=["state", "updated_at"])
    return current


def workflow_events(record):
    from django.contrib.contenttypes.models import ContentType

    from .models import WorkflowEvent

    return WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("by")


def waiting_for(*, user, queryset):
    """Submitted records whose approver unit ``user`` leads: the leader's queue.

    Approver = parent unit, or the unit itself when it approves its own. So a
    leader's queue holds submitted records owned by children of units in their
    leader scope, and by units in that scope that approve for themselves.
    """
    from django.db.models import Q

    from solidarity.accounts.permissions import scope_paths

    submitted = queryset.filter(state=ApprovalState.SUBMITTED)
    prefixes = scope_paths(user, Role.LEADER)
    if prefixes is None:
        return submitted
    if not prefixes:
        return submitted.none()
    condition = Q(pk__in=[])
    for prefix in prefixes:
        # Owned strictly below a unit in scope (its parent is in scope), or in scope and approving its own.
        condition |= Q(owner_unit__path__startswith=prefix, owner_unit__depth__gt=len(prefix) // 4)
        condition |= Q(owner_unit__path__startswith=prefix, owner_unit__approves_own=True)
    return submitted.filter(condition)
