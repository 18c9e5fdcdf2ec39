from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.choices import FundingSource
from solidarity.core.dates import add_days
from solidarity.core.fields import BirthDateField, BoundedDateField, CountryField
from solidarity.core.models import ChoiceLabelsModel
from solidarity.core.templatetags.core_tags import vnd
from solidarity.core.text import fold, fold_join
from solidarity.privacy.fields import EncryptedCharField, EncryptedTextField
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index
from solidarity.records.workflow import ApprovalState

from .choices import CostKind, Direction, MemberRole

# A member's personal data (Decree 356/2025/NĐ-CP), hidden from users without the personal-data
# grant on the delegation's unit; the sensitive ones are encrypted at rest and shown masked until
# a grant holder asks to see them (logged). Name, unit, title and role stay: they are the trip's.
MEMBER_PERSONAL_FIELDS = ("date_of_birth", "phone", "passport_number", "id_number", "health_notes")
MEMBER_SENSITIVE_FIELDS = ("passport_number", "id_number", "health_notes")


class DelegationQuerySet(UnitRecordQuerySet):
    def report_overdue(self, on: datetime.date | None = None):
        """Carried out, report not filed, and the deadline (end date + N days) has passed."""
        on = on or timezone.localdate()
        deadline = on - datetime.timedelta(days=settings.DELEGATION_REPORT_DAYS)
        return self.filter(state__in=[ApprovalState.APPROVED, ApprovalState.CARRIED_OUT], end_on__lt=deadline)


class Delegation(UnitRecord):
    """An outgoing (đoàn ra) or incoming (đoàn vào) delegation, approved by the level above."""

    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    title = models.CharField(_("name of the delegation"), max_length=300)
    purpose = models.TextField(_("purpose and content"), blank=True)
    partners = models.ManyToManyField(
        "partners.Partner", related_name="delegations", blank=True, verbose_name=_("partners")
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    cities = models.CharField(_("cities"), max_length=300, blank=True)
    start_on = BoundedDateField(_("start date"))
    end_on = BoundedDateField(_("end date"))
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("agreement it serves"),
    )
    planned_count = models.PositiveSmallIntegerField(
        _("planned number of people"),
        null=True,
        blank=True,
        help_text=_("When the list of members is not known yet."),
    )
    plan_item = models.ForeignKey(
        "plans.PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("plan item it carries out"),
        help_text=_(
            "From the owning unit's approved plan of the year. None: outside the annual plan, say why."
        ),
    )
    # Kept as recorded: set by the services from ``plan_item`` (older records ticked a box).
    in_plan = models.BooleanField(_("in the annual plan"), default=True)
    out_of_plan_reason = models.TextField(_("reason for an activity outside the plan"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ApprovalState.choices, default=ApprovalState.DRAFT, db_index=True
    )
    report_text = models.TextField(_("post-trip report"), blank=True)
    report_filed_on = BoundedDateField(_("report filed on"), null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])
    history_lines = ("members", "programme", "costs")
    # The freeze sentence once approved (``records.workflow.frozen_reason``).
    approved_freeze_reason = _(
        "The proposal stays as the leaders approved it. What happened can still be added: "
        "the actual costs, files and the report after the trip."
    )
    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        indexes = [
            models.Index(fields=["start_on", "id"]),
            models.Index(fields=["direction", "start_on"]),
            # The leaders' queue: submitted ones in date order, without walking every delegation.
            models.Index(fields=["state", "start_on", "id"], name="delegation_state_start_idx"),
            # Timelines (a partner's, an agreement's) pick their newest rows on these narrow
            # columns, never reading a wide row they do not show: by id when the links lead
            # (few rows), by date when the planner walks the newest and checks each link.
            models.Index(
                fields=["id", "start_on", "archived_at", "owner_unit"], name="delegation_timeline_idx"
            ),
            models.Index(
                fields=["start_on", "id", "archived_at", "owner_unit"], name="delegation_timeline_date_idx"
            ),
            current_index("start_on", name="delegation_current_idx"),
            # "Reports overdue" on the home page: per owning unit of the scope, a range per state,
            # read from the index alone; the archived left out.
            models.Index(
                fields=["owner_unit", "state", "end_on"],
                condition=models.Q(archived_at__isnull=True),
                name="delegation_report_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.title, self.purpose[:500], self.cities)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("delegations:detail", args=[self.pk])

    @property
    def report_due_on(self) -> datetime.date:
        # Saturating: a stored end date near 31/12/9999 must not break every list showing it.
        return add_days(self.end_on, settings.DELEGATION_REPORT_DAYS)

    @property
    def is_report_overdue(self) -> bool:
        if self.state not in (ApprovalState.APPROVED, ApprovalState.CARRIED_OUT):
            return False
        return timezone.localdate() > self.report_due_on


class Member(ChoiceLabelsModel):
    """A person in a delegation: one of our people (outgoing) or a foreign guest (incoming).

    A person counts once per delegation: person-trips (lượt người) are members.
    """

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="members", verbose_name=_("delegation")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("our unit"),
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    role = models.CharField(
        _("role in the delegation"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    is_key_leader = models.BooleanField(
        _("key leader of the unit"), default=False, help_text=_("Chair or vice chair: travel rules apply.")
    )
    # PROTECT: the row says who travelled; deleting the officer would split the person's trips
    # back into name keys and the travel rules would stop counting them once. Officers are
    # archived, not deleted.
    officer = models.ForeignKey(
        "staff.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegation_members",
        verbose_name=_("officer on the register"),
        help_text=_("On a foreign-affairs officers' register: one person across units."),
    )
    person_key = models.CharField(max_length=255, editable=False, db_index=True)

    # -- personal data (Decree 356/2025/NĐ-CP), declared in ``apps.py``: hidden without the
    # personal-data grant; the encrypted ones are sensitive (masked, never listed or searched).
    date_of_birth = BirthDateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    passport_number = EncryptedCharField(_("passport number"), max_length=50, null=True, blank=True)
    id_number = EncryptedCharField(_("ID card number"), max_length=50, null=True, blank=True)
    health_notes = EncryptedTextField(
        _("health and dietary needs"),
        null=True,
        blank=True,
        help_text=_("Sensitive data: only what the trip needs."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["delegation", "pk"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.person_key = self.key()
        super().save(*args, **kwargs)

    def key(self) -> str:
        """The same person across delegations and units: the officer's key (their user account,
        else their register row); for anyone else, the folded name plus their unit."""
        if self.officer_id:
            return self.officer.person_key
        return f"{fold(self.full_name)}|{self.unit_id or fold(self.organisation)}"


class ProgrammeItem(models.Model):
    """One line of a delegation's programme: date, place, activity."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="programme", verbose_name=_("delegation")
    )
    day = BoundedDateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    activity = models.TextField(_("activity"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["day", "pk"]

    def __str__(self) -> str:
        return f"{date_format(self.day, 'SHORT_DATE_FORMAT')} · {Truncator(self.activity).chars(60)}"


# Bounds of a cost line: far above any real trip, far below the columns' limits.
MAX_VND = 10**15
MAX_AMOUNT = 10**13
CURRENCY_CODE = RegexValidator(
    r"^[A-Z]{3}\Z", _("Enter the three-letter ISO currency code, e.g. VND, USD or EUR."), code="currency"
)


class Cost(ChoiceLabelsModel):
    """An estimated or actual cost line by funding source, in any currency with its VND value."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="costs", verbose_name=_("delegation")
    )
    kind = models.CharField(_("estimated or actual"), max_length=10, choices=CostKind.choices)
    source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="VND",
        validators=[CURRENCY_CODE],
        help_text=_("Three-letter ISO code: VND, USD, EUR, LAK…"),
    )
    amount = models.DecimalField(
        _("amount in that currency"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    amount_vnd = models.BigIntegerField(
        _("value in VND"), validators=[MinValueValidator(0), MaxValueValidator(MAX_VND)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        ordering = ["delegation", "kind", "pk"]

    def __str__(self) -> str:
        amount = vnd(self.amount_vnd)
        if self.currency != "VND":
            foreign = number_format(self.amount, decimal_pos=2, use_l10n=True, force_grouping=True)
            amount = f"{foreign} {self.currency} ({amount})"
        return f"{self.get_kind_display()}, {self.get_source_display()}: {amount}"
