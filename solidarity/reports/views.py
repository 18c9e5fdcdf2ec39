from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import charts, exports
from .docx import official_report
from .forms import ReportForm, picker_initial
from .report import INDICATORS
from .selectors import BREAKDOWNS, build_report, default_unit, report_unit

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _download(report, unit, kind: str) -> HttpResponse:
    if kind == "csv":
        content = exports.report_csv(report)
    elif kind == "xlsx":
        content = exports.report_xlsx(report)
    else:
        content = official_report(report, unit=unit)
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    name = f"bao-cao-{unit.code}-{report.start.isoformat()}-{report.end.isoformat()}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _charts(report) -> list[tuple[str, str]]:
    """The main figures drawn: by year, by country (top 10), by child unit."""
    drawn = []
    by_year = report.breakdown("year")
    if by_year and by_year.rows:
        title = _("Outgoing and incoming delegations by year")
        rows = [(r.label, [r.values["delegations_out"], r.values["delegations_in"]]) for r in by_year.rows]
        series = [str(INDICATORS["delegations_out"][0]), str(INDICATORS["delegations_in"][0])]
        drawn.append((title, charts.bar_chart(rows, title=title, series=series, chart_id="chart-year")))
    by_country = report.breakdown("country")
    if by_country and by_country.rows:
        title = _("Person-trips abroad and foreign guests by country (top 10)")
        rows = [
            (r.label, [r.values["person_trips_out"], r.values["guests_in"]]) for r in by_country.rows[:10]
        ]
        series = [str(INDICATORS["person_trips_out"][0]), str(INDICATORS["guests_in"][0])]
        drawn.append((title, charts.bar_chart(rows, title=title, series=series, chart_id="chart-country")))
    by_unit = report.breakdown("unit")
    if by_unit and any(any(r.values.values()) for r in by_unit.rows):
        title = _("Outgoing and incoming delegations by child unit")
        rows = [(r.label, [r.values["delegations_out"], r.values["delegations_in"]]) for r in by_unit.rows]
        series = [str(INDICATORS["delegations_out"][0]), str(INDICATORS["delegations_in"][0])]
        drawn.append((title, charts.bar_chart(rows, title=title, series=series, chart_id="chart-unit")))
    return drawn


@login_required
def report(request):
    """The report of a unit (and everything under it) for a period; also its print layout and files."""
    raw_unit = request.GET.get("unit", "").strip()
    if raw_unit.isdigit():
        unit = report_unit(user=request.user, unit_id=raw_unit)  # 404 when the user may not see it
    elif raw_unit:
        unit = None
    else:
        unit = default_unit(request.user)
    data = request.GET.copy()
    if unit is not None:
        data["unit"] = str(unit.pk)
    form = ReportForm(data, user=request.user)
    context = {"form": form, "unit": unit}
    if unit is None and not raw_unit:
        form.add_error(None, _("You do not belong to any unit yet: choose a unit to report on."))
    if not form.is_valid():
        return render(request, "reports/report.html", context)

    period = form.cleaned_data["period"]
    # The whole system has ~100,000 partners: ranking them reads every partner's figures (about
    # 2 s), so the national report shows that breakdown on request (&partners=1, also in files).
    with_partners = unit.depth > 1 or request.GET.get("partners") == "1"
    breakdowns = BREAKDOWNS if with_partners else tuple(b for b in BREAKDOWNS if b != "partner")
    report = build_report(user=request.user, unit=unit, period=period, breakdowns=breakdowns)
    kind = request.GET.get("format", "")
    if kind in CONTENT_TYPES:
        return _download(report, unit, kind)

    canonical = urlencode({"unit": unit.pk, "start": period.start.isoformat(), "end": period.end.isoformat()})
    context.update(
        report=report,
        period=period,
        canonical=canonical,
        charts=_charts(report),
        form=ReportForm(initial=picker_initial(period, unit.pk), user=request.user),
        partners_url="" if with_partners else f"?{canonical}&partners=1",
    )
    template = "reports/report_print.html" if request.GET.get("print") else "reports/report.html"
    return render(request, template, context)
