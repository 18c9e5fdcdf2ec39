"""Writes to annual plans: draft, items and budget, the approval workflow, amendments, dropped items.

Keyword-only, atomic, permission-checking. The workflow's rules (who may take
which step, the comment a return needs, the event rows, the freeze once
submitted) are ``records.workflow``'s; what is particular to a plan is here:
the items and budget are the proposal, marking an approved item dropped is an
outcome, and an approved plan changes only through an amendment (a new
revision, until the deadline ``PLAN_AMENDMENT_DEADLINE``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit
from solidarity.core.choices import Action, FundingSource
from solidarity.figures.services import sync as sync_figures
from solidarity.records.base import (
    record_archive,
    record_restore,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.records.workflow import Part, require_writable, transition

from .choices import PlanState
from .models import MAX_VND, MAX_YEAR, MIN_YEAR, Plan, PlanBudgetLine, PlanItem, PlanItemCost
from .selectors import done_origins

PLAN_FIELDS = ("note",)
ITEM_FIELDS = ("kind", "title", "purpose", "countries", "partner", "quarter", "people")


def _locked(*, by, plan: Plan, part: str = Part.PROPOSAL) -> Plan:
    """The plan's row, locked, after the role, archive and freeze checks. Call inside a transaction."""
    require_edit(user=by, record=plan)
    current = Plan.objects.select_for_update().select_related("owner_unit").get(pk=plan.pk)
    require_active(current)
    require_writable(current, part=part)
    return current


def _check_amounts(amounts: dict | None, field: str = "costs") -> dict[str, int]:
    """{source: whole đồng} without the empty ones; a negative, too large or unknown one is refused."""
    cleaned = {}
    for source, amount in (amounts or {}).items():
        if amount in (None, "", 0):
            continue
        if source not in FundingSource.values:
            raise ValidationError({field: _("Unknown funding source.")})
        if not isinstance(amount, int) or amount < 0 or amount > MAX_VND:
            raise ValidationError(
                {field: _("Enter whole đồng, from 0 to %(max)s.") % {"max": f"{MAX_VND:,}".replace(",", ".")}}
            )
        cleaned[source] = amount
    return cleaned


# The plan -------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, by, owner_unit, year: int, note: str = "") -> Plan:
    """Start the unit's plan for ``year`` (revision 1) as a draft."""
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot prepare plans of %(unit)s.") % {"unit": owner_unit})
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            {"year": _("Enter a year between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}}
        )
    if Plan.objects.active().filter(owner_unit=owner_unit, year=year).exists():
        raise ValidationError(
            {
                "year": _("%(unit)s already has a plan for %(year)s: open it, or amend it once approved.")
                % {"unit": owner_unit.display_name, "year": year}
            }
        )
    plan = Plan(owner_unit=owner_unit, year=year, note=(note or "").strip(), created_by=by)
    plan.full_clean(validate_constraints=False)
    plan._history_user = by
    plan.save()
    return plan


def plan_update(*, plan: Plan, by, expected_version: int, **fields) -> Plan:
    """Change the plan's own text while it is a draft (or returned)."""
    fields = {k: v for k, v in fields.items() if k in PLAN_FIELDS}
    return save_versioned(
        record=plan, expected_version=expected_version, by=by, fields=fields, check=require_writable
    )


def plan_archive(*, plan: Plan, by) -> Plan:
    return record_archive(record=plan, by=by)


def plan_restore(*, plan: Plan, by) -> Plan:
    if (
        Plan.objects.active()
        .filter(owner_unit=plan.owner_unit, year=plan.year, revision=plan.revision)
        .exists()
    ):
        raise ValidationError(
            _("Another plan of this unit for that year and revision is in use; archive it first.")
        )
    return record_restore(record=plan, by=by)


# Items and budget: the proposal ----------------------------------------------------------------


def _validate_item(fields: dict) -> None:
    errors = {}
    if not (fields.get("title") or "").strip():
        errors["title"] = _("Name the activity.")
    if fields.get("quarter") not in (1, 2, 3, 4):
        errors["quarter"] = _("Choose the quarter (1 to 4).")
    if errors:
        raise ValidationError(errors)


def _write_costs(item: PlanItem, costs: dict[str, int], by) -> None:
    for cost in item.costs.all():
        cost._history_user = by
        cost.delete()
    for source, amount in costs.items():
        cost = PlanItemCost(item=item, source=source, amount_vnd=amount)
        cost._history_user = by
        cost.save()


@transaction.atomic
def plan_item_add(*, plan: Plan, by, costs: dict | None = None, **fields) -> PlanItem:
    """Add an activity to a draft plan, with its estimated cost by funding source."""
    plan = _locked(by=by, plan=plan)
    fields = {k: v for k, v in fields.items() if k in ITEM_FIELDS}
    _validate_item(fields)
    costs = _check_amounts(costs)
    item = PlanItem(plan=plan, **fields)
    item.full_clean()
    item._history_user = by
    item.save()
    _write_costs(item, costs, by)
    return item


@transaction.atomic
def plan_item_update(*, item: PlanItem, by, costs: dict | None = None, **fields) -> PlanItem:
    _locked(by=by, plan=item.plan)
    fields = {k: v for k, v in fields.items() if k in ITEM_FIELDS}
    _validate_item(fields)
    costs = _check_amounts(costs)
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item._history_user = by
    item.save()
    _write_costs(item, costs, by)
    return item


@transaction.atomic
def plan_item_remove(*, item: PlanItem, by) -> None:
    """Take an activity out of a draft plan (an approved plan's item is dropped instead)."""
    _locked(by=by, plan=item.plan)
    if _linked_records(item):
        raise ValidationError(_("Records already carry out this item; it can no longer be removed."))
    item._history_user = by
    item.delete()


@transaction.atomic
def plan_item_drop(*, item: PlanItem, by, reason: str) -> PlanItem:
    """An approved plan's activity that will not take place: an outcome, kept in the plan with its reason."""
    plan = _locked(by=by, plan=item.plan, part=Part.OUTCOME)
    if plan.state != PlanState.APPROVED:
        raise ValidationError(_("Only an item of an approved plan is dropped; in a draft, remove it."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the activity is dropped.")})
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    if (plan.owner_unit_id, item.origin_key) in done_origins(unit_ids=[plan.owner_unit_id], year=plan.year):
        raise ValidationError(
            _("This activity has already been carried out (a record carries it out): it cannot be dropped."),
            code="done",
        )
    item.dropped, item.dropped_reason = True, reason.strip()
    item._history_user = by
    item.save(update_fields=["dropped", "dropped_reason"])
    sync_figures(item)  # "dropped" is a figure of the reports, kept in this transaction
    return item


@transaction.atomic
def plan_budget_set(*, plan: Plan, by, amounts: dict) -> list[PlanBudgetLine]:
    """The plan's budget by funding source (whole đồng); a source left empty has no budget line."""
    plan = _locked(by=by, plan=plan)
    amounts = _check_amounts(amounts, field="budget")
    for line in plan.budget_lines.all():
        line._history_user = by
        line.delete()
    lines = []
    for source, amount in amounts.items():
        line = PlanBudgetLine(plan=plan, source=source, amount_vnd=amount)
        line._history_user = by
        line.save()
        lines.append(line)
    return lines


def _linked_records(item: PlanItem) -> bool:
    """Does any record (delegation, meeting, agreement, support) point at ``item``? Through the
    reverse relations the record apps declare, so this app imports none of them."""
    for relation in PlanItem._meta.related_objects:
        if (
            relation.related_model._meta.app_label != "plans"
            and getattr(item, relation.get_accessor_name()).exists()
        ):
            return True
    return False


# Workflow --------------------------------------------------------------------------------------


def missing_for_submission(plan: Plan) -> list[str]:
    """What the plan still lacks before the level above can decide on it; empty when complete."""
    missing = []
    if not plan.items.exists():
        missing.append(_("at least one planned activity"))
    if not plan.budget_lines.exists():
        missing.append(_("the budget by funding source"))
    return missing


def _require_complete(current: Plan) -> None:
    missing = missing_for_submission(current)
    if missing:
        raise ValidationError(
            _("The plan is not complete. Before submitting it, add: %(missing)s.")
            % {"missing": "; ".join(str(item) for item in missing)},
            code="incomplete",
        )


def _step(plan: Plan, action: str, by, comment: str, *, check=None, **updates) -> Plan:
    with transaction.atomic():
        current = transition(record=plan, action=action, by=by, comment=comment, check=check)
        # The version moves: a form opened before the step must not save over it.
        Plan.objects.filter(pk=current.pk).update(version=current.version + 1, **updates)
        current.refresh_from_db()
    return current


def plan_submit(*, plan: Plan, by, comment: str = "") -> Plan:
    """Send the plan to the parent's leaders; nothing on it changes until they decide."""
    return _step(plan, Action.SUBMIT, by, comment, check=_require_complete)


def plan_withdraw(*, plan: Plan, by, comment: str) -> Plan:
    """Take a submitted plan back to draft. An approved plan is amended, not withdrawn."""
    if plan.state != PlanState.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be withdrawn; an approved one is amended."))
    return _step(plan, Action.WITHDRAW, by, comment)


def plan_return(*, plan: Plan, by, comment: str) -> Plan:
    return _step(plan, Action.RETURN, by, comment)


def plan_reject(*, plan: Plan, by, comment: str) -> Plan:
    return _step(plan, Action.REJECT, by, comment)


def plan_approve(*, plan: Plan, by, comment: str = "") -> Plan:
    return _step(plan, Action.APPROVE, by, comment, approved_at=timezone.now())


ACTIONS = {
    Action.SUBMIT: plan_submit,
    Action.WITHDRAW: plan_withdraw,
    Action.RETURN: plan_return,
    Action.REJECT: plan_reject,
    Action.APPROVE: plan_approve,
}


# Amendments ------------------------------------------------------------------------------------


def amendment_deadline(year: int) -> datetime.date:
    """The last day on which the plan of ``year`` may be amended (``PLAN_AMENDMENT_DEADLINE``)."""
    month, day = (int(part) for part in settings.PLAN_AMENDMENT_DEADLINE.split("-"))
    return datetime.date(year, month, day)


def amend_refusal(plan: Plan, *, today: datetime.date | None = None) -> str:
    """Why ``plan`` cannot be amended now; "" when it can."""
    today = today or timezone.localdate()
    if plan.is_archived or plan.state != PlanState.APPROVED:
        return _("Only an approved plan can be amended.")
    open_revisions = Plan.objects.active().filter(
        owner_unit_id=plan.owner_unit_id,
        year=plan.year,
        state__in=(PlanState.DRAFT, PlanState.SUBMITTED, PlanState.RETURNED),
    )
    if open_revisions.exists():
        return _("An amendment of this plan is already being prepared or decided on.")
    newer = Plan.objects.active().filter(
        owner_unit_id=plan.owner_unit_id, year=plan.year, state=PlanState.APPROVED, revision__gt=plan.revision
    )
    if newer.exists():
        return _("A later revision of this plan is approved: amend that one.")
    deadline = amendment_deadline(plan.year)
    if today > deadline:
        return _("The plan of %(year)s could be amended until %(date)s.") % {
            "year": plan.year,
            "date": deadline.strftime("%d/%m/%Y"),
        }
    return ""


@transaction.atomic
def plan_amend(*, plan: Plan, by, today: datetime.date | None = None) -> Plan:
    """A new revision of an approved plan, as a draft copy of it (items keep their origin, the
    budget is copied), to be changed and approved again. The approved revision stays as it is."""
    require_edit(user=by, record=plan)
    current = Plan.objects.select_for_update().select_related("owner_unit").get(pk=plan.pk)
    refusal = amend_refusal(current, today=today)
    if refusal:
        raise ValidationError(refusal, code="not_amendable")
    last = Plan.objects.filter(owner_unit_id=current.owner_unit_id, year=current.year).aggregate(
        n=Max("revision")
    )["n"]
    amendment = Plan(
        owner_unit=current.owner_unit,
        year=current.year,
        revision=(last or current.revision) + 1,
        amends=current,
        note=current.note,
        created_by=by,
    )
    amendment._history_user = by
    amendment.save()
    for item in current.items.prefetch_related("costs").order_by("pk"):
        copy = PlanItem.objects.create(
            plan=amendment,
            origin_id=item.origin_key,
            **{name: getattr(item, name) for name in ITEM_FIELDS},
            dropped=item.dropped,
            dropped_reason=item.dropped_reason,
        )
        PlanItemCost.objects.bulk_create(
            [
                PlanItemCost(item=copy, source=cost.source, amount_vnd=cost.amount_vnd)
                for cost in item.costs.all()
            ]
        )
    PlanBudgetLine.objects.bulk_create(
        [
            PlanBudgetLine(plan=amendment, source=line.source, amount_vnd=line.amount_vnd)
            for line in current.budget_lines.all()
        ]
    )
    return amendment


# Records that carry out a plan item ------------------------------------------------------------


def require_plan_item(
    *, item: PlanItem | None, owner_unit, year: int | None, kinds, stored_id: int | None = None
) -> None:
    """The check every record service makes on the plan item it is given: the owner's approved
    plan of the record's year, a kind that fits, not dropped. Raises on the ``plan_item`` field.
    The item the record already points at (``stored_id``) is kept whatever became of it since."""
    if item is None or item.pk == stored_id:
        return
    item = PlanItem.objects.select_related("plan").get(pk=item.pk)
    plan = item.plan
    if plan.owner_unit_id != owner_unit.pk or plan.is_archived:
        message = _("Pick an item of the owning unit's own plan.")
    elif plan.state != PlanState.APPROVED:
        message = _("Pick an item of an approved plan.")
    elif year is not None and plan.year != year:
        message = _("Pick an item of the plan of %(year)s, the year of the activity.") % {"year": year}
    elif item.kind not in kinds:
        message = _("This plan item is a “%(kind)s”: it does not fit this record.") % {
            "kind": item.get_kind_display()
        }
    elif item.dropped:
        message = _("This plan item was dropped.")
    else:
        return
    raise ValidationError({"plan_item": message}, code="plan_item")


def require_outside_reason(*, item, reason: str) -> None:
    """A record that carries out no plan item is outside the plan: it says why."""
    if item is None and not (reason or "").strip():
        raise ValidationError(
            {
                "out_of_plan_reason": _(
                    "Pick the plan item it carries out, or give the reason for an activity "
                    "outside the annual plan."
                )
            }
        )
