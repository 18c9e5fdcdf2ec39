"""Pages of the unit administrators' privacy duties: the access log, the breach log, retention.

Administrators (of a unit, for it and the units below it) and superusers
only; others get 403, a breach outside their scope does not exist (404).
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import breaches, log_page, retention
from .admin_forms import BreachForm, RetentionForm
from .registry import kind_by_key


def _require_admin(request) -> None:
    if not log_page.may_read_log(request.user):
        raise PermissionDenied


def _requests_url() -> str:
    # The data subjects' requests queue lives with the consent and erasure pages.
    try:
        return reverse("privacy:request_list")
    except NoReverseMatch:
        return "/privacy/requests/"


@login_required
def index(request):
    _require_admin(request)
    return render(
        request,
        "privacy/admin/index.html",
        {
            "requests_url": _requests_url(),
            "open_breaches": breaches.open_breaches_for(request.user),
            "may_set_retention": retention.may_set_retention(request.user),
        },
    )


# --- the access log ---------------------------------------------------------------------------------


@login_required
def access_log(request):
    _require_admin(request)
    form = log_page.LogFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = log_page.log_queryset(request.user, data)
    if request.GET.get("format") == "csv":
        return _log_csv(rows)
    page = log_page.log_page(rows, request.GET.get("after"))
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "privacy/admin/log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "first_page": "after" in request.GET,
        },
    )


class _Echo:
    def write(self, value):
        return value


def _log_csv(rows):
    """Every line the filters keep, streamed (no personal value is in the log to leak)."""
    writer = csv.writer(_Echo())
    actions = dict(log_page.AccessAction.choices)

    def lines():
        yield "\ufeff"
        yield writer.writerow(
            [_("When"), _("Who"), _("Action"), _("Kind"), _("Unit"), _("Person (no.)"), _("Detail")]
        )
        for row in rows.select_related("user", "unit", "content_type").iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    timezone.localtime(row.at).strftime("%d/%m/%Y %H:%M:%S"),
                    row.user.username if row.user_id else _("the system"),
                    str(actions.get(row.action, row.action)),
                    row.content_type.name,
                    row.unit.code,
                    row.object_id or "",
                    row.detail,
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nhat-ky-truy-cap.csv"'
    return response


# --- breaches ---------------------------------------------------------------------------------------


def _with_countdown(rows, now):
    for breach in rows:
        breach.countdown = breaches.countdown(breach, now)
    return rows


@login_required
def breach_list(request):
    _require_admin(request)
    now = timezone.now()
    rows = breaches.breaches_for(request.user).select_related("unit").order_by("-discovered_at", "-pk")
    from solidarity.core.pages import short_page

    page = short_page(request, rows, per_page=25)
    _with_countdown(page.rows, now)
    return render(request, "privacy/admin/breach_list.html", {"page": page})


def _save_breach(request, form, breach=None):
    values = {name: form.cleaned_data.get(name) for name in breaches.BREACH_FIELDS}
    try:
        if breach is None:
            return breaches.breach_create(by=request.user, unit=form.cleaned_data["unit"], **values)
        return breaches.breach_update(by=request.user, breach=breach, **values)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
    return None


@login_required
def breach_create(request):
    _require_admin(request)
    form = BreachForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save_breach(request, form)
        if saved is not None:
            messages.success(request, _("The breach was recorded."))
            return redirect("privacy_admin:breach_edit", pk=saved.pk)
    return render(request, "privacy/admin/breach_form.html", {"form": form})


@login_required
def breach_edit(request, pk: int):
    _require_admin(request)
    breach = get_object_or_404(
        breaches.breaches_for(request.user).select_related("unit", "recorded_by"), pk=pk
    )
    form = BreachForm(request.POST or None, instance=breach, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save_breach(request, form, breach)
        if saved is not None:
            messages.success(request, _("Changes saved."))
            return redirect("privacy_admin:breach_edit", pk=saved.pk)
    breach.refresh_from_db()
    breach.countdown = breaches.countdown(breach)
    return render(request, "privacy/admin/breach_form.html", {"form": form, "breach": breach})


# --- retention --------------------------------------------------------------------------------------


@login_required
def retention_page(request):
    _require_admin(request)
    editable = retention.may_set_retention(request.user)
    table = retention.retention_table()
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        kind = kind_by_key(request.POST.get("kind", ""))
        form = RetentionForm(request.POST)
        if kind is None:
            messages.error(request, _("Unknown kind of data."))
        elif form.is_valid():
            try:
                retention.retention_set(
                    by=request.user, kind_key=kind.key, months=form.cleaned_data["months"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Retention period of %(kind)s saved.") % {"kind": kind.label})
                return redirect("privacy_admin:retention")
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    rows = [(entry, RetentionForm(initial={"months": entry.months}, prefix=None)) for entry in table]
    preview = None
    if editable and request.GET.get("preview"):
        preview = retention.retention_erase_due(dry_run=True)
    return render(
        request,
        "privacy/admin/retention.html",
        {"rows": rows, "editable": editable, "preview": preview},
    )


@login_required
@require_POST
def retention_run(request):
    _require_admin(request)
    if not retention.may_set_retention(request.user):
        raise PermissionDenied
    from solidarity.jobs.services import job_start

    job = job_start(
        owner=request.user, kind=retention.JOB_KIND, title=_("Erase personal data past its retention period")
    )
    return redirect(job.get_absolute_url())
