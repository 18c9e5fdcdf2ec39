from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import units_for_officer
from solidarity.agreements.models import Agreement
from solidarity.core.forms import add_service_errors
from solidarity.core.history import record_history
from solidarity.core.text import fold
from solidarity.core.views import OPTIONS_LIMIT, _search_term, paginate, refuse_if_archived
from solidarity.records import workflow
from solidarity.records.attachments import attachments_of
from solidarity.records.base import EditConflict

from . import selectors, services
from .filters import MeetingFilter
from .forms import ActionForm, FollowUpForm, MeetingForm
from .models import Meeting


def _visible(request, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("owner_unit", "agreement"), pk=pk
    )


def _editable(request, pk: int) -> Meeting:
    """The meeting if the user may change it; an archived one is refused by the caller."""
    meeting = _visible(request, pk)
    if not services.can_manage(user=request.user, meeting=meeting):
        raise PermissionDenied(_("You can see this meeting but not change it."))
    return meeting


@login_required
def meeting_list(request):
    filterset = MeetingFilter(
        request.GET, queryset=selectors.meeting_list(user=request.user), user=request.user
    )
    meetings = filterset.qs
    if not request.GET.get("ordering"):
        meetings = meetings.order_by("-start_on", "-pk")
    page_obj = paginate(request, meetings)
    template = "meetings/_list_results.html" if request.htmx else "meetings/meeting_list.html"
    return render(
        request,
        template,
        {"filter": filterset, "page_obj": page_obj, "can_create": units_for_officer(request.user).exists()},
    )


def _render_detail(request, meeting: Meeting, *, follow_up_form=None, action_error=None, status=200):
    user = request.user
    can_edit = services.can_edit(user=user, meeting=meeting)
    can_add_outcome = services.may_write(user=user, meeting=meeting, part=workflow.Part.OUTCOME)
    actions = workflow.available_actions(user=user, record=meeting) if meeting.needs_approval else []
    attachments = list(attachments_of(meeting))
    locked = workflow.locked_file_ids(meeting, attachments) if can_add_outcome else set()
    for attachment in attachments:
        attachment.locked = attachment.pk in locked  # no Remove button: see the freeze rule
    context = {
        "meeting": meeting,
        "partners": meeting.partners.order_by("name"),
        "follow_ups": selectors.meeting_follow_ups(meeting=meeting, user=user),
        "support": selectors.meeting_support(meeting=meeting, user=user),
        "attachments": attachments,
        "history": record_history(record=meeting),
        "can_edit": can_edit,
        "can_attach": can_add_outcome,
        "can_manage": services.can_manage(user=user, meeting=meeting),
        "can_archive": meeting.is_archived or workflow.may_archive(meeting),
        "frozen_reason": "" if meeting.is_archived else workflow.frozen_reason(meeting),
        "missing": services.missing_for_submission(meeting) if workflow.Action.SUBMIT in actions else [],
        "comment_hint": _required_comment_hint(actions),
        "actions": [(action, workflow.Action(action).label) for action in actions],
        "action_error": action_error,
        "events": workflow.workflow_events(meeting) if meeting.needs_approval else [],
        "warnings": services.submission_warnings(meeting=meeting)
        if meeting.needs_approval and meeting.state in workflow.EDITABLE_STATES
        else [],
        "follow_up_form": (follow_up_form or FollowUpForm(user=user, meeting=meeting))
        if can_add_outcome
        else None,
    }
    return render(request, "meetings/meeting_detail.html", context, status=status)


def _required_comment_hint(actions: list[str]) -> str:
    if workflow.Action.WITHDRAW in actions:
        return _("required to withdraw: say why")
    if workflow.Action.RETURN in actions:
        return _("required to return or reject")
    return ""


def _refuse_if_frozen(request, meeting: Meeting, *, part: str):
    """A redirect to the meeting with the workflow's reason when ``part`` of it cannot change, else None."""
    reason = workflow.frozen_reason(meeting, part=part)
    if reason:
        messages.error(request, reason)
        return redirect(meeting)
    return None


@login_required
def meeting_detail(request, pk: int):
    return _render_detail(request, _visible(request, pk))


@login_required
def meeting_create(request):
    if not units_for_officer(request.user).exists():
        raise PermissionDenied(_("You do not record meetings for any unit."))
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {
            k: v for k, v in form.cleaned_data.items() if k not in ("version", "partners", "owner_unit")
        }
        try:
            meeting = services.meeting_create(
                by=request.user,
                owner_unit=form.cleaned_data["owner_unit"],
                partners=form.cleaned_data["partners"],
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "creating": True})


@login_required
def meeting_edit(request, pk: int):
    meeting = _editable(request, pk)
    if refusal := refuse_if_archived(request, meeting):
        return refusal
    if not services.can_edit(user=request.user, meeting=meeting):
        return _refuse_if_frozen(request, meeting, part=workflow.Part.OUTCOME) or redirect(meeting)
    conflict = None
    form = MeetingForm(request.POST or None, instance=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.meeting_update(
                meeting=Meeting.objects.get(pk=pk),
                by=request.user,
                expected_version=form.cleaned_data["version"],
                fields=fields,
            )
        except EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            form = MeetingForm(data, instance=error.current, user=request.user)
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "meeting": meeting,
            "conflict": conflict,
            "frozen_reason": workflow.frozen_reason(meeting),
        },
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def meeting_archive(request, pk: int):
    meeting = _visible(request, pk)
    if request.POST.get("restore") == "1":
        services.meeting_restore(meeting=meeting, by=request.user)
        messages.success(request, _("Meeting restored."))
        return redirect(meeting)
    try:
        services.meeting_archive(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Meeting archived. It can be restored from the archive."))
    return redirect(meeting)


@login_required
@require_POST
def meeting_action(request, pk: int):
    meeting = _visible(request, pk)
    form = ActionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        _meeting, warnings = services.meeting_take_action(
            meeting=meeting,
            action=data.get("action", ""),
            by=request.user,
            comment=data.get("comment", ""),
            report_text=data.get("report_text", ""),
        )
    except PermissionDenied as error:
        # The wrong person: say who decides, on the page they came from.
        return _render_detail(request, meeting, action_error=str(error), status=403)
    except ValidationError as error:
        return _render_detail(request, meeting, action_error=" ".join(error.messages), status=400)
    for warning in warnings:
        messages.warning(request, warning)
    messages.success(request, _("Done: %(action)s.") % {"action": workflow.Action(data["action"]).label})
    return redirect(meeting)


@login_required
@require_POST
def meeting_follow_up_add(request, pk: int):
    meeting = _editable(request, pk)
    if refusal := refuse_if_archived(request, meeting):
        return refusal
    if refusal := _refuse_if_frozen(request, meeting, part=workflow.Part.OUTCOME):
        return refusal
    form = FollowUpForm(request.POST, user=request.user, meeting=meeting)
    if form.is_valid():
        try:
            services.meeting_add_follow_up(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Follow-up commitment added."))
            return redirect(meeting)
    return _render_detail(request, meeting, follow_up_form=form, status=400)


@login_required
def agreement_options(request):
    """<option>s of agreements the user can see, for a meeting's agreement picker."""
    term = fold(_search_term(request))
    agreements = Agreement.objects.visible_to(request.user).active()
    if term:
        agreements = agreements.filter(search_text__contains=term)
    found = list(agreements.order_by("-signed_on", "title").values_list("pk", "title")[: OPTIONS_LIMIT + 1])
    return render(
        request, "core/options.html", {"options": found[:OPTIONS_LIMIT], "more": len(found) > OPTIONS_LIMIT}
    )


@login_required
def meeting_options(request):
    """<option>s of meetings the user can see, for the support form's meeting picker."""
    term = fold(_search_term(request))
    meetings = Meeting.objects.visible_to(request.user).active()
    if term:
        meetings = meetings.filter(search_text__contains=term)
    found = list(meetings.order_by("-start_on", "title").values_list("pk", "title")[: OPTIONS_LIMIT + 1])
    return render(
        request, "core/options.html", {"options": found[:OPTIONS_LIMIT], "more": len(found) > OPTIONS_LIMIT}
    )
