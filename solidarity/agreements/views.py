from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import Role, has_role_on, units_for_officer
from solidarity.core.forms import add_service_errors
from solidarity.core.history import record_history
from solidarity.core.views import paginate, refuse_if_archived
from solidarity.records.attachments import attachments_of
from solidarity.records.base import EditConflict
from solidarity.records.timeline import record_timeline, timeline_limit

from . import selectors, services
from .filters import AgreementFilter, CommitmentFilter
from .forms import AgreementForm, CommitmentForm, CommitmentStatusForm, PhaseForm, SigningStepForm
from .models import Agreement, Commitment, Phase, SigningStep


def _can_edit(user, record) -> bool:
    return has_role_on(user, record.owner_unit, Role.OFFICER)


def _require_edit(user, record) -> None:
    if not _can_edit(user, record):
        raise PermissionDenied


def _rebind_with_version(form_class, request, version: int, **kwargs):
    """The user's input again, on top of the version now stored."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


# -- agreements ---------------------------------------------------------------


@login_required
def agreement_list(request):
    filterset = AgreementFilter(
        request.GET, queryset=selectors.agreement_list(user=request.user), request=request, user=request.user
    )
    agreements = filterset.qs
    if not request.GET.get("ordering"):
        agreements = agreements.order_by("-signed_on", "-pk")
    page_obj = paginate(request, agreements)
    template = "agreements/_agreement_results.html" if request.htmx else "agreements/agreement_list.html"
    return render(
        request,
        template,
        {"filter": filterset, "page_obj": page_obj, "can_create": units_for_officer(request.user).exists()},
    )


def _visible_agreement(request, pk: int) -> Agreement:
    return get_object_or_404(Agreement.objects.visible_to(request.user).select_related("owner_unit"), pk=pk)


@login_required
def agreement_detail(request, pk: int):
    agreement = _visible_agreement(request, pk)
    steps = selectors.signing_steps_of(agreement)
    commitments = (
        agreement.commitments.visible_to(request.user)
        .active()
        .select_related("responsible_unit", "phase")
        .order_by("due_on", "due_year", "pk")
    )
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "partners": agreement.partners.order_by("name"),
            "phases": agreement.phases.all(),
            "steps": steps,
            "commitments": commitments,
            "timeline": record_timeline(about=agreement, user=request.user, limit=timeline_limit(request)),
            "attachments": attachments_of(agreement),
            "history": record_history(record=agreement),
            "can_edit": _can_edit(request.user, agreement),
            "can_change": _can_edit(request.user, agreement) and not agreement.is_archived,
        },
    )


@login_required
def agreement_create(request):
    if not units_for_officer(request.user).exists():
        raise PermissionDenied
    form = AgreementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            agreement = services.agreement_create(
                by=request.user,
                owner_unit=fields.pop("owner_unit"),
                partners=fields.pop("partners"),
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Agreement recorded."))
            return redirect(agreement)
    return render(request, "agreements/agreement_form.html", {"form": form, "creating": True})


@login_required
def agreement_edit(request, pk: int):
    agreement = _visible_agreement(request, pk)
    _require_edit(request.user, agreement)
    if refusal := refuse_if_archived(request, agreement):
        return refusal
    form = AgreementForm(request.POST or None, instance=agreement, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            agreement = services.agreement_update(
                agreement=agreement,
                by=request.user,
                expected_version=form.expected_version(),
                partners=fields.pop("partners"),
                **fields,
            )
        except EditConflict as error:
            conflict = error
            form = _rebind_with_version(
                AgreementForm, request, error.current.version, instance=error.current, user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(agreement)
    return render(
        request,
        "agreements/agreement_form.html",
        {"form": form, "agreement": agreement, "conflict": conflict},
    )


@login_required
@require_POST
def agreement_archive(request, pk: int):
    agreement = _visible_agreement(request, pk)
    _require_edit(request.user, agreement)
    if request.POST.get("restore") == "1":
        services.agreement_restore(agreement=agreement, by=request.user)
        messages.success(request, _("Agreement restored."))
    else:
        services.agreement_archive(agreement=agreement, by=request.user)
        messages.success(request, _("Agreement archived. It can be restored from its page."))
    return redirect(agreement)


# -- signing steps and phases -------------------------------------------------


@login_required
def signing_step_edit(request, pk: int):
    step = get_object_or_404(
        SigningStep.objects.filter(agreement__in=Agreement.objects.visible_to(request.user)).select_related(
            "agreement__owner_unit"
        ),
        pk=pk,
    )
    _require_edit(request.user, step.agreement)
    if refusal := refuse_if_archived(request, step.agreement):
        return refusal
    form = SigningStepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        try:
            services.signing_step_record(
                step=step,
                by=request.user,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Step recorded."))
            return redirect(step.agreement)
    return render(
        request, "agreements/step_form.html", {"form": form, "step": step, "agreement": step.agreement}
    )


@login_required
def phase_edit(request, pk: int, phase_pk: int | None = None):
    agreement = _visible_agreement(request, pk)
    _require_edit(request.user, agreement)
    if refusal := refuse_if_archived(request, agreement):
        return refusal
    phase = get_object_or_404(Phase, pk=phase_pk, agreement=agreement) if phase_pk else None
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_save(agreement=agreement, by=request.user, phase=phase, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Phase saved."))
            return redirect(agreement)
    return render(
        request, "agreements/phase_form.html", {"form": form, "agreement": agreement, "phase": phase}
    )


@login_required
@require_POST
def phase_delete(request, pk: int, phase_pk: int):
    agreement = _visible_agreement(request, pk)
    _require_edit(request.user, agreement)
    phase = get_object_or_404(Phase, pk=phase_pk, agreement=agreement)
    try:
        services.phase_delete(phase=phase, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Phase removed."))
    return redirect(agreement)


# -- commitments --------------------------------------------------------------


@login_required
def commitment_list(request):
    filterset = CommitmentFilter(
        request.GET, queryset=selectors.commitment_list(user=request.user), request=request, user=request.user
    )
    commitments = filterset.qs
    if not request.GET.get("ordering"):
        commitments = commitments.order_by("due_on", "due_year", "pk")
    page_obj = paginate(request, commitments)
    template = "agreements/_commitment_results.html" if request.htmx else "agreements/commitment_list.html"
    chosen = (
        filterset.form.cleaned_data.get("agreement") if filterset.is_bound and filterset.is_valid() else None
    )
    return render(request, template, {"filter": filterset, "page_obj": page_obj, "chosen_agreement": chosen})


def _visible_commitment(request, pk: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.visible_to(request.user).select_related(
            "owner_unit", "agreement", "phase", "responsible_unit", "meeting"
        ),
        pk=pk,
    )


@login_required
def commitment_detail(request, pk: int):
    commitment = _visible_commitment(request, pk)
    can_edit = _can_edit(request.user, commitment)
    parents_archived = any(
        p is not None and p.is_archived for p in (commitment.agreement, commitment.meeting)
    )
    return render(
        request,
        "agreements/commitment_detail.html",
        {
            "commitment": commitment,
            "history": record_history(record=commitment),
            "can_edit": can_edit,
            "parents_archived": parents_archived,
            "status_form": CommitmentStatusForm(
                initial={
                    "status": commitment.status,
                    "done_on": commitment.done_on,
                    "version": commitment.version,
                }
            )
            if can_edit and not parents_archived
            else None,
        },
    )


@login_required
def commitment_create(request, pk: int):
    agreement = _visible_agreement(request, pk)
    _require_edit(request.user, agreement)
    if refusal := refuse_if_archived(request, agreement):
        return refusal
    initial = {"phase": request.GET.get("phase"), "responsible_unit": agreement.owner_unit_id}
    form = CommitmentForm(request.POST or None, user=request.user, agreement=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_create(by=request.user, agreement=agreement, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Commitment added."))
            return redirect(agreement)
    return render(request, "agreements/commitment_form.html", {"form": form, "agreement": agreement})


@login_required
def commitment_edit(request, pk: int):
    commitment = _visible_commitment(request, pk)
    _require_edit(request.user, commitment)
    if refusal := refuse_if_archived(request, commitment, commitment.agreement, commitment.meeting):
        return refusal
    kwargs = {"user": request.user, "agreement": commitment.agreement}
    form = CommitmentForm(request.POST or None, instance=commitment, **kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.commitment_update(
                commitment=commitment,
                by=request.user,
                expected_version=form.expected_version(),
                **form.service_fields(),
            )
        except EditConflict as error:
            conflict = error
            form = _rebind_with_version(
                CommitmentForm, request, error.current.version, instance=error.current, **kwargs
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(commitment)
    return render(
        request,
        "agreements/commitment_form.html",
        {"form": form, "agreement": commitment.agreement, "commitment": commitment, "conflict": conflict},
    )


@login_required
@require_POST
def commitment_status(request, pk: int):
    commitment = _visible_commitment(request, pk)
    _require_edit(request.user, commitment)
    form = CommitmentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status and a valid date."))
        return redirect(commitment)
    try:
        services.commitment_set_status(
            commitment=commitment,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            done_on=form.cleaned_data["done_on"],
        )
    except EditConflict:
        messages.error(request, _("Someone else changed this commitment meanwhile. Check it and try again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status changed."))
    return redirect(commitment)


@login_required
@require_POST
def commitment_archive(request, pk: int):
    commitment = _visible_commitment(request, pk)
    _require_edit(request.user, commitment)
    if request.POST.get("restore") == "1":
        services.commitment_restore(commitment=commitment, by=request.user)
        messages.success(request, _("Commitment restored."))
    else:
        services.commitment_archive(commitment=commitment, by=request.user)
        messages.success(request, _("Commitment archived. It can be restored from its page."))
    return redirect(commitment)
