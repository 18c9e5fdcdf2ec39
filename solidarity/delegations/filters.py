from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.core.filters import DateFilter, FigureParamsMixin, country_choices
from solidarity.core.search import text_search
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.records.filters import RecordFilterSet, archived_filter, outside_plan_filter
from solidarity.records.workflow import ApprovalState

from .choices import Direction
from .figures import COUNTED_STATES, report_status_q
from .models import Delegation

REPORT_CHOICES = [
    ("on_time", _("Report filed on time")),
    ("late", _("Report filed late")),
    ("pending", _("Report not filed yet")),
    ("missing", _("Report missing (deadline passed)")),
]


class DelegationFilter(FigureParamsMixin, RecordFilterSet):
    """The one filter of delegations: list page, and later the API and exports."""

    figure_params = ("counted", "in_plan", "outside_plan", "report", "end_from", "end_to", "partner_kind")

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices)
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        method="filter_partner",
        widget=RemoteSelect("partner_options"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="filter_country"
    )
    start_from = DateFilter(label=_("Starting from"), field_name="start_on", lookup_expr="gte")
    start_to = DateFilter(label=_("Starting until"), field_name="start_on", lookup_expr="lte")
    end_from = DateFilter(label=_("Ending from"), field_name="end_on", lookup_expr="gte")
    end_to = DateFilter(label=_("Ending until"), field_name="end_on", lookup_expr="lte")
    state = django_filters.ChoiceFilter(label=_("State"), choices=ApprovalState.choices)
    counted = django_filters.BooleanFilter(
        label=_("Counted in the figures"), method="filter_counted", widget=BooleanWidget()
    )
    # "Outside the plan" as every record list says it; ``in_plan=0`` (older links) means the same.
    outside_plan = outside_plan_filter(field_name="in_plan", lookup_expr="exact", exclude=True)
    in_plan = django_filters.BooleanFilter(label=_("In the annual plan"), widget=BooleanWidget())
    report = django_filters.ChoiceFilter(
        label=_("Post-trip report"), choices=REPORT_CHOICES, method="filter_report"
    )
    partner_kind = django_filters.ChoiceFilter(
        label=_("Partner kind"), choices=PartnerKind.choices, method="filter_partner_kind"
    )
    overdue = django_filters.BooleanFilter(label=_("Report overdue"), method="filter_overdue")
    archived = archived_filter(empty_label=_("All"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("start_on", "start"),
            ("title", "title"),
            ("owner_unit__name", "unit"),
            ("state", "state"),
            ("member_count", "people"),
        ),
    )

    # The list view defaults to current ones (filter_defaults); the API lists both unless asked.
    archived_default = None

    class Meta:
        model = Delegation
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        return text_search(queryset, value)

    def filter_partner(self, queryset, name, partner):
        return queryset.filter(partners=partner) if partner else queryset

    def filter_country(self, queryset, name, code):
        # Stored as "LA,TH": two-letter codes between commas, so a substring match is exact.
        return queryset.filter(countries__contains=code) if code else queryset

    def filter_counted(self, queryset, name, value):
        # What the figures count: approved, and from then on; never an archived one.
        return queryset.active().filter(state__in=COUNTED_STATES) if value else queryset

    def filter_report(self, queryset, name, value):
        # The figures' post-trip report status; "missing" is pending with the deadline passed.
        if not value:
            return queryset
        if value == "missing":
            return queryset.report_overdue(timezone.localdate())
        return queryset.filter(report_status_q(value))

    def filter_partner_kind(self, queryset, name, value):
        # A delegation meeting two partners of the kind matches once.
        if not value:
            return queryset
        return queryset.filter(pk__in=Delegation.objects.filter(partners__kind=value).values("pk"))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.report_overdue(timezone.localdate())
