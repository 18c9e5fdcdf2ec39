from __future__ import annotations

import django_filters
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, subtree_q, unit_scope_q
from solidarity.core.filters import DateFilter
from solidarity.core.ledger import signed
from solidarity.core.search import contains_q
from solidarity.core.widgets import RemoteSelect
from solidarity.records.filters import RecordFilterSet
from solidarity.units.models import Unit

from .choices import Direction, FundUse, IncomeSource
from .models import Fund, FundEntry


class FundFilter(RecordFilterSet):
    """The one filter of social funds: the list page, and later the API and exports."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("balance_vnd", "balance"), ("owner_unit__name", "unit")),
    )

    class Meta:
        model = Fund
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains_q("name", value, ignore_case=True)) if value else queryset


class FundEntryFilter(django_filters.FilterSet):
    """The one filter of fund entries across the funds a user sees: the entries' list, its export and
    the reports' links (a figure of income by source, spending by use, opens the entries behind it)."""

    unit = django_filters.ModelChoiceFilter(
        label=_("Unit and units below"),
        queryset=Unit.objects.none(),
        method="filter_unit",
        widget=RemoteSelect("unit_options"),
    )
    fund = django_filters.ModelChoiceFilter(label=_("Fund"), queryset=Fund.objects.none())
    direction = django_filters.ChoiceFilter(
        label=_("Direction"), choices=Direction.choices, empty_label=_("All")
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=IncomeSource.choices, empty_label=_("All")
    )
    use = django_filters.ChoiceFilter(label=_("Use"), choices=FundUse.choices, empty_label=_("All"))
    entry_from = DateFilter(label=_("From"), field_name="entry_on", lookup_expr="gte")
    entry_to = DateFilter(label=_("To"), field_name="entry_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        fields=(("entry_on", "date"), ("amount_vnd", "amount"), ("fund__name", "fund")),
    )

    class Meta:
        model = FundEntry
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))
        self.filters["fund"].queryset = Fund.objects.visible_to(user)

    def filter_unit(self, queryset, name, unit):
        return queryset if unit is None else queryset.filter(subtree_q(unit, "fund__owner_unit"))

    def totals(self) -> dict:
        """The listed entries' income, spending and beneficiaries as the figures count them (a reversal
        negative): the list's totals, and what a report's fund figure linking here says. One query."""
        signed_vnd, signed_people = signed("amount_vnd"), signed("beneficiaries")
        return self.qs.order_by().aggregate(
            income=Sum(signed_vnd, filter=Q(direction=Direction.INCOME), default=0),
            spending=Sum(signed_vnd, filter=Q(direction=Direction.SPENDING), default=0),
            beneficiaries=Sum(signed_people, filter=Q(direction=Direction.SPENDING), default=0),
        )
