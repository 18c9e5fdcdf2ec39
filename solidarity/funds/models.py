"""Social funds: a unit's funds and their ledgers, in whole đồng.

A ledger keeps its history: an entry is never changed or deleted, a mistake
is corrected by a reversal (an entry that cancels it), and once a period is
closed nothing dated in it can be added or reversed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.fields import BoundedDateField
from solidarity.core.models import ChoiceLabelsModel
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index

from .choices import Direction, FundUse, IncomeSource

# As for support: far above any real fund, far below the 64-bit column, so sums cannot overflow.
MAX_VND = 10**15
MAX_BENEFICIARIES = 10_000_000


class Fund(UnitRecord):
    """A social fund a unit keeps (e.g. a fund for members in hardship): what it is for and its rules.

    ``balance_vnd`` and ``closed_through`` are kept by the services, under the
    fund's row lock, with every entry and closing.
    """

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    rules = models.TextField(_("rules"), blank=True, help_text=_("How the fund is raised and used."))
    balance_vnd = models.BigIntegerField(_("balance in VND"), default=0, editable=False)
    closed_through = models.DateField(_("closed through"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["balance_vnd"])
    objects = UnitRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("social fund")
        verbose_name_plural = _("social funds")
        indexes = [
            current_index("name", name="funds_fund_current_idx"),
            # A national list (no scope to filter) reads its page in this order from an index.
            models.Index(fields=["name", "id"], name="funds_fund_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funds:detail", args=[self.pk])

    def is_closed_on(self, day) -> bool:
        return self.closed_through is not None and day <= self.closed_through


class FundEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(fund__in=Fund.objects.visible_to(user))


def balance_effect():
    """What an entry does to its fund's balance: income adds, spending takes, a reversal undoes."""
    amount, minus = F("amount_vnd"), Value(-1, output_field=models.BigIntegerField())
    adds = Q(direction=Direction.INCOME, reverses__isnull=True) | Q(
        direction=Direction.SPENDING, reverses__isnull=False
    )
    return Case(When(adds, then=amount), default=amount * minus, output_field=models.BigIntegerField())


class FundEntry(ChoiceLabelsModel):
    """One dated line of a fund's ledger: income by source, or spending on a use for some beneficiaries.

    Written once by ``funds.services.entry_add`` or ``entry_reverse``, never
    changed: a reversal (``reverses``) carries the same amount and cancels it.
    """

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries", verbose_name=_("fund"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    entry_on = BoundedDateField(_("date"))
    source = models.CharField(_("source"), max_length=20, choices=IncomeSource.choices, blank=True)
    use = models.CharField(_("use"), max_length=20, choices=FundUse.choices, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    beneficiaries = models.PositiveIntegerField(
        _("beneficiaries"), null=True, blank=True, validators=[MaxValueValidator(MAX_BENEFICIARIES)]
    )
    amount_vnd = models.BigIntegerField(
        _("amount in VND"), validators=[MinValueValidator(1), MaxValueValidator(MAX_VND)]
    )
    voucher = models.CharField(_("voucher number"), max_length=60, blank=True)
    note = models.TextField(_("note"), blank=True)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",  # one reversal per entry, held by the database too
        verbose_name=_("reverses"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    objects = FundEntryQuerySet.as_manager()

    # Its files (the receipt, the list of beneficiaries) are attached with the line and downloaded
    # through the fund's scope (records.views); like the line, they are not changed afterwards.
    files_with_line = True
    archived_at = None  # a line is never archived: its fund is checked active by every write

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        indexes = [
            # The fund's ledger in date order, and its running balance, from the index.
            models.Index(fields=["fund", "entry_on", "id"], name="funds_entry_ledger_idx"),
            # The entries' list, newest first, across the funds of a scope.
            models.Index(fields=["entry_on", "id"], name="funds_entry_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="funds_entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(direction=Direction.INCOME, use="") | Q(direction=Direction.SPENDING, source=""),
                name="funds_entry_source_or_use",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} · {self.entry_on} · {self.amount_vnd}"

    def get_absolute_url(self) -> str:
        return f"{self.fund.get_absolute_url()}#entry-{self.pk}"

    @property
    def owner_unit(self):
        """The fund's unit: the permission rule and the files read it as for any unit's record."""
        return self.fund.owner_unit

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def signed_vnd(self) -> int:
        """The entry's effect on the balance (see :func:`balance_effect`)."""
        sign = -1 if self.is_reversal else 1
        return sign * (self.amount_vnd if self.direction == Direction.INCOME else -self.amount_vnd)

    def save(self, *args, **kwargs):
        # A ledger line is written once; corrections are reversals (services.entry_reverse).
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(gettext("A fund entry cannot be changed: reverse it instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(gettext("A fund entry cannot be deleted: reverse it instead."))


class FundClosing(models.Model):
    """A period closed by a leader: nothing dated on or before ``closed_through`` can be added or reversed."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="closings", verbose_name=_("fund"))
    closed_through = BoundedDateField(_("closed through"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    closed_at = models.DateTimeField(_("at"), auto_now_add=True)
    balance_vnd = models.BigIntegerField(_("balance at closing"), default=0)

    class Meta:
        verbose_name = _("fund closing")
        verbose_name_plural = _("fund closings")
        ordering = ["-closed_through"]

    def __str__(self) -> str:
        return f"{self.fund} ≤ {self.closed_through}"
