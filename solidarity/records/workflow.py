"""The approval workflow shared by delegations and hosted international meetings.

draft → submitted → approved | returned (editable again) | rejected;
approved → carried out → report filed → closed; the owner may withdraw a
submitted (or approved, not yet carried out) record back to draft. Every
transition is a :class:`~solidarity.core.models.WorkflowEvent` row: who,
when, comment.

What may be written in each state, and when a record may be archived, is
declared here too (``WRITABLE``, ``ARCHIVABLE_STATES``): the services of every
approvable record and of everything hanging on it ask ``require_writable``.

Submitted items go to the leaders of the approver unit: the owning unit's
parent, or the unit itself when it approves its own (``Unit.approves_own``,
e.g. VGCL). Only leaders (or administrators) who are members of that very
unit decide; leaders further up do not, and nobody decides on what they
submitted themselves.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, led_units, may_edit
from solidarity.core.choices import Action, ApprovalState
from solidarity.figures.services import sync as sync_figures

from .signals import transitioned

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
    # Taking a proposal back, with the reason, instead of letting it vanish from the
    # leaders' queue. An approved trip that is called off is withdrawn the same way
    # (its approval lapses; going ahead needs a new submission).
    Action.WITHDRAW: (frozenset({S.SUBMITTED, S.APPROVED}), S.DRAFT, "owner"),
}
COMMENT_REQUIRED = frozenset({Action.RETURN, Action.REJECT, Action.WITHDRAW})


class Part:
    """What a write touches, for the freeze rule below."""

    # What the leaders decide on: the record's own fields, a delegation's members,
    # programme and estimated costs, and the files attached while it was prepared.
    PROPOSAL = "proposal"
    # What happened: actual costs, the post-trip report, a meeting's conclusions and
    # follow-up commitments, files added after submission (the signed decision, photos).
    OUTCOME = "outcome"
    ALL = (PROPOSAL, OUTCOME)


# What may still be written in each state. The proposal is open only while the
# officer prepares it (draft, or returned for changes): once submitted, nothing on
# the record changes until the leaders return it or the owner withdraws it, so the
# leaders decide on what they see. After approval the proposal stays as approved
# and only the outcome is recorded, until the record is closed. Rejected and
# closed records are kept as decided.
WRITABLE: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({Part.PROPOSAL, Part.OUTCOME}),
    S.RETURNED: frozenset({Part.PROPOSAL, Part.OUTCOME}),
    S.SUBMITTED: frozenset(),
    S.APPROVED: frozenset({Part.OUTCOME}),
    S.CARRIED_OUT: frozenset({Part.OUTCOME}),
    S.REPORTED: frozenset({Part.OUTCOME}),
    S.REJECTED: frozenset(),
    S.CLOSED: frozenset(),
}
EDITABLE_STATES = frozenset(state for state, parts in WRITABLE.items() if Part.PROPOSAL in parts)
# Archiving hides a record from every list and queue: only when no decision is
# pending or under way. A submitted record is withdrawn first (which leaves a trace).
ARCHIVABLE_STATES = frozenset({S.DRAFT, S.RETURNED, S.REJECTED, S.CLOSED})


def follows_workflow(record) -> bool:
    """Does ``record`` go through approval? (Meetings only when hosted and international.)"""
    return hasattr(record, "state") and getattr(record, "needs_approval", True)


def writable_parts(record) -> frozenset[str]:
    if not follows_workflow(record):
        return frozenset(Part.ALL)
    return WRITABLE.get(record.state, frozenset())


def is_frozen(record, *, part: str = Part.PROPOSAL) -> bool:
    """Is ``part`` of ``record`` closed to writes in its current state?"""
    return part not in writable_parts(record)


def frozen_reason(record, *, part: str = Part.PROPOSAL) -> str:
    """Why ``part`` of ``record`` cannot change now, for the page and the refusal; "" when it can."""
    if not is_frozen(record, part=part):
        return ""
    state = record.state
    if state == S.SUBMITTED:
        return _(
            "Submitted to the leaders of %(unit)s: nothing on it can change until they return it "
            "for changes, or until it is withdrawn."
        ) % {"unit": approver_of(record)}
    if state == S.REJECTED:
        return _("Rejected: it is kept as the leaders decided and can no longer change.")
    if state == S.CLOSED:
        return _("Closed: it is kept as it was closed and can no longer change.")
    # Approved (and after): what still opens depends on the kind, so a kind may say it in its own
    # words (``approved_freeze_reason``, a class attribute); this one fits any.
    declared = getattr(record, "approved_freeze_reason", None)
    if declared:
        return str(declared)
    return _(
        "The proposal stays as the leaders approved it. What happened can still be added: "
        "actual costs, conclusions, follow-ups, files and the report."
    )


def require_writable(record, *, part: str = Part.PROPOSAL) -> None:
    """The one freeze rule every write on an approvable record (or a row hanging on it) calls."""
    reason = frozen_reason(record, part=part)
    if reason:
        raise ValidationError(reason, code="frozen")


def _decided_files_until(record):
    """When the latest submission was made: files uploaded until then were part of the proposal."""
    latest = workflow_events(record).filter(action=Action.SUBMIT).order_by("-at", "-pk").first()
    return latest.at if latest else None


def locked_file_ids(record, attachments) -> set[int]:
    """Of ``attachments``, those that belong to a frozen proposal: they cannot be removed."""
    if not is_frozen(record, part=Part.PROPOSAL):
        return set()
    until = _decided_files_until(record)
    if until is None:
        return set()
    return {a.pk for a in attachments if a.uploaded_at <= until}


def require_file_change(*, record, attachment=None) -> None:
    """Adding a file is recording the outcome; removing one that the leaders saw touches the proposal."""
    part = Part.OUTCOME
    if attachment is not None and attachment.pk in locked_file_ids(record, [attachment]):
        part = Part.PROPOSAL
    require_writable(record, part=part)


def may_archive(record) -> bool:
    return not follows_workflow(record) or record.state in ARCHIVABLE_STATES


def require_archivable(record) -> None:
    if may_archive(record):
        return
    if record.state in TRANSITIONS[Action.WITHDRAW][0]:
        message = _(
            "A record that is “%(state)s” cannot be archived: withdraw it first, saying why, "
            "so the leaders see what became of it."
        )
    else:
        message = _(
            "A record that is “%(state)s” cannot be archived: only a draft, a returned, "
            "a rejected or a closed one can."
        )
    raise ValidationError(message % {"state": record.get_state_display()}, code="not_archivable")


def approver_of(record):
    """The unit whose leaders decide on ``record``: the record's own ``approver_unit()`` when it
    declares one (a period report always goes to the parent), else its owner's approver."""
    own = getattr(record, "approver_unit", None)
    return own() if callable(own) else record.owner_unit.approver_unit()


def may_take(*, user, record, action: str) -> bool:
    """Can ``user`` take ``action`` on ``record`` now (state and role)?"""
    sources, _target, actor = TRANSITIONS[action]
    if record.state not in sources or getattr(record, "archived_at", None):
        return False
    if actor == "owner":
        return may_edit(user, record.owner_unit)
    if not leads_unit(user=user, unit=approver_of(record)):
        return False
    return action == Action.CLOSE or not submitted_by(record=record, user=user)


def leads_unit(*, user, unit) -> bool:
    """A leader (or administrator) membership on exactly ``unit``."""
    from solidarity.accounts.models import Membership

    if not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(user=user, unit=unit, role__gte=Role.LEADER).exists()


def submitted_by(*, record, user) -> bool:
    """Did ``user`` make the latest submission? They may not decide on it themselves."""
    latest = workflow_events(record).filter(action=Action.SUBMIT).order_by("-at", "-pk").first()
    return latest is not None and latest.by_id == user.pk


def available_actions(*, user, record) -> list[str]:
    return [action for action in TRANSITIONS if may_take(user=user, record=record, action=action)]


def transition(*, record, action: str, by, comment: str = "", check=None):
    """Move ``record`` along the workflow and write the event row, atomically.

    ``check`` is an optional callable run inside the transaction before the
    state changes (e.g. "the report text is filled in").
    """
    from solidarity.core.models import WorkflowEvent

    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    sources, target, actor = TRANSITIONS[action]
    model = type(record)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=record.pk)
        if getattr(current, "archived_at", None):
            raise ValidationError(_("This record is archived; restore it first."))
        if current.state not in sources:
            raise ValidationError(
                _("This cannot be done while the record is “%(state)s”.")
                % {"state": current.get_state_display()}
            )
        if not may_take(user=by, record=current, action=action):
            if actor == "approver" and submitted_by(record=current, user=by):
                raise PermissionDenied(_("You submitted this yourself; another leader must decide on it."))
            if actor == "approver":
                raise PermissionDenied(
                    _("Only leaders of %(unit)s can decide on this.") % {"unit": approver_of(current)}
                )
            raise PermissionDenied(_("You cannot do this for %(unit)s.") % {"unit": current.owner_unit})
        if action in COMMENT_REQUIRED and not comment.strip():
            if action == Action.WITHDRAW:
                raise ValidationError({"comment": _("Say why it is withdrawn, so the leaders know.")})
            raise ValidationError({"comment": _("Say why, so the officer knows what to change.")})
        if check is not None:
            check(current)
        event = WorkflowEvent.objects.create(
            record=current,
            action=action,
            from_state=current.state,
            to_state=target,
            by=by,
            comment=comment.strip(),
            **decision_facts(current, action),
        )
        current.state = target
        current._change_reason = action
        current.save(update_fields=["state", "updated_at"])
        sync_figures(current)
        sync_figures(event)  # a decision counts in the approval turnaround
        # Apps above (notifications) react in the same transaction: all or nothing.
        transitioned.send(sender=model, record=current, action=action, event=event, by=by)
    return current


DECISIONS = frozenset({Action.APPROVE, Action.RETURN, Action.REJECT})


def decision_facts(record, action: str) -> dict:
    """What a decision keeps for the approval turnaround: the owner, the day, the days since submission.

    Only for the activities proposed for approval (delegations, hosted meetings): a record that
    says ``counts_in_turnaround = False`` (a period report accepted by the level above) keeps none.
    """
    if action not in DECISIONS or not getattr(record, "counts_in_turnaround", True):
        return {}
    today = timezone.localdate()
    submitted = workflow_events(record).filter(action=Action.SUBMIT).order_by("-at", "-pk").first()
    waited = (today - timezone.localdate(submitted.at)).days if submitted else 0
    return {"owner_unit_id": record.owner_unit_id, "decided_on": today, "waited_days": max(waited, 0)}


def workflow_events(record):
    from django.contrib.contenttypes.models import ContentType

    from solidarity.core.models import WorkflowEvent

    return WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("by")


def waiting_for(*, user, queryset, parent_decides: bool = False, led=None):
    """Submitted records whose approver unit ``user`` leads: the leader's queue.

    Approver = the owner's parent, or the owner itself when it approves its
    own (and the root always does). ``parent_decides``: a kind whose
    ``approver_unit()`` is always the parent (plans, period reports), whatever
    ``approves_own`` says. ``led``: the user's (path, depth, approves_own) of the units they
    lead, when the caller has read them already. One query on indexed columns.
    """
    from django.db.models import Q

    submitted = queryset.filter(state=ApprovalState.SUBMITTED)
    if not user.is_authenticated:
        return submitted.none()
    if led is None:
        led = led_units(user)
    if not led:
        return submitted.none()
    condition = Q(pk__in=[])
    for path, depth, approves_own in led:
        # Children that do not approve their own...
        children = Q(owner_unit__path__startswith=path, owner_unit__depth=depth + 1)
        condition |= children if parent_decides else children & Q(owner_unit__approves_own=False)
        # ...and the unit itself when it does (the root always does).
        if (approves_own and not parent_decides) or depth == 1:
            condition |= Q(owner_unit__path=path)
    return submitted.filter(condition).exclude(pk__in=_submitted_by_user_ids(user=user, queryset=submitted))


def _submitted_by_user_ids(*, user, queryset):
    from django.contrib.contenttypes.models import ContentType

    from solidarity.core.models import WorkflowEvent

    return WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), action=Action.SUBMIT, by=user
    ).values("object_id")


def submitted_by_user_ids(*, user, model):
    """Ids of ``model`` records ``user`` has ever submitted: a subquery, for "my proposals"."""
    return _submitted_by_user_ids(user=user, queryset=model.objects.none())
