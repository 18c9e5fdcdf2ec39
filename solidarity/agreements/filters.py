from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.accounts.permissions import subtree_q
from solidarity.core.filters import DateFilter, FigureParamsMixin, country_choices
from solidarity.core.search import text_search
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.records.filters import RecordFilterSet, archived_filter, outside_plan_filter
from solidarity.units.models import Unit

from .choices import AgreementStatus, AgreementType, CommitmentStatus
from .figures import OPEN, in_force_on, signed_q, with_due_date, with_validity
from .models import Agreement, Commitment


def _subtree(queryset, field: str, unit: Unit | None):
    if unit is None:
        return queryset
    return queryset.filter(subtree_q(unit, field))


ARCHIVE_CHOICES = [("", _("Current")), ("1", _("Archived")), ("all", _("All"))]


class AgreementsFilterSet(RecordFilterSet):
    """Agreements' and commitments' archive toggle: empty is "current", and "all" is offered."""

    archived_default = None
    archived = archived_filter(choices=ARCHIVE_CHOICES[1:], empty_label=_("Current"))

    def filter_queryset(self, queryset):
        # The archive toggle defaults to "current" even when the field is absent.
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("archived"):
            queryset = queryset.active()
        return queryset


class AgreementFilter(FigureParamsMixin, AgreementsFilterSet):
    """The one filter of agreements: list page, and later the API and exports."""

    figure_params = ("in_force_on", "ending_from", "ending_to", "partner_kind", "outside_plan")

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        field_name="partners",
        widget=RemoteSelect("partner_options"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="filter_country"
    )
    signed_from = DateFilter(label=_("Signed from"), field_name="signed_on", lookup_expr="gte")
    signed_to = DateFilter(label=_("Signed until"), field_name="signed_on", lookup_expr="lte")
    in_force_on = DateFilter(label=_("In force on"), method="filter_in_force_on")
    ending_from = DateFilter(label=_("In force until, from"), method="filter_ending_from")
    ending_to = DateFilter(label=_("In force until, to"), method="filter_ending_to")
    partner_kind = django_filters.ChoiceFilter(
        label=_("Partner kind"), choices=PartnerKind.choices, method="filter_partner_kind"
    )
    outside_plan = outside_plan_filter()
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgreementStatus.choices)
    agreement_type = django_filters.ChoiceFilter(label=_("Type"), choices=AgreementType.choices)
    ordering = django_filters.OrderingFilter(
        fields=(
            ("signed_on", "signed"),
            ("title", "title"),
            ("owner_unit__name", "unit"),
            ("status", "status"),
            ("valid_to", "valid_to"),
        ),
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        # Every word must appear, in any order: "xieng nghe an" finds "Nghệ An – Xiêng Khoảng".
        return text_search(queryset, value, every_word=True)

    def filter_country(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Agreement.objects.filter(partners__country=value).values("pk"))

    def filter_in_force_on(self, queryset, name, day):
        # Signed, started on or before the day, not ended before it: as the figures count it.
        if not day:
            return queryset
        return queryset.filter(pk__in=in_force_on(Agreement.objects.all(), day).values("pk"))

    def _ending(self, queryset, **lookup):
        ending = with_validity(Agreement.objects.all()).filter(signed_q(), **lookup)
        return queryset.filter(pk__in=ending.values("pk"))

    def filter_ending_from(self, queryset, name, day):
        # The last day in force (see agreements.figures.with_validity).
        return self._ending(queryset, validity_end__gte=day) if day else queryset

    def filter_ending_to(self, queryset, name, day):
        return self._ending(queryset, validity_end__lte=day) if day else queryset

    def filter_partner_kind(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Agreement.objects.filter(partners__kind=value).values("pk"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # One agreement with two partners matches the partner filter once.
        return queryset.distinct() if self.form.cleaned_data.get("partner") else queryset


def _due_years():
    year = timezone.localdate().year
    return [("", "---------")] + [(str(y), str(y)) for y in range(year + 5, year - 15, -1)]


class CommitmentFilter(FigureParamsMixin, AgreementsFilterSet):
    """The one filter of commitments."""

    figure_params = ("open", "partner_kind")

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    responsible_unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"),
        queryset=Unit.objects.none(),
        method="filter_responsible",
        widget=RemoteSelect("unit_options"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CommitmentStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue")
    open = django_filters.BooleanFilter(label=_("Open only"), method="filter_open", widget=BooleanWidget())
    # What the reports count as falling due: every commitment but a cancelled one.
    counted = django_filters.BooleanFilter(
        label=_("Not cancelled"), method="filter_counted", widget=BooleanWidget()
    )
    partner_kind = django_filters.ChoiceFilter(
        label=_("Partner kind"), choices=PartnerKind.choices, method="filter_partner_kind"
    )
    agreement = django_filters.ModelChoiceFilter(label=_("Agreement"), queryset=Agreement.objects.none())
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        method="filter_partner",
        widget=RemoteSelect("partner_options"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="filter_country"
    )
    due_from = DateFilter(label=_("Due from"), method="filter_due_from")
    due_to = DateFilter(label=_("Due until"), method="filter_due_to")
    due_year = django_filters.TypedChoiceFilter(
        label=_("Due in"), choices=_due_years, coerce=int, method="filter_due_year"
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("due_on", "due"),
            ("status", "status"),
            ("responsible_unit__name", "responsible"),
            ("agreement__title", "agreement"),
        ),
    )

    class Meta:
        model = Commitment
        fields: list[str] = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["responsible_unit"].queryset = self.filters["unit"].queryset
        self.filters["agreement"].queryset = Agreement.objects.visible_to(user)

    def _with_partners(self, queryset, **partner_lookup):
        """Commitments whose agreement or meeting has a matching partner (each once)."""
        from solidarity.meetings.models import Meeting

        agreements = Agreement.objects.filter(**{f"partners__{k}": v for k, v in partner_lookup.items()})
        meetings = Meeting.objects.filter(**{f"partners__{k}": v for k, v in partner_lookup.items()})
        return queryset.filter(
            Q(agreement__in=agreements.values("pk")) | Q(meeting__in=meetings.values("pk"))
        )

    def filter_partner(self, queryset, name, partner):
        return self._with_partners(queryset, pk=partner.pk) if partner else queryset

    def filter_country(self, queryset, name, value):
        return self._with_partners(queryset, country=value) if value else queryset

    def filter_due_from(self, queryset, name, day):
        # A commitment with only a due year is due on 31 December of it, as the figures count it.
        if not day:
            return queryset
        return queryset.filter(
            pk__in=with_due_date(Commitment.objects.all()).filter(due_date__gte=day).values("pk")
        )

    def filter_due_to(self, queryset, name, day):
        if not day:
            return queryset
        return queryset.filter(
            pk__in=with_due_date(Commitment.objects.all()).filter(due_date__lte=day).values("pk")
        )

    def filter_counted(self, queryset, name, value):
        return queryset.exclude(status=CommitmentStatus.CANCELLED) if value else queryset

    def filter_open(self, queryset, name, value):
        # Still owed: planned or in progress (a cancelled one is not).
        return queryset.filter(OPEN) if value else queryset

    def filter_partner_kind(self, queryset, name, value):
        return self._with_partners(queryset, kind=value) if value else queryset

    def filter_text(self, queryset, name, value):
        return queryset.filter(description__icontains=value) if value else queryset

    def filter_responsible(self, queryset, name, unit):
        return _subtree(queryset, "responsible_unit", unit)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_due_year(self, queryset, name, year):
        if not year:
            return queryset
        return queryset.filter(Q(due_on__year=year) | Q(due_on__isnull=True, due_year=year))
