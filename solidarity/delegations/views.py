"""Delegations: the kind declared on the record kit, its lines (members, programme, costs),
the workflow's confirmation page and the leaders' queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import may_see_personal
from solidarity.core.choices import FundingSource
from solidarity.core.forms import add_service_errors
from solidarity.core.pages import short_page
from solidarity.privacy.access import log_access
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.persons import SENSITIVE_SHOWN, log_views, revealed
from solidarity.privacy.registry import kind_for
from solidarity.records.base import may_write
from solidarity.records.kit import RecordViews, editable_record, visible_record
from solidarity.records.workflow import COMMENT_REQUIRED, Action, may_take

from . import selectors, services
from .choices import CostKind
from .filters import DelegationFilter
from .forms import (
    ActionForm,
    CostForm,
    DelegationForm,
    MemberForm,
    MemberPersonalForm,
    ProgrammeItemForm,
    ReportForm,
)
from .models import MEMBER_PERSONAL_FIELDS, MEMBER_SENSITIVE_FIELDS, Cost, Delegation, Member, ProgrammeItem
from .rules import budget_warnings, travel_warnings


class DelegationViews(RecordViews):
    model = Delegation
    services, selectors = services, selectors
    related = ("owner_unit", "agreement", "created_by", "plan_item__plan")
    filterset = DelegationFilter
    filter_defaults = {"archived": "0"}
    ordering = ("-start_on", "-pk")
    form_class = DelegationForm
    created_message = gettext_lazy("Delegation recorded as a draft. Add its members, then submit it.")
    conflict_status = 200  # as this page has always answered a conflict
    archived_message = gettext_lazy("Delegation archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Delegation restored.")

    def list_context(self, filterset) -> dict:
        # The leaders' queue button says how much waits; no query at all for who leads no unit.
        return {
            "waiting_count": selectors.delegation_queue(user=self.user).count()
            + selectors.meeting_queue(user=self.user).count()
        }

    def detail_context(self, delegation, context, *, member_form=None, programme_form=None, cost_form=None):
        user, can_edit, actions = self.user, context["can_edit"], context["actions"]
        members = selectors.members_of(delegation, user=user)
        personal = self.members_personal(delegation, members)
        kinds_open = [
            kind
            for kind in (CostKind.ESTIMATED, CostKind.ACTUAL)
            if may_write(user=user, record=delegation, part=services.COST_PART[kind])
        ]
        if cost_form is None and kinds_open:
            cost_form = CostForm(initial={"kind": kinds_open[-1] if not can_edit else CostKind.ESTIMATED})
        if cost_form is not None:
            cost_form.fields["kind"].choices = [(kind, CostKind(kind).label) for kind in kinds_open]
        totals = selectors.cost_totals(delegation)
        if can_edit:
            member_form = member_form or MemberForm(user=user, delegation=delegation)
            programme_form = programme_form or ProgrammeItemForm(delegation=delegation)
        return {
            "partners": delegation.partners.order_by("name"),
            "members": members,
            **personal,
            "person_count": selectors.person_count(delegation, members),
            "programme": delegation.programme.all(),
            "costs": delegation.costs.all(),
            "cost_totals": totals,
            "cost_sources": [(FundingSource(key).label, sums) for key, sums in totals["by_source"].items()],
            "cost_kinds_open": kinds_open,
            "warnings": travel_warnings(delegation, user=user),
            "budget_warnings": budget_warnings(delegation),
            "is_officer": context["can_manage"],
            "quick_actions": [a for a in actions if a not in (Action.SUBMIT, Action.FILE_REPORT)],
            "action_labels": {a: Action(a).label for a in actions},
            "member_form": member_form,
            "programme_form": programme_form,
            "cost_form": cost_form,
        }

    def members_personal(self, delegation, members: list) -> dict:
        """Each member's personal data for a grant holder (``member.personal``), masked unless ``?show=1``.

        The members whose data the page shows get one access-log row each, in one query.
        """
        shown = self.request.GET.get("show") == "1"
        for member in members:
            member.personal = revealed(
                user=self.user,
                unit=delegation.owner_unit,
                shown=shown,
                record=member,
                hidden=MEMBER_PERSONAL_FIELDS,
                sensitive=MEMBER_SENSITIVE_FIELDS,
            )
        allowed = bool(members) and members[0].personal is not None
        with_data = [member for member in members if member.personal]
        unmasked = shown and any(row["sensitive"] for member in with_data for row in member.personal)
        log_views(
            user=self.user,
            kind=kind_for(Member),
            people=with_data,
            unit=delegation.owner_unit,
            detail=SENSITIVE_SHOWN if unmasked else "",
        )
        return {
            "members_personal": allowed,
            "members_masked": any(row["masked"] for member in with_data for row in member.personal),
            "members_unmasked": unmasked,
        }


def _editable(request, pk: int) -> Delegation:
    return editable_record(Delegation, request.user, pk, *DelegationViews.related)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Members, programme, costs -------------------------------------------------------------------


def _line_adder(form_name: str, form_class, add, anchor: str, *, needs: tuple[str, ...] = ()):
    """A POST adding a line: back to its place on the page, or the page again with the form's errors.

    A refusal that is not about the input (archived, no longer a draft) is a
    message on the page: the form may not even be shown any more. ``needs``:
    what the form is made with besides the input ("user", "delegation").
    """

    @login_required
    @require_POST
    def view(request, pk: int):
        delegation = _editable(request, pk)
        given = {"user": request.user, "delegation": delegation}
        form = form_class(request.POST, **{name: given[name] for name in needs})
        if form.is_valid():
            try:
                add(delegation=delegation, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    messages.error(request, _error_text(error))
                    return redirect(f"{delegation.get_absolute_url()}#{anchor}")
                add_service_errors(form, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(f"{delegation.get_absolute_url()}#{anchor}")
        return DelegationViews(request).render_detail(delegation, **{form_name: form})

    return view


def _line_remover(model, remove, keyword: str, anchor: str):
    @login_required
    @require_POST
    def view(request, pk: int, line_pk: int):
        delegation = _editable(request, pk)
        line = get_object_or_404(model, pk=line_pk, delegation=delegation)
        try:
            remove(**{keyword: line}, by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        return redirect(f"{delegation.get_absolute_url()}#{anchor}")

    return view


member_add = _line_adder(
    "member_form", MemberForm, services.member_add, "members", needs=("user", "delegation")
)
member_remove = _line_remover(Member, services.member_remove, "member", "members")


@login_required
def member_personal(request, pk: int, line_pk: int):
    """A member's personal data, for a holder of the grant on the delegation's unit who may edit it."""
    delegation = _editable(request, pk)
    member = get_object_or_404(Member, pk=line_pk, delegation=delegation)
    if not may_see_personal(request.user, delegation.owner_unit):
        raise PermissionDenied(
            _("Only a user holding the personal-data permission of this unit may do this.")
        )
    form = MemberPersonalForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in MEMBER_PERSONAL_FIELDS}
        try:
            services.member_personal_update(member=member, by=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(f"{delegation.get_absolute_url()}#members")
    elif request.method != "POST":
        # The form shows the stored values in full: a view of the sensitive fields.
        log_access(user=request.user, person=member, action=AccessAction.VIEW, detail=SENSITIVE_SHOWN)
    context = {"delegation": delegation, "member": member, "form": form}
    return render(request, "delegations/member_personal.html", context)


programme_add = _line_adder(
    "programme_form", ProgrammeItemForm, services.programme_item_add, "programme", needs=("delegation",)
)
programme_remove = _line_remover(ProgrammeItem, services.programme_item_remove, "item", "programme")
cost_add = _line_adder("cost_form", CostForm, services.cost_add, "costs")
cost_remove = _line_remover(Cost, services.cost_remove, "cost", "costs")


# Workflow ------------------------------------------------------------------------------------


@login_required
def delegation_act(request, pk: int, action: str):
    """GET: confirm ``action`` (rule warnings, comment, report); POST: take it."""
    if action not in services.ACTIONS:
        raise Http404
    delegation = visible_record(Delegation, request.user, pk, *DelegationViews.related)
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
        refusal = services.action_refusal(delegation=delegation, action=action)
        if refusal:
            messages.error(request, refusal)
            return redirect(delegation)
        if not may_take(user=request.user, record=delegation, action=action):
            raise PermissionDenied
    deciding = action in (Action.APPROVE, Action.SUBMIT, Action.RETURN, Action.REJECT)
    context = {
        "delegation": delegation,
        "action": action,
        "action_label": Action(action).label,
        "form": form,
        "warnings": travel_warnings(delegation, user=request.user) if deciding else [],
        "budget_warnings": budget_warnings(delegation) if deciding else [],
        "comment_required": action in COMMENT_REQUIRED,
    }
    return render(request, "delegations/delegation_act.html", context)


QUEUE_PAGE = 25  # rows of each kind per page of the leaders' queue


@login_required
def queue(request):
    # Each kind pages on its own (?delegations=2, ?meetings=2), without counting the queue.
    delegations = short_page(
        request, selectors.delegation_queue(user=request.user), per_page=QUEUE_PAGE, param="delegations"
    )
    meetings = short_page(
        request, selectors.meeting_queue(user=request.user), per_page=QUEUE_PAGE, param="meetings"
    )
    for meeting in meetings:
        try:
            meeting.url = meeting.get_absolute_url()
        except NoReverseMatch:  # the meetings pages are not there yet
            meeting.url = ""
    return render(request, "delegations/queue.html", {"delegations": delegations, "meetings": meetings})
