"""Social funds: the fund declared on the record kit; its ledger's pages (add, reverse, close) and
the period summary beside it."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import Role, units_visible_to
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.exports import list_export
from solidarity.core.forms import add_service_errors
from solidarity.core.ledger import has_reversal
from solidarity.core.pages import short_page
from solidarity.core.templatetags.core_tags import vnd
from solidarity.core.views import paginate
from solidarity.records.attachments import attachments_by_record
from solidarity.records.base import may_write
from solidarity.records.kit import RecordViews, editable_record

from . import selectors, services
from .choices import Direction, FundUse, IncomeSource
from .filters import FundEntryFilter, FundFilter
from .forms import CloseForm, EntryForm, FundForm, ReverseForm, SummaryForm
from .models import Fund, FundEntry
from .sheets import ENTRIES

ENTRIES_PER_PAGE = 50


class FundViews(RecordViews):
    model = Fund
    services, selectors = services, selectors
    filterset = FundFilter
    form_class = FundForm
    ordering = ("name", "pk")
    create_refusal = gettext_lazy("You do not keep funds for any unit.")
    created_message = gettext_lazy("Fund created. Record its income and spending from its page.")
    archived_message = gettext_lazy("Fund archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Fund restored.")

    def detail_context(self, fund, context, **extra):
        writable = may_write(user=self.user, record=fund)
        entries = short_page(self.request, selectors.ledger(fund), per_page=ENTRIES_PER_PAGE, param="entries")
        files = attachments_by_record(FundEntry, [entry.pk for entry in entries])
        for entry in entries:  # the reversals came with the page (select_related): no query per row
            entry.reversed = has_reversal(entry)
            entry.files = files.get(entry.pk, [])
            entry.may_reverse = (
                writable
                and not entry.is_reversal
                and not entry.reversed
                and not fund.is_closed_on(entry.entry_on)
            )
        return {
            "entries": entries,
            "months": selectors.monthly(fund),
            "closings": fund.closings.select_related("closed_by")[:5],
            "can_write": writable,
            "can_close": writable and services.may_close(self.user, fund),
            "close_form": extra.get("close_form") or CloseForm(),
        }


ENTRY_ORDER = ("-entry_on", "-id")


@login_required
def entry_list(request):
    """The entries of every fund the user sees, filtered (unit and below, direction, source, use,
    dates): where a report's fund figure leads, and the ledger exported as a file (``?format=``)."""
    filterset = FundEntryFilter(
        request.GET or None, queryset=selectors.entry_list(user=request.user), user=request.user
    )
    rows = filterset.qs if request.GET.get("ordering") else filterset.qs.order_by(*ENTRY_ORDER)
    exported = list_export(request, sheet=ENTRIES.name, queryset=rows)
    if exported is not None:
        return exported
    context = {
        "filter": filterset,
        "page_obj": paginate(request, rows),
        # Summed only below the list's count cap (see _entry_results.html), like support's totals.
        "totals": SimpleLazyObject(filterset.totals),
    }
    template = "funds/_entry_results.html" if request.htmx else "funds/entry_list.html"
    return render(request, template, context)


def _writable_fund(request, pk: int) -> Fund:
    """404 outside the scope, 403 without the role."""
    return editable_record(Fund, request.user, pk, "owner_unit")


@login_required
def entry_create(request, pk: int):
    fund = _writable_fund(request, pk)
    if fund.is_archived:
        messages.error(request, _("This record is archived; restore it before changing it."))
        return redirect(fund)
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        initial={"direction": request.GET.get("direction", Direction.INCOME)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file", None)
        try:
            entry = services.entry_add(fund=fund, by=request.user, upload=upload, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(direction)s of %(amount)s recorded. Balance: %(balance)s.")
                % {
                    "direction": entry.get_direction_display(),
                    "amount": vnd(entry.amount_vnd),
                    "balance": vnd(Fund.objects.values_list("balance_vnd", flat=True).get(pk=fund.pk)),
                },
            )
            return redirect(fund)
    return render(request, "funds/entry_form.html", {"fund": fund, "form": form})


@login_required
def entry_reverse(request, pk: int, entry_pk: int):
    fund = _writable_fund(request, pk)
    entry = get_object_or_404(FundEntry.objects.select_related("reverses"), pk=entry_pk, fund=fund)
    form = ReverseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_reverse(
                entry=entry,
                by=request.user,
                reason=form.cleaned_data["note"],
                on=form.cleaned_data["entry_on"],
                upload=form.cleaned_data.get("file"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Entry reversed; both lines stay in the ledger."))
            return redirect(fund)
    return render(request, "funds/entry_reverse.html", {"fund": fund, "entry": entry, "form": form})


@login_required
@require_POST
def fund_close(request, pk: int):
    fund = _writable_fund(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.fund_close(fund=fund, by=request.user, through=form.cleaned_data["closed_through"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Books closed through %(day)s.")
                % {"day": form.cleaned_data["closed_through"].strftime("%d/%m/%Y")},
            )
            return redirect(fund)
    return FundViews(request).render_detail(fund, status=400, close_form=form)


@login_required
def summary(request):
    """Income by source and spending by use of a unit and everything under it, over a period
    (from the first day of the year to today unless asked), read from the maintained figures."""
    units = units_visible_to(request.user)
    today = timezone.localdate()
    # The user's own unit (an id), else the highest one they see.
    own = default_unit_for(request.user, min_role=Role.VIEWER)
    default = (units.filter(pk=own).first() if own else None) or units.order_by("path").first()
    initial = {"unit": default, "start": datetime.date(today.year, 1, 1), "end": today}
    form = SummaryForm(request.GET or None, units=units, initial=initial)
    if form.is_bound and form.is_valid():
        unit, start, end = (form.cleaned_data[name] for name in ("unit", "start", "end"))
    elif form.is_bound and "unit" in form.errors and request.GET.get("unit"):
        raise Http404  # a unit outside the scope: as if it did not exist
    else:
        unit, start, end = initial["unit"], initial["start"], initial["end"]
    if unit is None or not units.filter(pk=unit.pk).exists():
        raise Http404
    if start > end:
        start, end = end, start
    found = selectors.summary(unit=unit, start=start, end=end)
    context = {
        "form": form,
        "unit": unit,
        "start": start,
        "end": end,
        "summary": found,
        "sources": [(label, found.by_source.get(value, 0)) for value, label in IncomeSource.choices],
        "uses": [(label, *found.by_use.get(value, (0, 0))) for value, label in FundUse.choices],
    }
    return render(request, "funds/summary.html", context)
