from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from solidarity.core.search import contains_q
from solidarity.records.filters import RecordFilterSet

from .models import Fund


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
