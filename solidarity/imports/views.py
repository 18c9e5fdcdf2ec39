"""Import pages: templates and upload, a batch's preview (its dry run), confirm, undo; services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import units_for_officer
from solidarity.jobs.services import job_progress

from . import services
from .forms import UploadForm
from .kinds import IMPORTERS
from .models import BatchState, ImportBatch
from .workbooks import template_csv, template_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_officer(user) -> None:
    if not units_for_officer(user).exists():
        raise PermissionDenied


def _batch(request, pk: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.owner_id != request.user.pk and not services.can_undo(batch=batch, user=request.user):
        raise Http404  # someone else's file may hold what this user may not see
    return batch


@login_required
def import_index(request):
    _require_officer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_upload(
                by=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            return redirect(batch)
    kinds = [(name, importer) for name, importer in IMPORTERS.items()]
    return render(
        request,
        "imports/import_index.html",
        {"form": form, "kinds": kinds, "batches": services.batches_of(request.user)},
    )


@login_required
def import_template(request, kind: str, file_format: str):
    _require_officer(request.user)
    if kind not in IMPORTERS or file_format not in ("xlsx", "csv"):
        raise Http404
    sheet = IMPORTERS[kind].sheet
    name = f"{_('template')}-{sheet.title}".replace(" ", "-")
    if file_format == "csv":
        response = HttpResponse(template_csv(sheet), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(template_xlsx(sheet), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}.{file_format}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def batch_detail(request, pk: int):
    batch = _batch(request, pk)
    importer = IMPORTERS.get(batch.kind)
    rows_with_errors = len({(e["sheet"], e["row"]) for e in batch.errors})
    checking = batch.state == BatchState.CHECKING and batch.job is not None
    done, total = job_progress(batch.job) if checking else (0, None)
    return render(
        request,
        "imports/batch_detail.html",
        {
            "batch": batch,
            "importer": importer,
            "rows_with_errors": rows_with_errors,
            "can_undo": services.can_undo(batch=batch, user=request.user),
            "is_owner": batch.owner_id == request.user.pk,
            "interrupted": batch.is_interrupted,
            # A large file's dry run is a job: its status card (which polls itself) stands in for the preview.
            "checking": checking,
            "job": batch.job,
            "done": done,
            "total": total,
            "stalled": checking and batch.job.is_stalled(),
            "matches": [{**m, "decision": batch.decisions.get(str(m["key"]), "")} for m in batch.matches],
        },
    )


@login_required
@require_POST
def batch_decide(request, pk: int):
    batch = _batch(request, pk)
    decisions = {
        key[len("match-") :]: value for key, value in request.POST.items() if key.startswith("match-")
    }
    try:
        services.import_decide(batch=batch, by=request.user, decisions=decisions)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(batch)


@login_required
@require_POST
def batch_check_again(request, pk: int):
    batch = _batch(request, pk)
    try:
        services.import_check_again(batch=batch, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(batch)


@login_required
@require_POST
def batch_confirm(request, pk: int):
    batch = _batch(request, pk)
    try:
        job = services.import_confirm(batch=batch, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(batch)
    return redirect(job)


@login_required
@require_POST
def batch_undo(request, pk: int):
    batch = _batch(request, pk)
    try:
        count = services.import_undo(batch=batch, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Undone: %(count)s records archived.") % {"count": count})
    return redirect(batch)
