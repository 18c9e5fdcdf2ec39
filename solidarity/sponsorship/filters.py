from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.core.filters import DateFilter, country_choices
from solidarity.core.search import contains_q
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.models import Partner
from solidarity.records.filters import RecordFilterSet

from .choices import ProjectStatus
from .models import Disbursement, Project
from .selectors import overdue_reports, received_in


class ProjectFilter(RecordFilterSet):
    """The one filter of sponsorship projects: the list page and its totals, the reports' links."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("All")
    )
    donor = django_filters.ModelChoiceFilter(
        label=_("Donor"), queryset=Partner.objects.all(), widget=RemoteSelect("partner_options")
    )
    country = django_filters.ChoiceFilter(
        label=_("Donor's country"), choices=country_choices, field_name="donor__country", empty_label=_("All")
    )
    received_from = DateFilter(label=_("Money received from"), method="filter_received")
    received_to = DateFilter(label=_("Money received to"), method="filter_received")
    overdue = django_filters.BooleanFilter(
        label=_("Report to the donor overdue"), method="filter_overdue", widget=BooleanWidget()
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("start_on", "start"),
            ("title", "title"),
            ("donor__name", "donor"),
            ("budget_vnd", "budget"),
            ("received_vnd", "received"),
            ("owner_unit__name", "unit"),
        ),
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Two indexed searches as one set of ids: an OR across the join would read every project.
        found = (
            Project.objects.filter(contains_q("title", value, ignore_case=True)).order_by().values("pk")
            .union(Project.objects.filter(donor__in=Partner.objects.search(value)).order_by().values("pk"))
        )  # fmt: skip
        return queryset.filter(pk__in=found)

    def received_range(self) -> tuple:
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        return data.get("received_from"), data.get("received_to")

    def received_total(self) -> int:
        """Đồng the listed projects received in the chosen range (all time without one): the list's total,
        and the report's "sponsorship received" figure when the report links here."""
        start, end = self.received_range()
        return received_in(self.qs, start=start, end=end)

    def filter_received(self, queryset, name, value):
        # Both bounds are applied once, by the first of them: the projects with money received in the range.
        start, end = self.received_range()
        if value is None or (name == "received_to" and start is not None):
            return queryset
        disbursements = Disbursement.objects.all()
        if start is not None:
            disbursements = disbursements.filter(received_on__gte=start)
        if end is not None:
            disbursements = disbursements.filter(received_on__lte=end)
        return queryset.filter(pk__in=disbursements.values("project_id"))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = overdue_reports().values("project_id")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)
