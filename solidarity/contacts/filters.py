from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, subtree_q, unit_scope_q
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.models import Partner
from solidarity.units.models import Unit

from .models import Contact


class ContactFilter(django_filters.FilterSet):
    """The one filter of contacts, applied on top of ``visible_to``."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), queryset=Partner.objects.all(), widget=RemoteSelect("partner_options")
    )
    owner_unit = django_filters.ModelChoiceFilter(
        label=_("Owning unit"),
        queryset=Unit.objects.none(),
        method="filter_owner_unit",
        widget=RemoteSelect("unit_options"),
    )
    active = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("1", _("Active")), ("0", _("Inactive"))],
        method="filter_active",
        empty_label=_("All"),
    )
    ordering = django_filters.OrderingFilter(
        fields=(("full_name", "name"), ("partner__name", "organisation"), ("owner_unit__name", "unit")),
    )

    class Meta:
        model = Contact
        fields: list[str] = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner_unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_owner_unit(self, queryset, name, unit):
        return queryset.filter(subtree_q(unit, "owner_unit")) if unit else queryset

    def filter_active(self, queryset, name, value):
        if value in ("0", "1"):
            return queryset.filter(is_active=value == "1")
        return queryset
