from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.fields import BoundedDateField
from solidarity.core.models import ChoiceLabelsModel
from solidarity.core.text import fold_join
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index

from .choices import AgreementStatus, AgreementType, CommitmentStatus, SigningStepKind


class Agreement(UnitRecord):
    """A signed cooperation record (thỏa thuận, biên bản hợp tác, biên bản ghi nhớ) with partners."""

    title = models.CharField(_("agreement title"), max_length=300)
    agreement_type = models.CharField(_("type"), max_length=30, choices=AgreementType.choices)
    partners = models.ManyToManyField(
        "partners.Partner", related_name="agreements", verbose_name=_("partners")
    )
    signed_on = BoundedDateField(_("signing date"), null=True, blank=True)
    signed_place = models.CharField(_("signing place"), max_length=200, blank=True)
    our_signatory = models.CharField(_("our signatory"), max_length=200, blank=True)
    partner_signatory = models.CharField(_("partner's signatory"), max_length=200, blank=True)
    valid_from = BoundedDateField(_("valid from"), null=True, blank=True)
    valid_to = BoundedDateField(_("valid until"), null=True, blank=True, help_text=_("Empty if open-ended."))
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    renewal_warning_on = BoundedDateField(_("warn about renewal on"), null=True, blank=True)
    is_international_agreement = models.BooleanField(
        _("international agreement (Law 70/2020/QH14)"),
        default=True,
        help_text=_("Track the opinions, signature and copy to the Ministry of Foreign Affairs."),
    )
    summary = models.TextField(_("summary"), blank=True)
    plan_item = models.ForeignKey(
        "plans.PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("plan item it carries out"),
        help_text=_(
            "From the owning unit's approved plan of the year. None: outside the annual plan, say why."
        ),
    )
    out_of_plan_reason = models.TextField(_("reason for an activity outside the plan"), blank=True)
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])
    history_lines = ("phases", "signing_steps", "commitments")
    objects = UnitRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            models.Index(fields=["signed_on", "id"]),
            models.Index(fields=["status"]),
            # Timelines (a partner's, an agreement's) pick their newest rows on these narrow
            # columns, never reading a wide row they do not show: by id when the links lead
            # (few rows), by date when the planner walks the newest and checks each link.
            models.Index(
                fields=["id", "signed_on", "archived_at", "owner_unit"], name="agreement_timeline_idx"
            ),
            models.Index(
                fields=["signed_on", "id", "archived_at", "owner_unit"], name="agreement_timeline_date_idx"
            ),
            current_index("signed_on", name="agreement_current_idx"),
            # "Due for renewal" on the home page: per owning unit of the scope, from the index
            # alone; the archived left out.
            models.Index(
                fields=["owner_unit", "status", "renewal_warning_on"],
                condition=models.Q(archived_at__isnull=True),
                name="agreement_renewal_idx",
            ),
            # ...and for a national user, whose scope filters no unit.
            models.Index(
                fields=["status", "renewal_warning_on"],
                condition=models.Q(archived_at__isnull=True),
                name="agreement_renewal_all_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold_join(
            self.title, self.signed_place, self.our_signatory, self.partner_signatory
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.pk])

    @property
    def renewal_due(self) -> bool:
        return bool(self.renewal_warning_on and self.renewal_warning_on <= timezone.localdate())


PHASE_MIN_YEAR, PHASE_MAX_YEAR = 1945, 2100
PHASE_YEAR_VALIDATORS = [MinValueValidator(PHASE_MIN_YEAR), MaxValueValidator(PHASE_MAX_YEAR)]


class Phase(models.Model):
    """A multi-year stage of an agreement's programme, e.g. 2022–2024, with its contents."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="phases", verbose_name=_("agreement")
    )
    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("from year"), validators=PHASE_YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("to year"), validators=PHASE_YEAR_VALIDATORS)
    contents = models.TextField(_("contents"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["start_year", "pk"]

    def __str__(self) -> str:
        return self.name


class SigningStep(ChoiceLabelsModel):
    """One step of the signing procedure, with its due date; late steps are flagged."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="signing_steps", verbose_name=_("agreement")
    )
    kind = models.CharField(_("step"), max_length=30, choices=SigningStepKind.choices)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = BoundedDateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signing step")
        verbose_name_plural = _("signing steps")
        ordering = ["agreement", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "kind"], name="signing_step_unique")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_late(self) -> bool:
        if self.due_on is None:
            return False
        return (self.done_on or timezone.localdate()) > self.due_on


class CommitmentQuerySet(UnitRecordQuerySet):
    def overdue(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        open_ = self.filter(status__in=[CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS])
        return open_.filter(models.Q(due_on__lt=on) | models.Q(due_on__isnull=True, due_year__lt=on.year))


class Commitment(UnitRecord):
    """An agreed action (nội dung hợp tác, cam kết) with a responsible unit and a due date or year."""

    description = models.TextField(_("description"))
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("agreement"),
    )
    phase = models.ForeignKey(
        Phase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("phase"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("from the meeting"),
    )
    responsible_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_commitments",
        verbose_name=_("responsible unit"),
    )
    due_on = BoundedDateField(_("due date"), null=True, blank=True)
    due_year = models.PositiveSmallIntegerField(_("due year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED
    )
    done_on = BoundedDateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # Timelines: a partner's commitments are reached through its agreements' and
            # meetings' links; these give each one's date, archive mark and owner without the row.
            models.Index(
                fields=["agreement", "done_on", "due_on", "due_year", "archived_at", "owner_unit", "id"],
                name="commitment_agreement_tl_idx",
            ),
            models.Index(
                fields=["meeting", "done_on", "due_on", "due_year", "archived_at", "owner_unit", "id"],
                name="commitment_meeting_tl_idx",
            ),
            # The list's order: the national list reads one page of it instead of sorting them all.
            models.Index(fields=["due_on", "due_year", "id"], name="commitment_due_idx"),
            current_index("due_on", "due_year", name="commitment_current_idx"),
            # "Overdue" on the home page: per owning unit of the scope, from the index alone;
            # the archived left out.
            models.Index(
                fields=["owner_unit", "status", "due_on", "due_year"],
                condition=models.Q(archived_at__isnull=True),
                name="commitment_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("agreements:commitment_detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        if self.status not in (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS):
            return False
        today = timezone.localdate()
        if self.due_on:
            return self.due_on < today
        return bool(self.due_year and self.due_year < today.year)
