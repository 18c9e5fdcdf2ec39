from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import Role, has_role_on
from solidarity.core.choices import FundingSource
from solidarity.core.forms import add_service_errors
from solidarity.core.views import paginate
from solidarity.records.attachments import attachments_of
from solidarity.records.base import EditConflict, require_active, require_edit
from solidarity.records.workflow import (
    COMMENT_REQUIRED,
    Action,
    Part,
    available_actions,
    frozen_reason,
    locked_file_ids,
    may_archive,
    may_take,
    workflow_events,
)

from . import selectors, services
from .choices import CostKind
from .filters import DelegationFilter
from .forms import (
    ActionForm,
    CostForm,
    DelegationForm,
    MemberForm,
    ProgrammeItemForm,
    ReportForm,
    units_for_officer,
)
from .models import Cost, Delegation, Member, ProgrammeItem
from .rules import delegation_warnings


def _visible(request, pk: int) -> Delegation:
    return get_object_or_404(
        Delegation.objects.visible_to(request.user).select_related("owner_unit", "agreement", "created_by"),
        pk=pk,
    )


def _editable(request, pk: int) -> Delegation:
    """A visible delegation the user may change as an officer: 404 outside scope, 403 without the role."""
    delegation = _visible(request, pk)
    require_edit(user=request.user, record=delegation)
    return delegation


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def delegation_list(request):
    data = request.GET.copy()
    data.setdefault("archived", "0")
    filterset = DelegationFilter(
        data, queryset=selectors.delegation_list(user=request.user), request=request, user=request.user
    )
    delegations = filterset.qs
    if not data.get("ordering"):
        delegations = delegations.order_by("-start_on", "-pk")
    page_obj = paginate(request, delegations)
    template = "delegations/_list_results.html" if request.htmx else "delegations/delegation_list.html"
    return render(
        request,
        template,
        {"filter": filterset, "page_obj": page_obj, "can_create": units_for_officer(request.user).exists()},
    )


def _render_detail(request, delegation: Delegation, *, member_form=None, programme_form=None, cost_form=None):
    user = request.user
    members = list(delegation.members.select_related("unit"))
    can_edit = services.can_edit_delegation(user=user, delegation=delegation)
    is_officer = has_role_on(user, delegation.owner_unit, Role.OFFICER)
    actions = available_actions(user=user, record=delegation)
    cost_kinds_open = [
        kind
        for kind in (CostKind.ESTIMATED, CostKind.ACTUAL)
        if services.may_write(user=user, delegation=delegation, part=services.COST_PART[kind])
    ]
    if cost_form is None and cost_kinds_open:
        cost_form = CostForm(initial={"kind": cost_kinds_open[-1] if not can_edit else CostKind.ESTIMATED})
    if cost_form is not None:
        cost_form.fields["kind"].choices = [(k, CostKind(k).label) for k in cost_kinds_open]
    totals = selectors.cost_totals(delegation)
    attachments = list(attachments_of(delegation))
    can_attach = services.may_write(user=user, delegation=delegation, part=Part.OUTCOME)
    locked = locked_file_ids(delegation, attachments) if can_attach else set()
    for attachment in attachments:
        attachment.locked = attachment.pk in locked  # no Remove button: see the freeze rule
    context = {
        "delegation": delegation,
        "partners": delegation.partners.order_by("name"),
        "members": members,
        "person_count": selectors.person_count(delegation, members),
        "programme": delegation.programme.all(),
        "costs": delegation.costs.all(),
        "cost_totals": totals,
        "cost_sources": [(FundingSource(key).label, amounts) for key, amounts in totals["by_source"].items()],
        "cost_kinds_open": cost_kinds_open,
        "warnings": delegation_warnings(delegation, user=user),
        "events": workflow_events(delegation),
        "history": selectors.delegation_history(delegation),
        "attachments": attachments,
        "can_edit": can_edit,
        "is_officer": is_officer,
        "can_attach": can_attach,
        "can_archive": delegation.is_archived or may_archive(delegation),
        "frozen_reason": "" if delegation.is_archived else frozen_reason(delegation),
        "missing": services.missing_for_submission(delegation) if Action.SUBMIT in actions else [],
        "actions": actions,
        "quick_actions": [a for a in actions if a not in (Action.SUBMIT, Action.FILE_REPORT)],
        "action_labels": {a: Action(a).label for a in actions},
        "member_form": member_form or (MemberForm(user=user, delegation=delegation) if can_edit else None),
        "programme_form": programme_form or (ProgrammeItemForm(delegation=delegation) if can_edit else None),
        "cost_form": cost_form,
    }
    return render(request, "delegations/delegation_detail.html", context)


@login_required
def delegation_detail(request, pk: int):
    return _render_detail(request, _visible(request, pk))


@login_required
def delegation_create(request):
    form = DelegationForm(request.POST or None, user=request.user)
    if not form.fields["owner_unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            delegation = services.delegation_create(
                by=request.user,
                owner_unit=form.cleaned_data["owner_unit"],
                partners=form.cleaned_data["partners"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Delegation recorded as a draft. Add its members, then submit it."))
            return redirect(delegation)
    return render(request, "delegations/delegation_form.html", {"form": form, "creating": True})


@login_required
def delegation_edit(request, pk: int):
    delegation = _visible(request, pk)
    if not has_role_on(request.user, delegation.owner_unit, Role.OFFICER):
        raise PermissionDenied
    try:
        require_active(delegation)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(delegation)
    if not services.can_edit_delegation(user=request.user, delegation=delegation):
        messages.error(request, frozen_reason(delegation))
        return redirect(delegation)
    form = DelegationForm(request.POST or None, instance=delegation, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.delegation_update(
                delegation=delegation,
                by=request.user,
                expected_version=form.cleaned_data.get("version") or 0,
                partners=form.cleaned_data["partners"],
                **form.service_fields(),
            )
        except EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = error.current.version
            form = DelegationForm(data, instance=error.current, user=request.user)
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(delegation)
    return render(
        request,
        "delegations/delegation_form.html",
        {"form": form, "delegation": delegation, "conflict": conflict},
    )


@login_required
@require_POST
def delegation_archive(request, pk: int):
    delegation = _editable(request, pk)
    if request.POST.get("restore") == "1":
        services.delegation_restore(delegation=delegation, by=request.user)
        messages.success(request, _("Delegation restored."))
        return redirect(delegation)
    try:
        services.delegation_archive(delegation=delegation, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Delegation archived. It can be restored from the archive."))
    return redirect(delegation)


# Members, programme, costs -------------------------------------------------------------------


def _edit_part(request, delegation: Delegation, save, anchor: str, **forms):
    """Run ``save`` and go back to the detail page, or show the form's errors there.

    A refusal that is not about the input (archived, no longer a draft) is a
    message on the page: the form may not even be shown any more.
    """
    try:
        save()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            messages.error(request, _error_text(error))
            return redirect(f"{delegation.get_absolute_url()}#{anchor}")
        form = next(iter(forms.values()))
        add_service_errors(form, error)
        return _render_detail(request, delegation, **forms)
    messages.success(request, _("Changes saved."))
    return redirect(f"{delegation.get_absolute_url()}#{anchor}")


@login_required
@require_POST
def member_add(request, pk: int):
    delegation = _editable(request, pk)
    form = MemberForm(request.POST, user=request.user, delegation=delegation)
    if not form.is_valid():
        return _render_detail(request, delegation, member_form=form)
    return _edit_part(
        request,
        delegation,
        lambda: services.member_add(delegation=delegation, by=request.user, **form.cleaned_data),
        "members",
        member_form=form,
    )


@login_required
@require_POST
def member_remove(request, pk: int, member_pk: int):
    delegation = _editable(request, pk)
    member = get_object_or_404(Member, pk=member_pk, delegation=delegation)
    try:
        services.member_remove(member=member, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(delegation.get_absolute_url() + "#members")


@login_required
@require_POST
def programme_add(request, pk: int):
    delegation = _editable(request, pk)
    form = ProgrammeItemForm(request.POST, delegation=delegation)
    if not form.is_valid():
        return _render_detail(request, delegation, programme_form=form)
    return _edit_part(
        request,
        delegation,
        lambda: services.programme_item_add(delegation=delegation, by=request.user, **form.cleaned_data),
        "programme",
        programme_form=form,
    )


@login_required
@require_POST
def programme_remove(request, pk: int, item_pk: int):
    delegation = _editable(request, pk)
    item = get_object_or_404(ProgrammeItem, pk=item_pk, delegation=delegation)
    try:
        services.programme_item_remove(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(delegation.get_absolute_url() + "#programme")


@login_required
@require_POST
def cost_add(request, pk: int):
    delegation = _editable(request, pk)
    form = CostForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, delegation, cost_form=form)
    return _edit_part(
        request,
        delegation,
        lambda: services.cost_add(delegation=delegation, by=request.user, **form.cleaned_data),
        "costs",
        cost_form=form,
    )


@login_required
@require_POST
def cost_remove(request, pk: int, cost_pk: int):
    delegation = _editable(request, pk)
    cost = get_object_or_404(Cost, pk=cost_pk, delegation=delegation)
    try:
        services.cost_remove(cost=cost, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(delegation.get_absolute_url() + "#costs")


# Workflow ------------------------------------------------------------------------------------


DONE = {
    Action.SUBMIT: gettext_lazy("Submitted: the proposal now waits for the approving leaders."),
    Action.APPROVE: gettext_lazy("Approved."),
    Action.RETURN: gettext_lazy("Returned to the officer for changes."),
    Action.REJECT: gettext_lazy("Rejected."),
    Action.CARRY_OUT: gettext_lazy("Marked as carried out. File the report within the deadline."),
    Action.FILE_REPORT: gettext_lazy("Report filed."),
    Action.CLOSE: gettext_lazy("Closed."),
    Action.WITHDRAW: gettext_lazy("Withdrawn: it is a draft again."),
}


def _refusal_before_acting(delegation: Delegation, action: str) -> str:
    """Why the confirmation page would be pointless, said up front (the service checks again)."""
    if delegation.is_archived:
        return _("This record is archived; restore it before changing it.")
    if (
        action in (Action.CARRY_OUT, Action.FILE_REPORT)
        and delegation.state in services.TRANSITIONS_FROM[action]
        and timezone.localdate() < delegation.start_on
    ):
        return _("The delegation starts on %(date)s; this can be done only from that day on.") % {
            "date": delegation.start_on.strftime("%d/%m/%Y")
        }
    if action == Action.SUBMIT and delegation.state in services.TRANSITIONS_FROM[action]:
        missing = services.missing_for_submission(delegation)
        if missing:
            return services.incomplete_message(missing)
    return ""


@login_required
def delegation_act(request, pk: int, action: str):
    """GET: confirm ``action`` (rule warnings, comment, report); POST: take it."""
    if action not in services.ACTIONS:
        raise Http404
    delegation = _visible(request, pk)
    form_class = ReportForm if action == Action.FILE_REPORT else ActionForm
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        extra = {}
        if action == Action.FILE_REPORT:
            upload = form.cleaned_data.get("file")
            extra = {"report_text": form.cleaned_data["report_text"], "uploads": [upload] if upload else []}
        try:
            services.ACTIONS[action](
                delegation=delegation, by=request.user, comment=form.cleaned_data["comment"], **extra
            )
        except ValidationError as error:
            if str(getattr(error, "code", "") or "").startswith("file_"):
                form.add_error("file", error)  # keep the typed report; only the file was refused
            elif action == Action.FILE_REPORT and not hasattr(error, "error_dict"):
                form.add_error(None, error)  # keep the typed report; say why it was refused
            elif not hasattr(error, "error_dict"):
                messages.error(request, _error_text(error))
                return redirect(delegation)
            else:
                add_service_errors(form, error)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": str(Action(action).label).lower()})
            return redirect(delegation)
    elif not posted:
        refusal = _refusal_before_acting(delegation, action)
        if refusal:
            messages.error(request, refusal)
            return redirect(delegation)
        if delegation.state not in services.TRANSITIONS_FROM[action]:
            messages.error(
                request,
                _("This cannot be done while the record is “%(state)s”.")
                % {"state": delegation.get_state_display()},
            )
            return redirect(delegation)
        if not may_take(user=request.user, record=delegation, action=action):
            raise PermissionDenied
    if action in (Action.APPROVE, Action.SUBMIT, Action.RETURN, Action.REJECT):
        warnings = delegation_warnings(delegation, user=request.user)
    else:
        warnings = []
    return render(
        request,
        "delegations/delegation_act.html",
        {
            "delegation": delegation,
            "action": action,
            "action_label": Action(action).label,
            "form": form,
            "warnings": warnings,
            "comment_required": action in COMMENT_REQUIRED,
        },
    )


@login_required
def queue(request):
    delegations = list(selectors.delegation_queue(user=request.user))
    meetings = []
    for meeting in selectors.meeting_queue(user=request.user):
        try:
            url = meeting.get_absolute_url()
        except NoReverseMatch:  # the meetings pages are not there yet
            url = ""
        meetings.append((meeting, url))
    return render(request, "delegations/queue.html", {"delegations": delegations, "meetings": meetings})
