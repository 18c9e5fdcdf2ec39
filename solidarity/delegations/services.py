"""Writes to delegations. Each function is keyword-only, atomic, validating and permission-checking."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit
from solidarity.core.cleaning import full_clean
from solidarity.figures.services import sync as sync_figures
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.services import require_plan_item
from solidarity.privacy.persons import changed_names, guard_personal, log_change, log_created
from solidarity.records.attachments import attachment_add
from solidarity.records.base import (
    record_archive,
    record_restore,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.records.workflow import (
    TRANSITIONS,
    Action,
    Part,
    require_writable,
    transition,
)
from solidarity.staff.models import Officer
from solidarity.units.models import Unit

from .choices import CostKind, Direction
from .models import (
    CURRENCY_CODE,
    MAX_AMOUNT,
    MAX_VND,
    MEMBER_PERSONAL_FIELDS,
    Cost,
    Delegation,
    Member,
    ProgrammeItem,
)

DELEGATION_FIELDS = (
    "direction",
    "title",
    "purpose",
    "countries",
    "cities",
    "start_on",
    "end_on",
    "agreement",
    "planned_count",
    "plan_item",
    "out_of_plan_reason",
)
# What a cost line belongs to in the workflow's freeze rule: the estimate is part of
# the proposal the leaders approve; the actual cost is known after the trip.
COST_PART = {CostKind.ESTIMATED: Part.PROPOSAL, CostKind.ACTUAL: Part.OUTCOME}


def _locked_writable(*, user, delegation: Delegation, part: str = Part.PROPOSAL) -> Delegation:
    """The delegation's row, locked, after the role, archive and freeze checks.

    Locked so that a submission at the same moment cannot slip a change in
    under the leaders' eyes. Call inside a transaction.
    """
    require_edit(user=user, record=delegation)
    current = Delegation.objects.select_for_update().get(pk=delegation.pk)
    require_active(current)
    require_writable(current, part=part)
    return current


def _validate(fields: dict) -> None:
    errors = {}
    start, end = fields.get("start_on"), fields.get("end_on")
    if start and end and end < start:
        errors["end_on"] = _("The end date is before the start date.")
    if not (fields.get("title") or "").strip():
        errors["title"] = _("Give the delegation a title.")
    if errors:
        raise ValidationError(errors)


PLAN_ITEM_KINDS = {Direction.OUTGOING: (PlanItemKind.OUTGOING,), Direction.INCOMING: (PlanItemKind.INCOMING,)}


def _plan_fields(fields: dict, *, owner_unit: Unit, stored: Delegation | None = None) -> dict:
    """Check the plan item a write names, and keep ``in_plan`` as its consequence.

    Only a write that names ``plan_item`` (the form always does) sets ``in_plan``: a record
    saved before plans existed keeps the box it ticked until someone picks its item.
    """
    if "plan_item" not in fields:
        return fields
    start_on = fields.get("start_on") or (stored.start_on if stored else None)
    direction = fields.get("direction") or (stored.direction if stored else Direction.OUTGOING)
    require_plan_item(
        item=fields["plan_item"],
        owner_unit=owner_unit,
        year=start_on.year if start_on else None,
        kinds=PLAN_ITEM_KINDS.get(direction, ()),
        stored_id=stored.plan_item_id if stored else None,
    )
    if stored is not None and stored.plan_item_id is None and fields["plan_item"] is None:
        return fields  # still no item: the box it ticked before plans existed stays as it was
    return fields | {"in_plan": fields["plan_item"] is not None}


@transaction.atomic
def delegation_create(*, by, owner_unit: Unit, partners=(), **fields) -> Delegation:
    """Record a new delegation as a draft of ``owner_unit``."""
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot record delegations for %(unit)s.") % {"unit": owner_unit})
    fields = {k: v for k, v in fields.items() if k in DELEGATION_FIELDS}
    _validate(fields)
    fields = _plan_fields({"plan_item": None, **fields}, owner_unit=owner_unit)
    delegation = Delegation(owner_unit=owner_unit, created_by=by, **fields)
    full_clean(delegation, exclude=["search_text", "version"])
    delegation._change_reason = ""
    delegation.save()
    if partners:  # a new delegation has none to remove: no query when none are added
        delegation.partners.set(partners)
    sync_figures(delegation)
    return delegation


@transaction.atomic
def delegation_update(
    *, delegation: Delegation, by, expected_version: int, partners=None, **fields
) -> Delegation:
    """Change a draft or returned delegation; refused if someone saved it since ``expected_version``."""
    current = _locked_writable(user=by, delegation=delegation)
    fields = {k: v for k, v in fields.items() if k in DELEGATION_FIELDS}
    _validate(fields)
    fields = _plan_fields(fields, owner_unit=current.owner_unit, stored=current)
    if partners is not None:
        fields["partners"] = list(partners)
    # The row stays locked by _locked_writable until this transaction ends.
    return save_versioned(record=delegation, expected_version=expected_version, by=by, fields=fields)


def delegation_archive(*, delegation: Delegation, by) -> Delegation:
    return record_archive(record=delegation, by=by)


def delegation_restore(*, delegation: Delegation, by) -> Delegation:
    return record_restore(record=delegation, by=by)


# Members, programme and costs ------------------------------------------------------------


def _visible_officer(*, by, officer: Officer) -> Officer:
    """``officer`` if ``by`` may see them on a register (the one rule), refused otherwise: a
    member cannot be tied to a person of a unit outside the user's."""
    if not Officer.objects.visible_to(by).filter(pk=officer.pk).exists():
        raise ValidationError(
            {"officer": _("You cannot see this officer: choose one from the registers of your units.")}
        )
    return officer


@transaction.atomic
def member_add(
    *,
    delegation: Delegation,
    by,
    full_name: str = "",
    unit: Unit | None = None,
    organisation: str = "",
    title: str = "",
    role: str = "member",
    is_key_leader: bool = False,
    officer: Officer | None = None,
    **personal,
) -> Member:
    """Add a person to ``delegation``. One of our officers (outgoing only) gives what was left
    empty: their name, unit and position; and the person key the travel rules count by.
    ``personal`` (``MEMBER_PERSONAL_FIELDS``) only from a personal-data grant holder."""
    delegation = _locked_writable(user=by, delegation=delegation)
    personal = _personal(personal, by=by, delegation=delegation)
    if delegation.direction == Direction.INCOMING:
        unit, is_key_leader, officer = None, False, None
    if officer is not None:
        officer = _visible_officer(by=by, officer=officer)
        full_name = full_name.strip() or officer.full_name
        unit = unit or officer.owner_unit
        title = title.strip() or officer.position
    if not full_name.strip():
        raise ValidationError({"full_name": _("Enter the person's name.")})
    member = Member(
        delegation=delegation,
        full_name=full_name.strip(),
        unit=unit,
        organisation=organisation.strip(),
        title=title.strip(),
        role=role,
        is_key_leader=is_key_leader,
        officer=officer,
        **personal,
    )
    full_clean(member, exclude=["person_key"])
    member._history_user = by
    member.save()
    log_created(by=by, person=member)
    sync_figures(delegation)
    return member


def _personal(fields: dict, *, by, delegation: Delegation) -> dict:
    unknown = set(fields) - set(MEMBER_PERSONAL_FIELDS)
    if unknown:
        raise TypeError(f"unexpected member fields: {sorted(unknown)}")
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    return guard_personal(
        by=by, unit=delegation.owner_unit, fields=fields, names=MEMBER_PERSONAL_FIELDS, model=Member
    )


@transaction.atomic
def member_personal_update(*, member: Member, by, **fields) -> Member:
    """Change a member's personal data (passport for the visa, dietary needs): a grant holder's write.

    Not part of the proposal the leaders approve, so it stays open after approval, as long as
    the delegation is not archived and the writer may edit its unit. Logged with the field names.
    """
    require_edit(user=by, record=member.delegation)
    delegation = Delegation.objects.select_for_update().get(pk=member.delegation_id)
    require_active(delegation)
    fields = _personal(fields, by=by, delegation=delegation)
    current = Member.objects.select_for_update().get(pk=member.pk)
    changed = changed_names(current, fields)
    if not changed:
        return current
    for name, value in fields.items():
        setattr(current, name, value)
    full_clean(current, exclude=["person_key"])
    current._history_user = by
    current.save()
    log_change(by=by, person=current, names=changed)
    return current


@transaction.atomic
def member_remove(*, member: Member, by) -> None:
    # Members of a draft are working notes of the proposal; their history is kept by simple-history.
    delegation = _locked_writable(user=by, delegation=member.delegation)
    member._history_user = by
    member.delete()
    sync_figures(delegation)


@transaction.atomic
def programme_item_add(
    *, delegation: Delegation, by, day: datetime.date, activity: str, place: str = ""
) -> ProgrammeItem:
    delegation = _locked_writable(user=by, delegation=delegation)
    errors = {}
    if not activity.strip():
        errors["activity"] = _("Describe the activity.")
    if day is None or not delegation.start_on <= day <= delegation.end_on:
        errors["day"] = _("The date must lie within the delegation's dates (%(start)s – %(end)s).") % {
            "start": delegation.start_on.strftime("%d/%m/%Y"),
            "end": delegation.end_on.strftime("%d/%m/%Y"),
        }
    if errors:
        raise ValidationError(errors)
    item = ProgrammeItem(delegation=delegation, day=day, place=place.strip(), activity=activity.strip())
    full_clean(item)
    item._history_user = by
    item.save()
    return item


@transaction.atomic
def programme_item_remove(*, item: ProgrammeItem, by) -> None:
    _locked_writable(user=by, delegation=item.delegation)
    item._history_user = by
    item.delete()


@transaction.atomic
def cost_add(
    *,
    delegation: Delegation,
    by,
    kind: str,
    source: str,
    amount: Decimal,
    currency: str = "VND",
    amount_vnd: int | None = None,
    description: str = "",
) -> Cost:
    """Add an estimated or actual cost line; a VND amount is its own VND value."""
    delegation = _locked_writable(user=by, delegation=delegation, part=COST_PART.get(kind, Part.PROPOSAL))
    currency = (currency or "VND").strip().upper()
    errors = {}
    try:
        CURRENCY_CODE(currency)
    except ValidationError as error:
        errors["currency"] = error.messages[0]
    if amount is None or amount < 0:
        errors["amount"] = _("Enter an amount of zero or more.")
    elif amount > MAX_AMOUNT:
        errors["amount"] = _("Enter an amount of at most %(max)s.") % {
            "max": f"{MAX_AMOUNT:,}".replace(",", ".")
        }
    if currency == "VND" and amount_vnd is None and amount is not None:
        amount_vnd = int(amount)
    if currency == "VND" and amount is not None and amount != int(amount):
        errors["amount"] = _("VND has no minor unit: enter whole đồng.")
    if amount_vnd is None:
        errors["amount_vnd"] = _("Enter the value in VND.")
    elif amount_vnd < 0:
        errors["amount_vnd"] = _("Enter a value of zero or more.")
    elif amount_vnd > MAX_VND:
        errors["amount_vnd"] = _("Enter a value of at most %(max)s ₫.") % {
            "max": f"{MAX_VND:,}".replace(",", ".")
        }
    if errors:
        raise ValidationError(errors)
    cost = Cost(
        delegation=delegation,
        kind=kind,
        source=source,
        amount=amount,
        currency=currency,
        amount_vnd=amount_vnd,
        description=description.strip(),
    )
    full_clean(cost)
    cost._history_user = by
    cost.save()
    sync_figures(delegation)
    return cost


@transaction.atomic
def cost_remove(*, cost: Cost, by) -> None:
    delegation = _locked_writable(
        user=by, delegation=cost.delegation, part=COST_PART.get(cost.kind, Part.PROPOSAL)
    )
    cost._history_user = by
    cost.delete()
    sync_figures(delegation)


# Workflow ------------------------------------------------------------------------------------


def missing_for_submission(delegation: Delegation) -> list[str]:
    """What the proposal still lacks before the leaders can decide on it; empty when complete.

    The regulation's written proposal: purpose and content, members (or how
    many people while names are not known), programme and funding.
    """
    missing = []
    if not delegation.purpose.strip():
        missing.append(_("the purpose and content"))
    if not delegation.planned_count and not delegation.members.exists():
        missing.append(_("the members, or the planned number of people"))
    if not delegation.programme.exists():
        missing.append(_("the programme"))
    if not delegation.costs.filter(kind=CostKind.ESTIMATED).exists():
        missing.append(_("the estimated cost"))
    if (
        delegation.plan_item_id is None
        and not delegation.in_plan
        and not delegation.out_of_plan_reason.strip()
    ):
        missing.append(_("the plan item it carries out, or the reason for an activity outside the plan"))
    return missing


def incomplete_message(missing: list[str]) -> str:
    return _("The proposal is not complete. Before submitting it, add: %(missing)s.") % {
        "missing": "; ".join(str(item) for item in missing)
    }


def _require_complete(current: Delegation) -> None:
    missing = missing_for_submission(current)
    if missing:
        raise ValidationError(incomplete_message(missing), code="incomplete")


def delegation_submit(*, delegation: Delegation, by, comment: str = "") -> Delegation:
    return transition(
        record=delegation, action=Action.SUBMIT, by=by, comment=comment, check=_require_complete
    )


def delegation_withdraw(*, delegation: Delegation, by, comment: str) -> Delegation:
    """Take a submitted (or approved, called-off) proposal back to draft, saying why."""
    return transition(record=delegation, action=Action.WITHDRAW, by=by, comment=comment)


def delegation_approve(*, delegation: Delegation, by, comment: str = "") -> Delegation:
    return transition(record=delegation, action=Action.APPROVE, by=by, comment=comment)


def delegation_return(*, delegation: Delegation, by, comment: str) -> Delegation:
    return transition(record=delegation, action=Action.RETURN, by=by, comment=comment)


def delegation_reject(*, delegation: Delegation, by, comment: str) -> Delegation:
    return transition(record=delegation, action=Action.REJECT, by=by, comment=comment)


def _require_started(current: Delegation) -> None:
    """A trip is carried out, and reported on, only once it has begun."""
    if timezone.localdate() < current.start_on:
        raise ValidationError(
            _("The delegation starts on %(date)s; this can be done only from that day on.")
            % {"date": current.start_on.strftime("%d/%m/%Y")},
            code="not_started",
        )


def delegation_carry_out(*, delegation: Delegation, by, comment: str = "") -> Delegation:
    return transition(
        record=delegation, action=Action.CARRY_OUT, by=by, comment=comment, check=_require_started
    )


@transaction.atomic
def delegation_file_report(
    *,
    delegation: Delegation,
    by,
    report_text: str,
    comment: str = "",
    uploads=(),
    on: datetime.date | None = None,
) -> Delegation:
    """File the post-trip report: its text (required), the filing date, and any files."""
    require_active(delegation)
    if not (report_text or "").strip():
        raise ValidationError({"report_text": _("Write the report: what was done and what follows.")})
    # Written first without a history row; the transition's save then records the
    # report, its date and the new state as one "Report filed" entry. Any refusal
    # below rolls this back.
    Delegation.objects.filter(pk=delegation.pk).update(
        report_text=report_text.strip(), report_filed_on=on or timezone.localdate()
    )
    delegation = transition(
        record=delegation, action=Action.FILE_REPORT, by=by, comment=comment, check=_require_started
    )
    for upload in uploads:
        attachment_add(record=delegation, upload=upload, by=by, description=_("Post-trip report"))
    return delegation


def delegation_close(*, delegation: Delegation, by, comment: str = "") -> Delegation:
    return transition(record=delegation, action=Action.CLOSE, by=by, comment=comment)


ACTIONS = {
    Action.SUBMIT: delegation_submit,
    Action.APPROVE: delegation_approve,
    Action.RETURN: delegation_return,
    Action.REJECT: delegation_reject,
    Action.CARRY_OUT: delegation_carry_out,
    Action.FILE_REPORT: delegation_file_report,
    Action.CLOSE: delegation_close,
    Action.WITHDRAW: delegation_withdraw,
}

TRANSITIONS_FROM = {action: sources for action, (sources, _target, _actor) in TRANSITIONS.items()}
# The checks an action makes on the record besides its state and the role.
PRECONDITIONS = {
    Action.SUBMIT: _require_complete,
    Action.CARRY_OUT: _require_started,
    Action.FILE_REPORT: _require_started,
}


def action_refusal(*, delegation: Delegation, action: str) -> str:
    """Why ``action`` cannot be taken now, whoever asks; "" when it can.

    Said before the confirmation page, so nobody writes a comment or a report
    for nothing; the action's service checks all of it again.
    """
    try:
        require_active(delegation)
        if delegation.state not in TRANSITIONS_FROM[action]:
            raise ValidationError(
                _("This cannot be done while the record is “%(state)s”.")
                % {"state": delegation.get_state_display()}
            )
        if action in PRECONDITIONS:
            PRECONDITIONS[action](delegation)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""
