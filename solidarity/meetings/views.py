"""Meetings: the kind declared on the record kit, its approval step taken on its page,
follow-up commitments, and the pickers' options."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.agreements.models import Agreement
from solidarity.core.pages import short_page
from solidarity.records.kit import RecordViews, options_view, service_saved
from solidarity.records.workflow import EDITABLE_STATES, Action, Part

from . import selectors, services
from .filters import MeetingFilter
from .forms import ActionForm, FollowUpForm, MeetingForm
from .models import Meeting

LINES_PER_PAGE = 25  # follow-ups and support on a meeting's page, a page at a time


class MeetingViews(RecordViews):
    model = Meeting
    services, selectors = services, selectors
    related = ("owner_unit", "agreement", "plan_item__plan")
    filterset = MeetingFilter
    ordering = ("-start_on", "-pk")
    edit_parts = Part.ALL  # the proposal, and the conclusions after the meeting
    form_class = MeetingForm
    create_refusal = gettext_lazy("You do not record meetings for any unit.")
    created_message = gettext_lazy("Meeting recorded.")
    archived_message = gettext_lazy("Meeting archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Meeting restored.")

    def detail_context(self, meeting, context, *, follow_up_form=None, action_error=None):
        user, actions = self.user, context["actions"]
        if context["can_attach"]:
            follow_up_form = follow_up_form or FollowUpForm(user=user, meeting=meeting)
        else:
            follow_up_form = None
        return {
            "partners": meeting.partners.order_by("name"),
            "follow_ups": short_page(
                self.request,
                selectors.meeting_follow_ups(meeting=meeting, user=user),
                per_page=LINES_PER_PAGE,
                param="follow_ups",
            ),
            "support": short_page(
                self.request,
                selectors.meeting_support(meeting=meeting, user=user).order_by("-given_on", "-pk"),
                per_page=LINES_PER_PAGE,
                param="support",
            ),
            "comment_hint": _required_comment_hint(actions),
            "actions": [(action, Action(action).label) for action in actions],
            "action_error": action_error,
            "warnings": services.submission_warnings(meeting=meeting)
            if meeting.needs_approval and meeting.state in EDITABLE_STATES
            else [],
            "follow_up_form": follow_up_form,
        }

    def update_record(self, meeting, fields, *, version, forms):
        return services.meeting_update(meeting=meeting, by=self.user, expected_version=version, fields=fields)


def _required_comment_hint(actions: list[str]) -> str:
    if Action.WITHDRAW in actions:
        return _("required to withdraw: say why")
    if Action.RETURN in actions:
        return _("required to return or reject")
    return ""


@login_required
@require_POST
def meeting_action(request, pk: int):
    pages = MeetingViews(request)
    meeting = pages.get_object(pk)
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
        return pages.render_detail(meeting, action_error=str(error), status=403)
    except ValidationError as error:
        return pages.render_detail(meeting, action_error=" ".join(error.messages), status=400)
    for warning in warnings:
        messages.warning(request, warning)
    messages.success(request, _("Done: %(action)s.") % {"action": Action(data["action"]).label})
    return redirect(meeting)


@login_required
@require_POST
def meeting_follow_up_add(request, pk: int):
    pages = MeetingViews(request)
    meeting = pages.get_object(pk)
    if refusal := pages.refuse_edit(meeting, part=Part.OUTCOME):
        return refusal
    form = FollowUpForm(request.POST, user=request.user, meeting=meeting)
    kwargs = {"meeting": meeting, "by": request.user}
    if form.is_valid() and service_saved(
        request,
        form,
        _("Follow-up commitment added."),
        services.meeting_add_follow_up,
        **kwargs,
        **form.cleaned_data,
    ):
        return redirect(meeting)
    return pages.render_detail(meeting, follow_up_form=form, status=400)


# <option>s for the pickers: a meeting's agreement, the support form's meeting.
agreement_options = options_view(Agreement, ordering=("-signed_on", "title"))
meeting_options = options_view(Meeting, ordering=("-start_on", "title"))
