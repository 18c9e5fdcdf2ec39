"""The news items' list: a unit and the units below, state, published between two dates."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from solidarity.core.filters import DateFilter
from solidarity.records.filters import RecordFilterSet

from .choices import NewsState
from .models import NewsItem


class NewsItemFilter(RecordFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=NewsState.choices, empty_label=_("All"))
    published_from = DateFilter(label=_("Published from"), field_name="published_on", lookup_expr="gte")
    published_to = DateFilter(label=_("Published until"), field_name="published_on", lookup_expr="lte")

    class Meta:
        model = NewsItem
        fields: list[str] = []
