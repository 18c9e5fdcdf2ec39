"""The report's choice of scope and period, from the URL: ``unit``, ``start``, ``end``, or a picker
(a year, the union's 6-month or annual report of a year, a quarter) that resolves to them."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_visible_to
from solidarity.core.dates import EARLIEST, latest_allowed
from solidarity.core.forms import DateField
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from . import periods
from .periods import Period

KIND_CHOICES = [
    ("year", _("Calendar year")),
    ("half_year_report", _("Union 6-month report")),
    ("annual_report", _("Union annual report")),
    ("quarter", _("Quarter")),
    ("range", _("Custom range")),
]
QUARTER_CHOICES = [(q, format_lazy("{} {}", _("Quarter"), q)) for q in (1, 2, 3, 4)]
# A longer span reads nothing more useful and draws a chart of 80 years.
MAX_YEARS = 50


class ReportForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit (and units under it)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=RemoteSelect("unit_options"),
    )
    kind = forms.ChoiceField(label=_("Period"), choices=KIND_CHOICES, required=False)
    year = forms.IntegerField(label=_("Year"), required=False)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES, coerce=int, required=False)
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible_to(user)

    def clean_year(self):
        value = self.cleaned_data.get("year")
        if value is not None and not EARLIEST.year <= value <= latest_allowed().year:
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s."),
                params={"first": EARLIEST.year, "last": latest_allowed().year},
            )
        return value

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind = data.get("kind") or ("range" if data.get("start") or data.get("end") else "year")
        today = timezone.localdate()
        the_year = data.get("year") or today.year
        try:
            if kind == "range":
                start, end = data.get("start"), data.get("end")
                if not start or not end:
                    raise forms.ValidationError(_("Enter both the first and the last day of the period."))
                if end < start:
                    raise forms.ValidationError(_("The period ends before it starts."))
                if end.year - start.year >= MAX_YEARS:
                    raise forms.ValidationError(
                        _("A report covers at most %(years)s years."), params={"years": MAX_YEARS}
                    )
                period = periods.period_kind(start, end)
            elif kind == "quarter":
                period = periods.quarter(the_year, data.get("quarter") or (today.month - 1) // 3 + 1)
            elif kind == "half_year_report":
                period = periods.half_year_report(the_year)
            elif kind == "annual_report":
                period = periods.annual_report(the_year)
            else:
                period = periods.year(the_year)
        except ValueError as error:
            raise forms.ValidationError(_("These dates do not make a period.")) from error
        data["period"] = period
        return data


def picker_initial(period: Period, unit_id: int) -> dict:
    """What the picker shows for a resolved period (a custom range shows its dates)."""
    kind = period.kind if period.kind in dict(KIND_CHOICES) else "range"
    if kind == "range" and periods._whole_years(period) and period.start.year == period.end.year:
        kind = "year"
    return {
        "unit": unit_id,
        "kind": kind,
        "year": period.end.year,
        "quarter": (period.start.month - 1) // 3 + 1,
        "start": period.start,
        "end": period.end,
    }
