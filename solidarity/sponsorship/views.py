"""Sponsorship projects: the kind declared on the record kit, and the small forms of its page
(money received, reports to the donor, linked activities)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import Role, units_visible_to
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import add_service_errors
from solidarity.core.views import OPTIONS_LIMIT, _search_term, render_options
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.records.base import may_write
from solidarity.records.kit import RecordViews, editable_record
from solidarity.support.filters import SupportFilter
from solidarity.support.models import Support

from . import selectors, services
from .filters import ProjectFilter
from .forms import (
    DisbursementForm,
    DisbursementReverseForm,
    DonorReportForm,
    LinkForm,
    ProjectForm,
    ReportSubmittedForm,
)
from .models import Disbursement, DonorReport, Project


class ProjectViews(RecordViews):
    model = Project
    services, selectors = services, selectors
    related = ("owner_unit", "donor", "partner")
    filterset = ProjectFilter
    form_class = ProjectForm
    ordering = ("-start_on", "-pk")
    create_refusal = gettext_lazy("You do not record projects for any unit.")
    archived_message = gettext_lazy("Project archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Project restored.")

    def list_context(self, filterset):
        # Summed only below the list's count cap (see _list_results.html), like support's totals.
        start, end = filterset.received_range() if filterset.is_valid() else (None, None)
        return {
            "received": SimpleLazyObject(lambda: {"total": filterset.received_total()}),
            "received_range": (start, end) if start or end else None,
            "breakdown": self.received_breakdown(filterset, start, end),
        }

    def received_breakdown(self, filterset, start, end):
        """The level's money by donor, country and child unit, from the figures: the unit filtered on,
        else the user's own (the highest they see without one); over the range filtered on, else all."""
        unit = filterset.form.cleaned_data.get("unit") if filterset.is_valid() else None
        if unit is None:
            units = units_visible_to(self.user)
            own = default_unit_for(self.user, min_role=Role.VIEWER)
            unit = (units.filter(pk=own).first() if own else None) or units.order_by("path").first()
        if unit is None:
            return None
        return selectors.received_breakdown(unit=unit, start=start, end=end)

    def detail_context(self, project, context, **extra):
        writable = may_write(user=self.user, record=project)
        context = {
            "disbursements": list(project.disbursements.select_related("reverses", "reversal")),
            "donor_reports": list(project.donor_reports.all()),
            "meetings": project.meetings.visible_to(self.user).order_by("-start_on"),
            "delegations": project.delegations.visible_to(self.user).order_by("-start_on"),
            "support_records": project.support_records.visible_to(self.user)
            .select_related("partner")
            .order_by("-given_on"),
            "writable": writable,
        }
        if writable:
            context |= {
                "money_form": extra.get("money_form") or DisbursementForm(project=project),
                "report_form": extra.get("report_form") or DonorReportForm(),
                "link_form": extra.get("link_form") or LinkForm(user=self.user),
                "submitted_form": ReportSubmittedForm(),
                "reverse_form": DisbursementReverseForm(initial={"received_on": timezone.localdate()}),
            }
        return context

    def success_message(self, project, *, created):
        if created:
            return _("Project recorded: %(title)s.") % {"title": project.title}
        return _("Changes saved.")


def _project(request, pk: int) -> Project:
    return editable_record(Project, request.user, pk, "owner_unit", "donor", "partner")


def _saved(request, shown: Project, form_name: str, form, service, message: str, /, **kwargs):
    """Call ``service``; on its refusal, the project's page again with ``form`` and the errors."""
    try:
        service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return ProjectViews(request).render_detail(shown, status=400, **{form_name: form})
    messages.success(request, message)
    return redirect(shown)


@login_required
@require_POST
def disbursement_add(request, pk: int):
    project = _project(request, pk)
    form = DisbursementForm(request.POST, project=project)
    if not form.is_valid():
        return ProjectViews(request).render_detail(project, status=400, money_form=form)
    data = form.cleaned_data
    return _saved(
        request, project, "money_form", form, services.disbursement_add,
        _("Money received recorded."),
        project=project, by=request.user, received_on=data["received_on"], amount=data["amount"],
        currency=data["currency"], rate=data["rate"], note=data["note"],
    )  # fmt: skip


@login_required
@require_POST
def disbursement_reverse(request, pk: int, line: int):
    project = _project(request, pk)
    disbursement = get_object_or_404(Disbursement, pk=line, project=project)
    form = DisbursementReverseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the date of the reversal as dd/mm/yyyy and say why."))
        services.disbursement_reverse(
            disbursement=disbursement,
            by=request.user,
            reason=form.cleaned_data["note"],
            on=form.cleaned_data["received_on"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Money received reversed; both lines stay on the project."))
    return redirect(project)


@login_required
@require_POST
def report_add(request, pk: int):
    project = _project(request, pk)
    form = DonorReportForm(request.POST)
    if not form.is_valid():
        return ProjectViews(request).render_detail(project, status=400, report_form=form)
    return _saved(
        request, project, "report_form", form, services.donor_report_add, _("Report deadline added."),
        project=project, by=request.user, **form.cleaned_data,
    )  # fmt: skip


@login_required
@require_POST
def report_submitted(request, pk: int, line: int):
    project = _project(request, pk)
    report = get_object_or_404(DonorReport, pk=line, project=project)
    form = ReportSubmittedForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the date the report was sent to the donor, as dd/mm/yyyy."))
        services.donor_report_submit(
            report=report, by=request.user, submitted_on=form.cleaned_data["submitted_on"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Report marked as submitted."))
    return redirect(project)


@login_required
@require_POST
def report_remove(request, pk: int, line: int):
    project = _project(request, pk)
    report = get_object_or_404(DonorReport, pk=line, project=project)
    try:
        services.donor_report_remove(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Report deadline removed."))
    return redirect(project)


@login_required
@require_POST
def link_add(request, pk: int):
    project = _project(request, pk)
    form = LinkForm(request.POST, user=request.user)
    if not form.is_valid():
        return ProjectViews(request).render_detail(project, status=400, link_form=form)
    return _saved(
        request, project, "link_form", form, services.project_link, _("Activity linked."),
        project=project, by=request.user, record=form.cleaned_data["record"],
    )  # fmt: skip


LINKED = {"meeting": Meeting, "delegation": Delegation, "support": Support}


@login_required
@require_POST
def link_remove(request, pk: int, kind: str, record_pk: int):
    project = _project(request, pk)
    model = LINKED.get(kind)
    if model is None:
        return redirect(project)
    # Only what the project links: a level below unlinks what it sees of it.
    record = get_object_or_404(getattr(project, services.LINKS[kind]).all(), pk=record_pk)
    try:
        services.project_unlink(project=project, by=request.user, record=record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Activity unlinked."))
    return redirect(project)


@login_required
def support_options(request):
    """<option>s of the support records the user sees, by counterpart name or description."""
    # The support list's own search (indexed): counterpart, items, description.
    records = SupportFilter(
        {"q": _search_term(request)}, queryset=Support.objects.visible_to(request.user), user=request.user
    ).qs.select_related("partner")
    found = list(records.order_by("-given_on", "-pk")[: OPTIONS_LIMIT + 1])
    return render_options(request, [(support.pk, str(support)) for support in found])
