from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import personal_scope_q
from solidarity.core.filters import DateFilter, FigureParamsMixin, country_choices
from solidarity.records.filters import RecordFilterSet

from .choices import CaseStatus, Sector, Situation
from .models import MigrantCase


class MigrantCaseFilter(FigureParamsMixin, RecordFilterSet):
    """The one filter of the cases: the list page, its export and the report's links.

    ``q`` searches the case's facts only. ``name`` finds a person by name, and only among
    the rows the user's personal-data grant covers: without it, nobody finds a case by a name.
    """

    figure_params = ("opened_from", "opened_to", "closed_from", "closed_to", "open_on")

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    name = django_filters.CharFilter(label=_("Worker's name"), method="filter_name")
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices, empty_label=_("All"))
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("All"))
    situation = django_filters.ChoiceFilter(
        label=_("Situation"), choices=Situation.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices, empty_label=_("All"))
    opened_from = DateFilter(label=_("Opened from"), field_name="opened_on", lookup_expr="gte")
    opened_to = DateFilter(label=_("Opened until"), field_name="opened_on", lookup_expr="lte")
    closed_from = DateFilter(label=_("Closed from"), method="filter_closed_from")
    closed_to = DateFilter(label=_("Closed until"), method="filter_closed_to")
    open_on = DateFilter(label=_("Open on"), method="filter_open_on")
    ordering = django_filters.OrderingFilter(
        fields=(("opened_on", "opened"), ("owner_unit__name", "unit"), ("status", "status")),
    )

    class Meta:
        model = MigrantCase
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value.strip()) if value.strip() else queryset

    def filter_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(personal_scope_q(self.user, field="owner_unit"), full_name__icontains=value)

    # Closed as the figures count it: status closed, on its closing day.
    def filter_closed_from(self, queryset, name, value):
        return queryset.filter(status=CaseStatus.CLOSED, closed_on__gte=value) if value else queryset

    def filter_closed_to(self, queryset, name, value):
        return queryset.filter(status=CaseStatus.CLOSED, closed_on__lte=value) if value else queryset

    def filter_open_on(self, queryset, name, value):
        # Opened by D and not closed by D (the stock the report reads).
        if not value:
            return queryset
        return queryset.filter(
            Q(opened_on__lte=value) & (~Q(status=CaseStatus.CLOSED) | Q(closed_on__gt=value))
        )
