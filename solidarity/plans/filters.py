from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, subtree_q, unit_scope_q
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from .choices import PlanState
from .models import Plan


class PlanFilter(django_filters.FilterSet):
    """The one filter of annual plans: the level above finds its children's plans by year and state."""

    year = django_filters.NumberFilter(label=_("Year"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=PlanState.choices, empty_label=_("All"))
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit (and units under it)"),
        queryset=Unit.objects.none(),
        method="filter_unit",
        widget=RemoteSelect("unit_options"),
    )
    archived = django_filters.ChoiceFilter(
        label=_("Archive"),
        choices=[("0", _("Current")), ("1", _("Archived"))],
        method="filter_archived",
        empty_label=_("All"),
    )

    class Meta:
        model = Plan
        fields = ["year", "state", "unit", "archived"]

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None:
            data = data.copy()
            data.setdefault("archived", "0")
        super().__init__(data, *args, **kwargs)
        # Only units the user sees can be chosen: another unit is "not one of the choices".
        self.filters["unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))

    def filter_unit(self, queryset, name, unit):
        if unit is None:
            return queryset
        return queryset.filter(subtree_q(unit, "owner_unit"))

    def filter_archived(self, queryset, name, value):
        return queryset.archived() if value == "1" else queryset.active()
