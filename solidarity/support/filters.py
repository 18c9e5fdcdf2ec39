from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.core.choices import FundingSource
from solidarity.core.filters import DateFilter, FigureParamsMixin, country_choices
from solidarity.core.search import contains_q
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.records.filters import RecordFilterSet, outside_plan_filter

from .choices import SupportDirection, SupportForm
from .models import Support, SupportItem


class SupportFilter(FigureParamsMixin, RecordFilterSet):
    """The one filter of support records: list page (with its totals), and later the API and exports."""

    figure_params = ("in_kind", "partner_kind", "outside_plan")

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
    outside_plan = outside_plan_filter(method="filter_outside_plan")
    given_from = DateFilter(label=_("From"), field_name="given_on", lookup_expr="gte")
    given_to = DateFilter(label=_("To"), field_name="given_on", lookup_expr="lte")
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

    def filter_outside_plan(self, queryset, name, value):
        # As the figures count it: support given that carries out no plan item (received: planned by nobody).
        if value is None:
            return queryset
        outside = Q(direction=SupportDirection.GIVEN, plan_item__isnull=True)
        return queryset.filter(outside) if value else queryset.exclude(outside)

    def filter_in_kind(self, queryset, name, value):
        # In kind: every form but cash (equipment, gifts, other), as the figures' "form:" keys add up.
        if value is None:
            return queryset
        cash = Q(form=SupportForm.CASH)
        return queryset.exclude(cash) if value else queryset.filter(cash)
