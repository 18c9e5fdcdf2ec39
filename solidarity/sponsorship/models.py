"""International sponsorship projects: funded by a foreign donor, with the money received and the
reports owed to the donor. Amounts in VND are whole đồng."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.fields import BoundedDateField
from solidarity.core.models import ChoiceLabelsModel
from solidarity.core.templatetags.core_tags import vnd
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index

from .choices import ProjectStatus

# Far above any real project, far below the 64-bit column: sums of a few cannot overflow.
MAX_VND = 10**15
MAX_AMOUNT = 10**13
CURRENCY_CODE = RegexValidator(
    r"^[A-Z]{3}\Z", _("Enter the three-letter ISO currency code, e.g. VND, USD or EUR."), code="currency"
)
VND_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_VND)]
AMOUNT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)]


def foreign_amount(amount, currency: str) -> str:
    """ "12.500,00 USD" (or the VND figure when the currency is VND)."""
    if currency == "VND":
        return vnd(int(amount))
    return f"{number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)} {currency}"


class Project(UnitRecord):
    """A project a foreign donor (ILO, a foreign union centre, an NGO) funds and the unit carries out."""

    title = models.CharField(_("title"), max_length=300)
    donor = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="sponsored_projects",
        verbose_name=_("donor"),
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="implemented_projects",
        verbose_name=_("implementing partner"),
    )
    objectives = models.TextField(_("objectives"), blank=True)
    start_on = BoundedDateField(_("start date"))
    end_on = BoundedDateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    currency = models.CharField(_("budget currency"), max_length=3, default="VND", validators=[CURRENCY_CODE])
    budget_amount = models.DecimalField(
        _("approved budget"), max_digits=16, decimal_places=2, validators=AMOUNT_VALIDATORS
    )
    budget_rate = models.DecimalField(
        _("exchange rate of the budget"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    budget_vnd = models.BigIntegerField(_("approved budget in VND"), validators=VND_VALIDATORS)
    # Kept by the disbursement services in their transaction: a list shows it without a sum per row.
    received_vnd = models.BigIntegerField(_("received in VND"), default=0, editable=False)
    meetings = models.ManyToManyField(
        "meetings.Meeting", blank=True, related_name="sponsorship_projects", verbose_name=_("meetings")
    )
    delegations = models.ManyToManyField(
        "delegations.Delegation",
        blank=True,
        related_name="sponsorship_projects",
        verbose_name=_("delegations"),
    )
    support_records = models.ManyToManyField(
        "support.Support", blank=True, related_name="sponsorship_projects", verbose_name=_("support")
    )
    # Trainings are not recorded yet: link them here once their app exists.

    history = HistoricalRecords()
    history_lines = ("disbursements", "donor_reports")
    objects = UnitRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("sponsorship project")
        verbose_name_plural = _("sponsorship projects")
        indexes = [
            current_index("start_on", name="sponsorship_current_idx"),
            # A national list (no scope to filter) reads its page in this order from an index.
            models.Index(fields=["start_on", "id"], name="sponsorship_start_idx"),
            models.Index(fields=["donor", "start_on", "id"], name="sponsorship_donor_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sponsorship:detail", args=[self.pk])

    @property
    def budget_display(self) -> str:
        return foreign_amount(self.budget_amount, self.currency)


class Disbursement(ChoiceLabelsModel):
    """Money received from the donor for a project, valued in đồng at the rate of the day."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="disbursements", verbose_name=_("project")
    )
    received_on = BoundedDateField(_("received on"))
    currency = models.CharField(_("currency"), max_length=3, default="VND", validators=[CURRENCY_CODE])
    amount = models.DecimalField(
        _("amount in that currency"), max_digits=16, decimal_places=2, validators=AMOUNT_VALIDATORS
    )
    rate = models.DecimalField(
        _("exchange rate of the day"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    amount_vnd = models.BigIntegerField(_("value in VND"), validators=VND_VALIDATORS)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # A ledger keeps its history: money entered by mistake is cancelled by a reversal (the same
    # amount, dated, with the reason in its note), never deleted (services.disbursement_reverse).
    reverses = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="reversal",  # one reversal per disbursement, held by the database too
        verbose_name=_("reverses"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["project", "received_on", "pk"]
        indexes = [models.Index(fields=["received_on", "project"], name="sponsorship_received_idx")]

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def signed_vnd(self) -> int:
        """What the line adds to the money received: a reversal takes its amount back."""
        return -self.amount_vnd if self.is_reversal else self.amount_vnd

    def delete(self, *args, **kwargs):
        raise ValidationError(gettext("Money received is not deleted: reverse it instead."))

    def __str__(self) -> str:
        text = f"{date_format(self.received_on, 'SHORT_DATE_FORMAT')}: {vnd(self.signed_vnd)}"
        if self.currency != "VND":
            text += f" ({foreign_amount(self.amount, self.currency)})"
        return text


class DonorReport(ChoiceLabelsModel):
    """A report the project owes its donor by a deadline; overdue while not submitted after it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="donor_reports", verbose_name=_("project")
    )
    title = models.CharField(_("report"), max_length=200)
    due_on = BoundedDateField(_("due on"))
    submitted_on = BoundedDateField(_("submitted on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report to the donor")
        verbose_name_plural = _("reports to the donor")
        ordering = ["project", "due_on", "pk"]
        indexes = [
            models.Index(fields=["submitted_on", "due_on", "project"], name="sponsorship_report_due_idx")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({date_format(self.due_on, 'SHORT_DATE_FORMAT')})"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.submitted_on is None and self.due_on < (today or timezone.localdate())
