from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.choices import FundingSource
from solidarity.core.fields import BoundedDateField
from solidarity.core.models import ChoiceLabelsModel
from solidarity.core.templatetags.core_tags import vnd
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index

from .choices import SupportDirection, SupportForm

# 10^15 đồng (a million billion) is far above any real support and far below
# the 64-bit limit of the column, so sums of a few records cannot overflow.
MAX_VND = 10**15
MAX_QUANTITY = 1_000_000
VND_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_VND)]


class Support(UnitRecord):
    """Support, sponsorship or gifts given to or received from a partner; amounts in whole đồng."""

    direction = models.CharField(_("direction"), max_length=10, choices=SupportDirection.choices)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="support", verbose_name=_("counterpart")
    )
    given_on = BoundedDateField(_("date"))
    form = models.CharField(_("form"), max_length=20, choices=SupportForm.choices)
    description = models.TextField(_("description"), blank=True)
    currency = models.CharField(_("original currency"), max_length=3, default="VND")
    amount_original = models.DecimalField(
        _("amount in the original currency"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    exchange_rate = models.DecimalField(
        _("exchange rate to VND"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    total_vnd = models.BigIntegerField(_("total in VND"), validators=VND_VALIDATORS)
    funding_source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    delegation = models.ForeignKey(
        "delegations.Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support",
        verbose_name=_("delegation"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support",
        verbose_name=_("meeting"),
    )

    plan_item = models.ForeignKey(
        "plans.PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support",
        verbose_name=_("plan item it carries out"),
        help_text=_(
            "Support given: from the owning unit's approved plan of the year. "
            "None: outside the annual plan, say why."
        ),
    )
    out_of_plan_reason = models.TextField(_("reason for an activity outside the plan"), blank=True)

    history = HistoricalRecords()
    history_lines = ("items",)
    objects = UnitRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("support")
        indexes = [
            models.Index(fields=["given_on", "id"]),
            # A partner's timeline: its newest support in date order, on the index alone.
            models.Index(
                fields=["partner", "given_on", "id", "archived_at", "owner_unit"],
                name="support_partner_tl_idx",
            ),
            current_index("given_on", name="support_current_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} · {self.partner} · {self.given_on}"

    def get_absolute_url(self) -> str:
        return reverse("support:detail", args=[self.pk])


class SupportItem(ChoiceLabelsModel):
    """One line of support: laptops, gifts for Bun Pi May, ... with quantity and value in VND."""

    support = models.ForeignKey(
        Support, on_delete=models.CASCADE, related_name="items", verbose_name=_("support")
    )
    description = models.CharField(_("item"), max_length=300)
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    value_vnd = models.BigIntegerField(_("total value in VND"), validators=VND_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support item")
        verbose_name_plural = _("support items")
        ordering = ["support", "pk"]

    def __str__(self) -> str:
        return f"{self.description} ({self.quantity}): {vnd(self.value_vnd)}"
