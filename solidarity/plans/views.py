"""Annual plans: the kind declared on the record kit, its items and budget, its workflow steps,
amendments, and plan vs actual. Thin: reads through selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import Role, unit_scope_q
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.choices import Action
from solidarity.core.forms import add_service_errors, parse_id
from solidarity.core.widgets import select_options
from solidarity.records.base import may_write
from solidarity.records.kit import RecordViews, visible_record
from solidarity.records.workflow import Part
from solidarity.units.models import Unit

from . import selectors, services
from .choices import PlanItemKind, PlanState
from .filters import PlanFilter
from .forms import ActionForm, BudgetForm, DropForm, PlanForm, PlanItemForm, PlanItemSelect, year_of
from .models import Plan, PlanItem

ACTION_LABELS = {
    Action.SUBMIT: gettext_lazy("Submit to the level above"),
    Action.WITHDRAW: pgettext_lazy("plan", "Withdraw"),
    Action.RETURN: pgettext_lazy("plan", "Return for changes"),
    Action.REJECT: pgettext_lazy("plan", "Reject"),
    Action.APPROVE: pgettext_lazy("plan", "Approve"),
}


class PlanViews(RecordViews):
    model = Plan
    services, selectors = services, selectors
    filterset = PlanFilter
    ordering = ("-year", "-pk")  # the list's index (plan_current_idx): newest year first
    files = False
    form_class = PlanForm
    create_refusal = gettext_lazy("You prepare plans for no unit.")
    created_message = gettext_lazy("Plan started: add its activities and its budget, then submit it.")
    archived_message = gettext_lazy("Plan archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Plan restored.")

    def detail_context(self, plan, context, *, item_form=None, budget_form=None, **extra):
        actions = [a for a in context["actions"] if a in services.ACTIONS]
        if plan.state != PlanState.SUBMITTED and Action.WITHDRAW in actions:
            actions.remove(Action.WITHDRAW)  # an approved plan is amended, not withdrawn
        writable = may_write(user=self.user, record=plan, part=Part.PROPOSAL)
        items = list(plan.items.select_related("partner").prefetch_related("costs"))
        done = selectors.done_origins(unit_ids=[plan.owner_unit_id], year=plan.year)
        year_over = timezone.localdate().year > plan.year
        rows = [
            (
                item,
                selectors.outcome(
                    item, done=(plan.owner_unit_id, item.origin_key) in done, year_over=year_over
                ),
            )
            for item in items
        ]
        return extra | {
            "actions": actions,
            "action_labels": {a: ACTION_LABELS[a] for a in actions},
            "rows": rows,
            "items_total": sum(cost.amount_vnd for item in items for cost in item.costs.all()),
            "budget_lines": list(plan.budget_lines.all()),
            "writable": writable,
            "may_drop": plan.state == PlanState.APPROVED
            and may_write(user=self.user, record=plan, part=Part.OUTCOME),
            "item_form": item_form or (PlanItemForm(user=self.user) if writable else None),
            "budget_form": budget_form or (BudgetForm(plan=plan) if writable else None),
            "revisions": list(selectors.revisions(plan)),
            "amend_refusal": services.amend_refusal(plan) if context["can_manage"] else None,
            "deadline": services.amendment_deadline(plan.year),
            "approver": plan.approver_unit(),
            "section": "plans",
        }

    def list_context(self, filterset):
        return {"section": "plans"}

    def form_context(self, record):
        return {"section": "plans"}

    def update_record(self, plan, fields, *, version, forms):
        return services.plan_update(plan=plan, by=self.user, expected_version=version, **fields)


def _plan(request, pk: int) -> Plan:
    return visible_record(Plan, request.user, pk, "owner_unit")


def _item(plan: Plan, item_pk: int) -> PlanItem:
    return get_object_or_404(PlanItem, pk=item_pk, plan=plan)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_POST
def plan_act(request, pk: int, action: str):
    if action not in services.ACTIONS:
        raise Http404
    plan = _plan(request, pk)
    form = ActionForm(request.POST)
    form.is_valid()
    try:
        services.ACTIONS[action](plan=plan, by=request.user, comment=form.cleaned_data.get("comment", ""))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error) if isinstance(error, ValidationError) else str(error))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": str(ACTION_LABELS[action]).lower()})
    return redirect(plan)


@login_required
@require_POST
def plan_amend(request, pk: int):
    plan = _plan(request, pk)
    try:
        amendment = services.plan_amend(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(plan)
    messages.success(
        request, _("Amendment started as a copy of the approved plan: change it, then submit it.")
    )
    return redirect(amendment)


@login_required
@require_POST
def item_add(request, pk: int):
    plan = _plan(request, pk)
    form = PlanItemForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.plan_item_add(plan=plan, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Activity added to the plan."))
            return redirect(f"{plan.get_absolute_url()}#items")
    return PlanViews(request).render_detail(plan, status=400, item_form=form)


@login_required
def item_edit(request, pk: int, item_pk: int):
    plan = _plan(request, pk)
    item = _item(plan, item_pk)
    if not may_write(user=request.user, record=plan, part=Part.PROPOSAL):
        raise PermissionDenied
    form = PlanItemForm(request.POST or None, instance=item, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_update(
                item=PlanItem.objects.get(pk=item.pk), by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(f"{plan.get_absolute_url()}#items")
    return render(
        request, "plans/item_form.html", {"plan": plan, "item": item, "form": form, "section": "plans"}
    )


@login_required
@require_POST
def item_remove(request, pk: int, item_pk: int):
    plan = _plan(request, pk)
    try:
        services.plan_item_remove(item=_item(plan, item_pk), by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Activity removed from the plan."))
    return redirect(f"{plan.get_absolute_url()}#items")


@login_required
@require_POST
def item_drop(request, pk: int, item_pk: int):
    plan = _plan(request, pk)
    form = DropForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.plan_item_drop(item=_item(plan, item_pk), by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The activity is marked as dropped."))
    return redirect(f"{plan.get_absolute_url()}#items")


@login_required
@require_POST
def budget(request, pk: int):
    plan = _plan(request, pk)
    form = BudgetForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            services.plan_budget_set(plan=plan, by=request.user, amounts=form.amounts())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Budget saved."))
            return redirect(f"{plan.get_absolute_url()}#budget")
    return PlanViews(request).render_detail(plan, status=400, budget_form=form)


def _as_year(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 2000 <= year <= 2100 else None


@login_required
def plan_vs_actual(request, unit_pk: int | None = None, year: int | None = None):
    """A unit's plan of a year against what was done and spent, with its children's plans."""
    visible_units = Unit.objects.filter(unit_scope_q(request.user, Role.VIEWER, field=""))
    unit_pk = unit_pk or request.GET.get("unit") or default_unit_for(request.user, min_role=Role.VIEWER)
    if not str(unit_pk or "").isascii() or not str(unit_pk or "").isdigit():
        raise Http404  # none, or not an id
    unit = get_object_or_404(visible_units, pk=unit_pk)
    this_year = timezone.localdate().year
    year = _as_year(year or request.GET.get("year")) or selectors.latest_plan_year(unit=unit) or this_year
    report = selectors.plan_vs_actual(unit=unit, year=year)
    return render(
        request,
        "plans/plan_vs_actual.html",
        {
            "report": report,
            "unit": unit,
            "year": year,
            "years": sorted({*range(this_year - 4, this_year + 2), year}, reverse=True),
            "start": f"{year}-01-01",
            "end": f"{year}-12-31",
            "section": "plans",
        },
    )


@login_required
def item_options(request):
    """The <option>s of a record form's plan-item picker (``forms.PlanItemSelect``) for the unit and
    date the user chose: the form's htmx asks for them when either changes."""
    params = request.GET
    kinds = [kind for kind in params.get("kinds", "").split(",") if kind in PlanItemKind.values]
    date_fields = [name for name in params.get("dates", "").split(",") if name][:3]
    year = next((y for y in (year_of(params.get(name)) for name in date_fields) if y), None)
    widget = PlanItemSelect(
        user=request.user,
        kinds=kinds,
        date_fields=date_fields,
        unit_id=parse_id(params.get("owner_unit")),
        year=year,
        include=parse_id(params.get("include")),
    )
    return HttpResponse(select_options(widget.optgroups("plan_item", [params.get("plan_item", "")])))
