from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.choices import FundingSource
from solidarity.core.fields import BoundedDateField, CountryField
from solidarity.core.text import fold_join
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index
from solidarity.records.workflow import ApprovalState

from .choices import MeetingKind


class Meeting(UnitRecord):
    """A seminar, workshop, conference, forum or working session, hosted or attended.

    Hosting an international one goes through the same approval as a delegation.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("meeting title"), max_length=300)
    hosted = models.BooleanField(_("hosted by us"), default=True, help_text=_("Unticked: we attended."))
    is_international = models.BooleanField(_("international"), default=True)
    start_on = BoundedDateField(_("start date"))
    end_on = BoundedDateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    country = CountryField(
        _("country"), blank=True, help_text=_("Country where it is held; leave empty for Vietnam.")
    )
    chairs = models.CharField(_("chair and co-chairs"), max_length=500, blank=True)
    partners = models.ManyToManyField(
        "partners.Partner", related_name="meetings", blank=True, verbose_name=_("partners")
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("agreement"),
    )
    plan_item = models.ForeignKey(
        "plans.PlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("plan item it carries out"),
        help_text=_(
            "From the owning unit's approved plan of the year. None: outside the annual plan, say why."
        ),
    )
    out_of_plan_reason = models.TextField(_("reason for an activity outside the plan"), blank=True)
    cost_vnd = models.BigIntegerField(
        _("cost in VND"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10**15)],
        help_text=_("What the meeting cost us, in whole đồng (counts against the budget)."),
    )
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices, blank=True
    )
    domestic_participants = models.PositiveIntegerField(_("domestic participants"), default=0)
    foreign_participants = models.PositiveIntegerField(_("foreign participants"), default=0)
    topics = models.TextField(_("topics"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    state = models.CharField(
        _("approval state"),
        max_length=20,
        choices=ApprovalState.choices,
        default=ApprovalState.DRAFT,
        db_index=True,
    )
    report_text = models.TextField(_("report after the event"), blank=True)
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])
    history_lines = ("commitments",)  # follow-ups agreed at the meeting
    # The freeze sentence once approved (``records.workflow.frozen_reason``).
    approved_freeze_reason = _(
        "The proposal stays as the leaders approved it. What happened can still be added: "
        "the conclusions, the follow-up commitments and files."
    )
    objects = UnitRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["start_on", "id"]),
            # The leaders' queue: submitted ones in date order, without walking every meeting.
            models.Index(fields=["state", "start_on", "id"], name="meeting_state_start_idx"),
            # Timelines (a partner's, an agreement's) pick their newest rows on these narrow
            # columns, never reading a wide row they do not show: by id when the links lead
            # (few rows), by date when the planner walks the newest and checks each link.
            models.Index(fields=["id", "start_on", "archived_at", "owner_unit"], name="meeting_timeline_idx"),
            models.Index(
                fields=["start_on", "id", "archived_at", "owner_unit"], name="meeting_timeline_date_idx"
            ),
            current_index("start_on", name="meeting_current_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.title, self.place, self.chairs, self.topics[:500])
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def needs_approval(self) -> bool:
        return self.hosted and self.is_international
