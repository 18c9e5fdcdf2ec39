from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, subtree_q, unit_scope_q
from solidarity.core.filters import country_choices
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from .choices import PartnerKind
from .models import Partner, PartnerLink


class PartnerFilter(django_filters.FilterSet):
    """The one filter of partners: list page, and later the API and exports."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PartnerKind.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices)
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit working with it"),
        queryset=Unit.objects.none(),
        method="filter_unit",
        widget=RemoteSelect("unit_options"),
    )
    mine = django_filters.BooleanFilter(label=_("Only my units' partners"), method="filter_mine")
    active = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("1", _("Active")), ("0", _("Inactive"))],
        method="filter_active",
        empty_label=_("All"),
    )
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("country", "country"), ("kind", "kind"), ("unit_count", "units")),
    )

    class Meta:
        model = Partner
        fields: list[str] = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["unit"].queryset = Unit.objects.filter(
            unit_scope_q(user, Role.VIEWER, field="")
        ).order_by("path")

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_unit(self, queryset, name, unit):
        if unit is None:
            return queryset
        links = PartnerLink.objects.filter(subtree_q(unit, "unit"))
        return queryset.filter(pk__in=links.values("partner_id"))

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        links = PartnerLink.objects.filter(unit_scope_q(self.user, Role.VIEWER, field="unit"))
        return queryset.filter(pk__in=links.values("partner_id"))

    def filter_active(self, queryset, name, value):
        if value in ("0", "1"):
            return queryset.filter(is_active=value == "1")
        return queryset
