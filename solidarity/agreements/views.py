"""Agreements and commitments: two kinds declared on the record kit, and the agreement's own parts
(signing steps, phases, commitments added under it, a commitment's status)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.core.pages import short_page
from solidarity.core.views import refuse_if_archived
from solidarity.records.base import EditConflict, require_edit
from solidarity.records.kit import RecordViews, editable_record, service_saved, visible_record
from solidarity.records.timeline import record_timeline, timeline_cursor

from . import selectors, services
from .filters import AgreementFilter, CommitmentFilter
from .forms import AgreementForm, CommitmentForm, CommitmentStatusForm, PhaseForm, SigningStepForm
from .models import Agreement, Commitment, Phase, SigningStep

LINES_PER_PAGE = 25  # an agreement's commitments, a page at a time


class AgreementViews(RecordViews):
    model = Agreement
    services, selectors = services, selectors
    filterset = AgreementFilter
    ordering = ("-signed_on", "-pk")
    partial_template = "agreements/_agreement_results.html"
    form_class = AgreementForm
    created_message = gettext_lazy("Agreement recorded.")
    conflict_status = 200  # as these pages have always answered a conflict
    archived_message = gettext_lazy("Agreement archived. It can be restored from its page.")
    restored_message = gettext_lazy("Agreement restored.")

    def detail_context(self, agreement, context, **extra):
        commitments = agreement.commitments.visible_to(self.user).active()
        return {
            "partners": agreement.partners.order_by("name"),
            "phases": agreement.phases.all(),
            "steps": selectors.signing_steps_of(agreement),
            "commitments": short_page(
                self.request,
                commitments.select_related("responsible_unit", "phase").order_by("due_on", "due_year", "pk"),
                per_page=LINES_PER_PAGE,
                param="commitments",
            ),
            "timeline": record_timeline(about=agreement, user=self.user, after=timeline_cursor(self.request)),
            # This page's names: "can_edit" is the role, "can_change" the role on a current record.
            "can_edit": context["can_manage"],
            "can_change": context["can_edit"],
        }


class CommitmentViews(RecordViews):
    model = Commitment
    services, selectors = services, selectors
    related = ("owner_unit", "agreement", "phase", "responsible_unit", "meeting")
    filterset = CommitmentFilter
    ordering = ("due_on", "due_year", "pk")
    partial_template = "agreements/_commitment_results.html"
    files = False
    conflict_status = 200
    archived_message = gettext_lazy("Commitment archived. It can be restored from its page.")
    restored_message = gettext_lazy("Commitment restored.")

    def list_context(self, filterset):
        valid = filterset.is_bound and filterset.is_valid()
        return {"chosen_agreement": filterset.form.cleaned_data.get("agreement") if valid else None}

    def parents(self, commitment):
        return (commitment.agreement, commitment.meeting)

    def detail_context(self, commitment, context, **extra):
        parents_archived = any(p is not None and p.is_archived for p in self.parents(commitment))
        status_form = None
        if context["can_manage"] and not parents_archived:
            initial = {
                "status": commitment.status,
                "done_on": commitment.done_on,
                "version": commitment.version,
            }
            status_form = CommitmentStatusForm(initial=initial)
        return {
            "can_edit": context["can_manage"],
            "parents_archived": parents_archived,
            "status_form": status_form,
        }

    def get_forms(self, data, commitment):
        return {
            "form": CommitmentForm(data, instance=commitment, user=self.user, agreement=commitment.agreement)
        }

    def form_context(self, commitment):
        return {"agreement": commitment.agreement}


# -- what hangs on an agreement -----------------------------------------------


@login_required
def signing_step_edit(request, pk: int):
    steps = SigningStep.objects.filter(agreement__in=Agreement.objects.visible_to(request.user))
    step = get_object_or_404(steps.select_related("agreement__owner_unit"), pk=pk)
    require_edit(user=request.user, record=step.agreement)
    if refusal := refuse_if_archived(request, step.agreement):
        return refusal
    form = SigningStepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = services.signing_step_record
        kwargs = {"step": step, "by": request.user, "done_on": data["done_on"], "note": data["note"]}
        if service_saved(request, form, _("Step recorded."), record, **kwargs):
            return redirect(step.agreement)
    context = {"form": form, "step": step, "agreement": step.agreement}
    return render(request, "agreements/step_form.html", context)


@login_required
def phase_edit(request, pk: int, phase_pk: int | None = None):
    agreement = editable_record(Agreement, request.user, pk, "owner_unit")
    if refusal := refuse_if_archived(request, agreement):
        return refusal
    phase = get_object_or_404(Phase, pk=phase_pk, agreement=agreement) if phase_pk else None
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        kwargs = {"agreement": agreement, "by": request.user, "phase": phase, **form.cleaned_data}
        if service_saved(request, form, _("Phase saved."), services.phase_save, **kwargs):
            return redirect(agreement)
    context = {"form": form, "agreement": agreement, "phase": phase}
    return render(request, "agreements/phase_form.html", context)


@login_required
@require_POST
def phase_delete(request, pk: int, phase_pk: int):
    agreement = editable_record(Agreement, request.user, pk, "owner_unit")
    phase = get_object_or_404(Phase, pk=phase_pk, agreement=agreement)
    try:
        services.phase_delete(phase=phase, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Phase removed."))
    return redirect(agreement)


@login_required
def commitment_create(request, pk: int):
    """A new commitment is made under its agreement, and shown there."""
    agreement = editable_record(Agreement, request.user, pk, "owner_unit")
    if refusal := refuse_if_archived(request, agreement):
        return refusal
    initial = {"phase": request.GET.get("phase"), "responsible_unit": agreement.owner_unit_id}
    form = CommitmentForm(request.POST or None, user=request.user, agreement=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        kwargs = {"by": request.user, "agreement": agreement, **form.service_fields()}
        if service_saved(request, form, _("Commitment added."), services.commitment_create, **kwargs):
            return redirect(agreement)
    return render(request, "agreements/commitment_form.html", {"form": form, "agreement": agreement})


@login_required
@require_POST
def commitment_status(request, pk: int):
    commitment = visible_record(Commitment, request.user, pk, *CommitmentViews.related)
    require_edit(user=request.user, record=commitment)
    form = CommitmentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status and a valid date."))
        return redirect(commitment)
    data = form.cleaned_data
    try:
        services.commitment_set_status(
            commitment=commitment,
            by=request.user,
            expected_version=data["version"],
            status=data["status"],
            done_on=data["done_on"],
        )
    except EditConflict:
        messages.error(request, _("Someone else changed this commitment meanwhile. Check it and try again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status changed."))
    return redirect(commitment)
