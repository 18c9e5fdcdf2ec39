from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.accounts.permissions import Role, subtree_q, unit_scope_q
from solidarity.core.filters import FigureParamsMixin
from solidarity.core.widgets import RemoteSelect
from solidarity.records.filters import RecordFilterSet, archived_filter
from solidarity.units.models import Unit

from .choices import ItemOutcome, PlanItemKind, PlanState
from .figures import DONE, OPEN, in_force_q
from .models import Plan, PlanItem


class PlanFilter(FigureParamsMixin, RecordFilterSet):
    """The one filter of annual plans: the level above finds its children's plans by year and state."""

    figure_params = ("year_from", "year_to", "in_force")

    year = django_filters.NumberFilter(label=_("Year"))
    year_from = django_filters.NumberFilter(label=_("From the year"), field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(label=_("To the year"), field_name="year", lookup_expr="lte")
    state = django_filters.ChoiceFilter(label=_("State"), choices=PlanState.choices, empty_label=_("All"))
    in_force = django_filters.BooleanFilter(
        label=_("In force (the latest approved revision)"), method="filter_in_force", widget=BooleanWidget()
    )
    archived = archived_filter(empty_label=_("All"))

    class Meta:
        model = Plan
        fields = ["year", "state", "unit", "archived"]

    def filter_in_force(self, queryset, name, value):
        # As the figures count plans: approved, with no later approved revision, not archived.
        if value is None:
            return queryset
        return queryset.filter(in_force_q()) if value else queryset.exclude(in_force_q())


class PlanItemFilter(FigureParamsMixin, django_filters.FilterSet):
    """The items of the plans in force: what a unit and those under it planned, and what became of it."""

    figure_params = ("year_from", "year_to")

    unit = django_filters.ModelChoiceFilter(
        label=_("Unit and units below"),
        queryset=Unit.objects.none(),
        method="filter_unit",
        widget=RemoteSelect("unit_options"),
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="plan__year")
    year_from = django_filters.NumberFilter(
        label=_("From the year"), field_name="plan__year", lookup_expr="gte"
    )
    year_to = django_filters.NumberFilter(label=_("To the year"), field_name="plan__year", lookup_expr="lte")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PlanItemKind.choices, empty_label=_("All"))
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=ItemOutcome.choices, method="filter_outcome", empty_label=_("All")
    )

    class Meta:
        model = PlanItem
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.filters["unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))

    def filter_unit(self, queryset, name, unit):
        return queryset if unit is None else queryset.filter(subtree_q(unit, "plan__owner_unit"))

    def filter_outcome(self, queryset, name, value):
        # As plan vs actual and the figures say it: an open item is pending until its year is over.
        this_year = timezone.localdate().year
        if value == ItemOutcome.DONE:
            return queryset.filter(DONE)
        if value == ItemOutcome.DROPPED:
            return queryset.filter(dropped=True)
        if value == ItemOutcome.PENDING:
            return queryset.filter(OPEN, plan__year__gte=this_year)
        if value == ItemOutcome.NOT_DONE:
            return queryset.filter(OPEN, plan__year__lt=this_year)
        return queryset
