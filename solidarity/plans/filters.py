from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from solidarity.records.filters import RecordFilterSet, archived_filter

from .choices import PlanState
from .models import Plan


class PlanFilter(RecordFilterSet):
    """The one filter of annual plans: the level above finds its children's plans by year and state."""

    year = django_filters.NumberFilter(label=_("Year"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=PlanState.choices, empty_label=_("All"))
    archived = archived_filter(empty_label=_("All"))

    class Meta:
        model = Plan
        fields = ["year", "state", "unit", "archived"]
