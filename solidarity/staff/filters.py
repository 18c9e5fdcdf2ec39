from __future__ import annotations

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.core.filters import DateFilter, FigureParamsMixin
from solidarity.core.widgets import RemoteSelect
from solidarity.records.filters import RecordFilterSet
from solidarity.units.models import Unit

from .choices import Employment, Language, TrainingFormat
from .models import Officer, Training
from .selectors import active_on_q, trained_between


class _StaffFilter(RecordFilterSet):
    def filter_text(self, queryset, name, value):
        return queryset.search(value.strip()) if value.strip() else queryset


class OfficerFilter(FigureParamsMixin, _StaffFilter):
    """The register's one filter: the list page, and the report's links (officers on a day, trained)."""

    figure_params = ("active_on", "trained_from", "trained_to")

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    employment = django_filters.ChoiceFilter(
        label=_("Employment"), choices=Employment.choices, empty_label=_("All")
    )
    language = django_filters.ChoiceFilter(
        label=_("Foreign language"), choices=Language.choices, empty_label=_("All"), method="filter_language"
    )
    status = django_filters.ChoiceFilter(
        label=_("In the work"),
        choices=[("active", _("Still in the work")), ("left", _("Left the work"))],
        empty_label=_("All"),
        method="filter_status",
    )
    trained_this_year = django_filters.BooleanFilter(
        label=_("Trained this year"), method="filter_trained_this_year", widget=BooleanWidget()
    )
    active_on = DateFilter(label=_("In the work on"), method="filter_active_on")
    trained_from = DateFilter(label=_("Trained from"), method="filter_trained")
    trained_to = DateFilter(label=_("Trained until"), method="filter_trained")
    ordering = django_filters.OrderingFilter(
        fields=(
            ("full_name", "name"),
            ("started_year", "started"),
            ("owner_unit__name", "unit"),
        ),
    )

    class Meta:
        model = Officer
        fields: list[str] = []

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__language=value) if value else queryset

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "active":
            return queryset.filter(active_on_q(today))
        if value == "left":
            return queryset.filter(left_on__lte=today)
        return queryset

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(active_on_q(value)) if value else queryset

    def filter_trained_this_year(self, queryset, name, value):
        if value is None:
            return queryset
        year = timezone.localdate().year
        trained = trained_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        return queryset.filter(pk__in=trained) if value else queryset.exclude(pk__in=trained)

    def filter_trained(self, queryset, name, value):
        # Both ends at once, whichever of the two boxes calls first; the second changes nothing.
        start, end = self.form.cleaned_data.get("trained_from"), self.form.cleaned_data.get("trained_to")
        if name == "trained_to" and start:
            return queryset
        return queryset.filter(pk__in=trained_between(start, end))


class TrainingFilter(FigureParamsMixin, _StaffFilter):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    unit = django_filters.ModelChoiceFilter(
        label=_("Organised by (and units below)"),
        queryset=Unit.objects.none(),
        method="filter_unit",
        widget=RemoteSelect("unit_options"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=TrainingFormat.choices, empty_label=_("All")
    )
    ends_from = DateFilter(label=_("Ended from"), field_name="ends_on", lookup_expr="gte")
    ends_to = DateFilter(label=_("Ended until"), field_name="ends_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(fields=(("ends_on", "date"), ("title", "title")))

    class Meta:
        model = Training
        fields: list[str] = []
