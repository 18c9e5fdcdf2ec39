from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.accounts.permissions import Role, subtree_q, unit_scope_q
from solidarity.core.choices import FundingSource
from solidarity.core.filters import DateFilter, FigureParamsMixin, country_choices
from solidarity.core.search import contains_q
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.units.models import Unit

from .choices import SupportDirection, SupportForm
from .models import Support, SupportItem


class SupportFilter(FigureParamsMixin, django_filters.FilterSet):
    """The one filter of support records: list page (with its totals), and later the API and exports."""

    figure_params = ("in_kind", "partner_kind")

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    direction = django_filters.ChoiceFilter(
        label=_("Direction"), choices=SupportDirection.choices, empty_label=_("All")
    )
    form = django_filters.ChoiceFilter(label=_("Form"), choices=SupportForm.choices, empty_label=_("All"))
    funding_source = django_filters.ChoiceFilter(
        label=_("Funding source"), choices=FundingSource.choices, empty_label=_("All")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Counterpart"), queryset=Partner.objects.all(), widget=RemoteSelect("partner_options")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, field_name="partner__country", empty_label=_("All")
    )
    partner_kind = django_filters.ChoiceFilter(
        label=_("Partner kind"), choices=PartnerKind.choices, field_name="partner__kind"
    )
    in_kind = django_filters.BooleanFilter(
        label=_("In kind"), method="filter_in_kind", widget=BooleanWidget()
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit and units below"),
        queryset=Unit.objects.none(),
        method="filter_unit",
        widget=RemoteSelect("unit_options"),
    )
    given_from = DateFilter(label=_("From"), field_name="given_on", lookup_expr="gte")
    given_to = DateFilter(label=_("To"), field_name="given_on", lookup_expr="lte")
    archived = django_filters.ChoiceFilter(
        label=_("Archive"),
        choices=[("0", _("Current")), ("1", _("Archived"))],
        method="filter_archived",
        empty_label=None,
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("given_on", "date"),
            ("total_vnd", "total"),
            ("partner__name", "partner"),
            ("direction", "direction"),
            ("owner_unit__name", "unit"),
        ),
    )

    class Meta:
        model = Support
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None:
            data = data.copy()
            data.setdefault("archived", "0")
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # One set of ids from three indexed searches: an OR of them would read every support row.
        described = contains_q("description", value, ignore_case=True)
        found = (
            Support.objects.filter(described).order_by().values("pk")
            .union(
                Support.objects.filter(partner__in=Partner.objects.search(value)).order_by().values("pk"),
                SupportItem.objects.filter(described).order_by().values("support_id"),
            )
        )  # fmt: skip
        return queryset.filter(pk__in=found)

    def filter_unit(self, queryset, name, unit):
        if unit is None:
            return queryset
        return queryset.filter(subtree_q(unit, "owner_unit"))

    def filter_in_kind(self, queryset, name, value):
        # In kind: every form but cash (equipment, gifts, other), as the figures' "form:" keys add up.
        if value is None:
            return queryset
        cash = Q(form=SupportForm.CASH)
        return queryset.exclude(cash) if value else queryset.filter(cash)

    def filter_archived(self, queryset, name, value):
        return queryset.archived() if value == "1" else queryset.active()
