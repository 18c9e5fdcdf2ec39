from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from solidarity.accounts.models import Membership
from solidarity.periodic.selectors import home_reporting
from solidarity.privacy.breaches import countdown, open_breaches_for
from solidarity.reports.charts import bar_chart
from solidarity.reports.links import report_url
from solidarity.reports.periods import year

from . import mywork
from .selectors import ATTENTION_CAP, home_attention, key_figures


@login_required
def my_work(request):
    """The user's drafts, returns, proposals, decisions, reports owed and commitments: one page."""
    return render(
        request,
        "home/my_work.html",
        {"sections": mywork.my_work(user=request.user), "today": timezone.localdate()},
    )


@login_required
def home(request):
    memberships = list(
        Membership.objects.filter(user=request.user).select_related("unit").order_by("unit__path")
    )
    today = timezone.localdate()
    figures = key_figures(user=request.user, today=today)
    this_year = year(today.year)
    open_breaches = open_breaches_for(request.user)  # empty unless the user administers a unit
    now = timezone.now()
    for breach in open_breaches:
        breach.countdown = countdown(breach, now)
    return render(
        request,
        "home/home.html",
        {
            "figures": figures,
            "charts": figure_charts(figures, today),
            "report_url": report_url(memberships[0].unit.pk, this_year.start, this_year.end)
            if memberships
            else "",
            "today": today,
            "last_year": today.year - 1,
            "attention": home_attention(user=request.user),
            "cap": ATTENTION_CAP,
            "memberships": memberships,
            "open_breaches": open_breaches,
            "reporting": home_reporting(user=request.user, today=today, memberships=memberships),
            "my_work": mywork.my_work(user=request.user, today=today, count_only=True),
        },
    )


def figure_charts(figures, today) -> list:
    """This year's key figures against the same months of last year, drawn: counts, then money."""
    series = [str(today.year), str(today.year - 1)]
    charts = []
    for money, title, chart_id in (
        (False, _("Activities: this year and last year"), "home-counts"),
        (True, _("Support: this year and last year"), "home-money"),
    ):
        rows = [(capfirst(f.label), [f.this_year, f.last_year]) for f in figures if f.money == money]
        if any(value for _label, values in rows for value in values):
            charts.append(
                (title, bar_chart(rows, title=title, series=series, money=money, chart_id=chart_id))
            )
    return charts
