from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.core.filters import DateFilter, FigureParamsMixin, country_choices
from solidarity.core.search import contains_q
from solidarity.core.text import fold
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.records.filters import RecordFilterSet, outside_plan_filter
from solidarity.records.workflow import ApprovalState

from .choices import MeetingKind
from .figures import counted_q
from .models import Meeting

YES_NO = [("1", _("Yes")), ("0", _("No"))]


class MeetingFilter(FigureParamsMixin, RecordFilterSet):
    """The one filter of meetings: list page, and later the API and exports."""

    figure_params = ("counted", "held_in", "partner_kind", "outside_plan")

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MeetingKind.choices, empty_label=_("All"))
    hosted = django_filters.ChoiceFilter(
        label=_("Hosted or attended"),
        choices=[("1", _("Hosted")), ("0", _("Attended"))],
        method="filter_bool",
        empty_label=_("Both"),
    )
    international = django_filters.ChoiceFilter(
        label=_("International"), choices=YES_NO, method="filter_bool", empty_label=_("All")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        method="filter_partner",
        widget=RemoteSelect("partner_options"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="filter_country"
    )
    held_in = django_filters.ChoiceFilter(
        label=_("Held in"), choices=country_choices, method="filter_held_in"
    )
    partner_kind = django_filters.ChoiceFilter(
        label=_("Partner kind"), choices=PartnerKind.choices, method="filter_partner_kind"
    )
    counted = django_filters.BooleanFilter(
        label=_("Counted in the figures"), method="filter_counted", widget=BooleanWidget()
    )
    outside_plan = outside_plan_filter()
    start_from = DateFilter(label=_("From"), field_name="start_on", lookup_expr="gte")
    start_to = DateFilter(label=_("To"), field_name="start_on", lookup_expr="lte")
    state = django_filters.ChoiceFilter(
        label=_("Approval state"), choices=ApprovalState.choices, method="filter_state", empty_label=_("All")
    )
    ordering = django_filters.OrderingFilter(
        fields=(("start_on", "date"), ("title", "title"), ("kind", "kind"), ("owner_unit__name", "unit")),
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        folded = fold(value)
        if not folded:
            return queryset
        return queryset.filter(
            contains_q("search_text", folded) | contains_q("conclusions", value.strip(), ignore_case=True)
        )

    def filter_bool(self, queryset, name, value):
        field = {"hosted": "hosted", "international": "is_international"}[name]
        if value in ("0", "1"):
            return queryset.filter(**{field: value == "1"})
        return queryset

    def filter_partner(self, queryset, name, partner):
        if partner is None:
            return queryset
        return queryset.filter(partners=partner)

    def filter_country(self, queryset, name, value):
        # Held there, or with a partner from there; a meeting with two partners from it matches once.
        if not value:
            return queryset
        return queryset.filter(
            Q(country=value) | Q(pk__in=Meeting.objects.filter(partners__country=value).values("pk"))
        )

    def filter_held_in(self, queryset, name, value):
        # Where it is held abroad: the figures' country breakdown (held in Vietnam has no country).
        return queryset.filter(country=value) if value else queryset

    def filter_partner_kind(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Meeting.objects.filter(partners__kind=value).values("pk"))

    def filter_counted(self, queryset, name, value):
        # What the figures count: international, and approved from then on when hosted.
        return queryset.active().filter(counted_q()) if value else queryset

    def filter_state(self, queryset, name, value):
        # The state means something only for meetings that go through approval.
        return queryset.filter(state=value, hosted=True, is_international=True)
