"""Migrant and mobile workers: the cases of workers moving between Vietnam and a partner country.

A case is a unit's record (``UnitRecord``): its facts (country, sector,
situation, status, the partner union involved, the support given) are seen
by everyone who sees the unit's records, and they alone make the figures.
The person's details are personal data (Law 91/2025/QH15): only users with
the personal-data grant on the unit see them (``may_see_personal``); the
ID and passport numbers and health notes are sensitive, encrypted at rest,
never in a list, shown on request and each showing logged. The fields are
declared once, as the app's ``PersonKind`` (apps.py), for the privacy duties.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.fields import BoundedDateField, CountryField
from solidarity.core.models import ChoiceLabelsModel
from solidarity.core.search import text_search
from solidarity.core.text import fold_join
from solidarity.privacy.fields import EncryptedCharField, EncryptedTextField
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index

from .choices import CaseStatus, Sector, Sex, Situation

FIRST_BIRTH_YEAR = 1920
LAST_BIRTH_YEAR = 2100

# The person's details: hidden without the grant, erased on request and by retention.
PERSONAL_FIELDS = (
    "full_name",
    "birth_year",
    "sex",
    "home_commune",
    "home_province",
    "workplace_abroad",
    "employer",
    "phone",
    "situation_details",
    "id_number",
    "passport_number",
    "health_notes",
)
# Encrypted, never in a list or the history, shown one click at a time.
SENSITIVE_FIELDS = ("id_number", "passport_number", "health_notes")
ERASED_NAME = "[đã xoá]"


class MigrantCaseQuerySet(UnitRecordQuerySet):
    def search(self, text: str):
        return text_search(self, text)


class MigrantCase(UnitRecord):
    """A migrant or mobile worker's case: who, where, what happened, what the union did about it."""

    # -- the case's facts: seen by everyone who sees the unit's records, counted in the figures
    country = CountryField(_("country"), default="LA")
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER)
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    opened_on = BoundedDateField(_("opened on"))
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_on = BoundedDateField(_("closed on"), null=True, blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="migrant_cases",
        verbose_name=_("partner union involved"),
    )
    support_given = models.TextField(
        _("support given"),
        blank=True,
        help_text=_("What was done for the worker. No names or identity numbers here."),
    )

    # -- the person: personal data, only with the grant
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_BIRTH_YEAR), MaxValueValidator(LAST_BIRTH_YEAR)],
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    home_commune = models.CharField(_("home commune"), max_length=200, blank=True)
    home_province = models.CharField(_("home province"), max_length=100, blank=True)
    workplace_abroad = models.CharField(_("workplace abroad"), max_length=300, blank=True)
    employer = models.CharField(_("employer"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    situation_details = models.TextField(_("situation details"), blank=True)
    # -- sensitive: encrypted at rest (never filtered, sorted or searched on)
    id_number = EncryptedCharField(_("citizen ID number (CCCD)"), max_length=20, null=True, blank=True)
    passport_number = EncryptedCharField(_("passport number"), max_length=20, null=True, blank=True)
    health_notes = EncryptedTextField(_("health notes"), null=True, blank=True)

    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text", *SENSITIVE_FIELDS])
    history_lines = ("follow_ups",)
    objects = MigrantCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("migrant worker's case")
        verbose_name_plural = _("migrant workers' cases")
        indexes = [
            models.Index(fields=["opened_on", "id"]),
            current_index("opened_on", name="migrants_case_current_idx"),
        ]

    def __str__(self) -> str:
        # Never the person's name: the title shows on pages and in messages seen without the grant.
        return str(_("Case #%(id)s")) % {"id": self.pk}

    def save(self, *args, **kwargs):
        # The case's facts only: someone without the grant must not find a case by a person's name.
        self.search_text = fold_join(
            self.country.name, self.get_sector_display(), self.get_situation_display(), self.support_given
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("migrants:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class FollowUp(ChoiceLabelsModel):
    """One step taken on a case, dated: a call, a visit, a letter to the partner union, a payment."""

    case = models.ForeignKey(
        MigrantCase, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("case")
    )
    done_on = BoundedDateField(_("date"))
    note = models.TextField(_("action or note"))
    done_by = models.CharField(_("by whom"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["case", "done_on", "pk"]
        indexes = [models.Index(fields=["case", "done_on"])]

    def __str__(self) -> str:
        return f"{self.done_on:%d/%m/%Y}"
