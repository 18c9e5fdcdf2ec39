"""The annual foreign-affairs plan of a unit, its items and its budget by funding source.

A unit plans its year ahead (the unified-management regulation): every
activity it means to carry out, with its estimated cost by source, and the
budget it asks for. The level above approves it through the same workflow as
a delegation. A mid-year amendment is a new revision of the plan that copies
the approved one and goes through approval again; the approved revisions stay.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from solidarity.core.choices import FundingSource
from solidarity.core.models import ChoiceLabelsModel
from solidarity.core.templatetags.core_tags import vnd
from solidarity.records.base import UnitRecord, current_index

from .choices import PlanItemKind, PlanState

# Far above any unit's yearly budget, far below the 64-bit column's limit.
MAX_VND = 10**15
VND_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_VND)]
MIN_YEAR, MAX_YEAR = 2000, 2100


class Plan(UnitRecord):
    """One revision of a unit's foreign-affairs plan for a year.

    Revision 1 is the plan; 2, 3... are mid-year amendments, each a full copy
    (``amends`` the revision it started from). The unit's current plan for a
    year is its latest approved revision. ``version`` (from ``UnitRecord``) is
    the edit-conflict counter, not the revision.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1, editable=False)
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="amendments",
        verbose_name=_("amends"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT, db_index=True
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Priorities of the year, what changed."))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    history_lines = ("items", "budget_lines")

    # The freeze sentence once approved (``records.workflow.frozen_reason``).
    approved_freeze_reason = _(
        "The plan stays as the leaders of the level above approved it: it changes only through an "
        "amendment, a new revision that they approve again. An activity that will not take place "
        "can still be marked as dropped."
    )
    # Approving a plan is not deciding on one activity: not in the approval turnaround.
    counts_in_turnaround = False

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        constraints = [
            models.UniqueConstraint(
                fields=["owner_unit", "year", "revision"],
                condition=Q(archived_at__isnull=True),
                name="plan_one_per_unit_year_revision",
            )
        ]
        indexes = [
            current_index("year", name="plan_current_idx"),
            models.Index(fields=["year", "state"], name="plan_year_state_idx"),
        ]

    def __str__(self) -> str:
        if self.revision > 1:
            return _("Plan %(year)s of %(unit)s (amendment %(n)s)") % {
                "year": self.year,
                "unit": self.owner_unit.display_name,
                "n": self.revision - 1,
            }
        return _("Plan %(year)s of %(unit)s") % {"year": self.year, "unit": self.owner_unit.display_name}

    @property
    def year_over(self) -> bool:
        """The plan's year has ended: an activity not done now was not carried out."""
        return timezone.localdate().year > self.year

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    def approver_unit(self):
        """Always the parent's leaders (a unit never approves its own plan); the root approves its own."""
        from solidarity.units.models import Unit

        if self.owner_unit.depth == 1:
            return self.owner_unit
        return Unit.objects.get(path=self.owner_unit.parent_path)


class PlanItem(ChoiceLabelsModel):
    """One activity the unit plans for the year: a delegation, a meeting, an agreement, support..."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan"))
    kind = models.CharField(_("kind"), max_length=20, choices=PlanItemKind.choices)
    title = models.CharField(_("activity"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("partner"),
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        choices=[(q, q) for q in range(1, 5)],
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    people = models.PositiveSmallIntegerField(_("planned number of people"), null=True, blank=True)
    origin = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="continuations",
        verbose_name=_("item of the first revision"),
    )
    dropped = models.BooleanField(_("dropped"), default=False, editable=False)
    dropped_reason = models.TextField(_("why it was dropped"), blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "quarter", "pk"]

    def __str__(self) -> str:
        return f"{self.title} (Q{self.quarter}/{self.plan.year})" if self.plan_id else self.title

    @property
    def origin_key(self) -> int:
        """The same activity across revisions: the first revision's item."""
        return self.origin_id or self.pk


class PlanItemCost(ChoiceLabelsModel):
    """An item's estimated cost from one funding source, in whole đồng."""

    item = models.ForeignKey(
        PlanItem, on_delete=models.CASCADE, related_name="costs", verbose_name=_("plan item")
    )
    source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    amount_vnd = models.BigIntegerField(_("estimated cost in VND"), validators=VND_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("estimated cost")
        verbose_name_plural = _("estimated costs")
        ordering = ["item", "source"]
        constraints = [
            models.UniqueConstraint(fields=["item", "source"], name="plan_item_cost_one_per_source")
        ]


class PlanBudgetLine(ChoiceLabelsModel):
    """The plan's budget from one funding source for the year, in whole đồng."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("plan")
    )
    source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    amount_vnd = models.BigIntegerField(_("budget in VND"), validators=VND_VALIDATORS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["plan", "source"]
        constraints = [models.UniqueConstraint(fields=["plan", "source"], name="plan_budget_one_per_source")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {vnd(self.amount_vnd)}"
