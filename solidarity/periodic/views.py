"""Pages of period reports: thin; reads through selectors, writes through services, all scoped."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import may_edit
from solidarity.core.choices import Action
from solidarity.core.forms import add_service_errors
from solidarity.core.views import paginate
from solidarity.records.base import EditConflict, history_for
from solidarity.records.kit import editable_record, visible_record
from solidarity.records.workflow import available_actions, frozen_reason, workflow_events

from . import selectors, services
from .choices import PeriodKind, ReportingStatus, ReportState
from .forms import ActionForm, PeriodicReportForm
from .models import PeriodicReport

ACTION_LABELS = {
    Action.SUBMIT: gettext_lazy("Submit to the level above"),
    Action.WITHDRAW: pgettext_lazy("period report", "Withdraw"),
    Action.RETURN: pgettext_lazy("period report", "Return for changes"),
    Action.APPROVE: pgettext_lazy("period report", "Accept"),
}


def _my_units(user):
    return [
        m.unit for m in Membership.objects.filter(user=user).select_related("unit").order_by("unit__path")
    ]


@login_required
def report_list(request):
    units = _my_units(request.user)
    today = timezone.localdate()
    reports = selectors.reports_of(user=request.user, units=units)
    page = paginate(request, reports)
    existing = {(r.owner_unit_id, r.kind, r.year): r for r in page}
    to_prepare = []
    for unit in units:
        if unit.depth == 1 or not may_edit(request.user, unit) or not unit.is_in_force():
            continue
        for kind, year in selectors.latest_periods(today):
            report = existing.get((unit.pk, kind, year)) or (
                PeriodicReport.objects.active().filter(owner_unit=unit, kind=kind, year=year).first()
            )
            to_prepare.append(
                {
                    "unit": unit,
                    "kind": kind,
                    "year": year,
                    "label": selectors.period_of(kind, year).label(),
                    "report": report,
                }
            )
    return render(
        request,
        "periodic/report_list.html",
        {"page": page, "to_prepare": to_prepare, "units": units, "section": "periodic"},
    )


@login_required
@require_POST
def report_prepare(request):
    unit = selectors.visible_unit(user=request.user, pk=request.POST.get("unit"))
    year = selectors.as_year(request.POST.get("year"))
    if unit is None or year is None:
        raise Http404
    try:
        report = services.periodic_prepare(
            by=request.user,
            unit=unit,
            kind=request.POST.get("kind", ""),
            year=year,
        )
    except ValidationError as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("periodic:list")
    return redirect("periodic:edit", report.pk)


def _live_report(user, report):
    """The figures of the report's period, computed now (None while reports.selectors is not there)."""
    return selectors.live_report(user=user, unit=report.owner_unit, period=report.period())


def _shown_report(user, report):
    """What the figures on the page are: frozen when sent (never changed by later edits), else live."""
    from solidarity.reports.report import Report

    if report.figures and report.state != ReportState.DRAFT:
        return Report.from_data(report.figures), True
    return _live_report(user, report), False


def _frozen_reason(report) -> str:
    if report.state == ReportState.ACCEPTED:
        return _("Accepted by %(unit)s: the report is kept as it was sent.") % {
            "unit": report.approver_unit()
        }
    return frozen_reason(report)


@login_required
def report_detail(request, pk: int):
    report = visible_record(PeriodicReport, request.user, pk, "owner_unit")
    figures, frozen = _shown_report(request.user, report)
    actions = [a for a in available_actions(user=request.user, record=report) if a in services.ACTIONS]
    if report.state != ReportState.SUBMITTED and Action.WITHDRAW in actions:
        actions.remove(Action.WITHDRAW)
    period = report.period()
    return render(
        request,
        "periodic/report_detail.html",
        {
            "report": report,
            "figures": figures,
            "frozen": frozen,
            "actions": actions,
            "action_labels": {a: ACTION_LABELS[a] for a in actions},
            "events": workflow_events(report).order_by("at", "pk"),
            "history": history_for(record=report, user=request.user),
            "frozen_reason": _frozen_reason(report),
            "can_edit": report.state in (ReportState.DRAFT, ReportState.RETURNED)
            and may_edit(request.user, report.owner_unit)
            and not report.is_archived,
            "status": (status := selectors.status_of(report, period=period, today=timezone.localdate())),
            "status_label": ReportingStatus(status).label,
            "texts": [
                (PeriodicReport._meta.get_field(name).verbose_name.capitalize(), getattr(report, name))
                for name in services.TEXT_FIELDS
            ],
            "due": selectors.due_date(period),
            "approver": report.approver_unit(),
            "section": "periodic",
        },
    )


@login_required
def report_edit(request, pk: int):
    report = editable_record(PeriodicReport, request.user, pk, "owner_unit")
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED) or report.is_archived:
        messages.error(request, _frozen_reason(report) or _("This report can no longer change."))
        return redirect(report)
    form = PeriodicReportForm(request.POST or None, instance=PeriodicReport.objects.get(pk=report.pk))
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.EDIT_FIELDS}
        try:
            services.periodic_update(
                report=report, by=request.user, expected_version=form.cleaned_data["version"], **fields
            )
        except EditConflict as error:
            conflict = error
            form.data = form.data.copy()
            form.data["version"] = error.current.version
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The report was saved."))
            if request.POST.get("then") == "submit":
                return redirect(report)
            return redirect("periodic:edit", report.pk)
    return render(
        request,
        "periodic/report_form.html",
        {
            "report": report,
            "form": form,
            "conflict": conflict,
            "figures": _live_report(request.user, report),
            "children": selectors.children_texts(report=report, user=request.user),
            "section": "periodic",
        },
    )


@login_required
@require_POST
def report_quote(request, pk: int):
    report = editable_record(PeriodicReport, request.user, pk, "owner_unit")
    source_id = selectors.as_id(request.POST.get("source"))
    if source_id is None:
        raise Http404
    source = visible_record(PeriodicReport, request.user, source_id, "owner_unit")
    try:
        services.periodic_quote(
            report=report, source=source, field=request.POST.get("field", ""), by=request.user
        )
    except (ValidationError, EditConflict) as error:
        messages.error(
            request, " ".join(getattr(error, "messages", [_("Someone else saved the report; try again.")]))
        )
    else:
        messages.success(
            request, _("The text of %(unit)s was added to your report.") % {"unit": source.owner_unit}
        )
    return redirect("periodic:edit", report.pk)


@login_required
def report_act(request, pk: int, action: str):
    if action not in services.ACTIONS:
        raise Http404
    report = visible_record(PeriodicReport, request.user, pk, "owner_unit")
    if request.method != "POST":
        return redirect(report)
    form = ActionForm(request.POST)
    form.is_valid()
    try:
        services.ACTIONS[action](report=report, by=request.user, comment=form.cleaned_data.get("comment", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": str(ACTION_LABELS[action]).lower()})
    return redirect(report)


@login_required
def report_docx(request, pk: int):
    from solidarity.reports.docx import official_report

    report = visible_record(PeriodicReport, request.user, pk, "owner_unit")
    figures, _frozen = _shown_report(request.user, report)
    if figures is None:
        raise Http404
    issued = timezone.localdate(report.submitted_at) if report.submitted_at else timezone.localdate()
    content = official_report(
        figures,
        unit=report.owner_unit,
        number=report.number,
        texts=report.texts(),
        signer=report.signer(),
        recipients=report.recipient_list(),
        issued_on=issued,
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = f"bao-cao-{report.kind.replace('_', '-')}-{report.year}-{report.owner_unit.code}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def reporting_status(request):
    today = timezone.localdate()
    units = _my_units(request.user)
    if request.GET.get("unit"):
        unit = selectors.visible_unit(user=request.user, pk=request.GET["unit"])
        if unit is None:
            raise Http404
    elif units:
        unit = units[0]
    else:
        raise Http404
    default_kind, default_year = selectors.latest_periods(today)[0]
    kind = request.GET.get("kind") if request.GET.get("kind") in PeriodKind.values else default_kind
    year = selectors.as_year(request.GET.get("year"), default_year)
    period = selectors.period_of(kind, year)
    page = paginate(request, selectors.expected_children(unit=unit, period=period).order_by("path"))
    status = selectors.children_status(unit=unit, kind=kind, year=year, today=today, children=page)
    tree = (
        selectors.tree_status(kind=kind, year=year, today=today)
        if selectors.is_national(request.user)
        else None
    )
    periods = [
        {"kind": k, "year": y, "label": selectors.period_of(k, y).label()}
        for y in range(today.year, today.year - 4, -1)
        for k in (PeriodKind.ANNUAL, PeriodKind.HALF_YEAR)
        if selectors.period_of(k, y).start <= today
    ]
    return render(
        request,
        "periodic/status.html",
        {
            "unit": unit,
            "status": status,
            "page": page,
            "tree": tree,
            "periods": periods,
            "section": "periodic",
        },
    )
