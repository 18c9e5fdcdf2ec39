from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, subtree_q, unit_scope_q
from solidarity.core.search import contains_q
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from .models import Fund


class FundFilter(django_filters.FilterSet):
    """The one filter of social funds: the list page, and later the API and exports."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit and units below"),
        queryset=Unit.objects.none(),
        method="filter_unit",
        widget=RemoteSelect("unit_options"),
    )
    archived = django_filters.ChoiceFilter(
        label=_("Archive"),
        choices=[("0", _("Current")), ("1", _("Archived"))],
        method="filter_archived",
        empty_label=None,
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("balance_vnd", "balance"), ("owner_unit__name", "unit")),
    )

    class Meta:
        model = Fund
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None:
            data = data.copy()
            data.setdefault("archived", "0")
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains_q("name", value, ignore_case=True)) if value else queryset

    def filter_unit(self, queryset, name, unit):
        return queryset if unit is None else queryset.filter(subtree_q(unit, "owner_unit"))

    def filter_archived(self, queryset, name, value):
        return queryset.archived() if value == "1" else queryset.active()
