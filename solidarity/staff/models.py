"""Foreign-affairs staff: the officers who do the work in each unit, their languages, their trainings.

A person here is a unit's record (``UnitRecord``): the unit that keeps the
register owns the row, its level and the levels above see it, siblings never.
Only work facts live on :class:`Officer` (name, position, employment,
languages, years in the work). Personal data that the personal data law
(91/2025/QH15) protects more closely (consent and its evidence, identity and
passport numbers, health) is meant to go in its own rows hanging on the
officer (one-to-one or child tables, encrypted, shown by permission), so the
register, its lists and its figures never need to read them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.fields import BoundedDateField
from solidarity.core.models import ChoiceLabelsModel
from solidarity.core.search import text_search
from solidarity.core.text import fold_join
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index

from .choices import Employment, Language, LanguageLevel, TrainingFormat

FIRST_YEAR = 1950
LAST_YEAR = 2100


class SearchableQuerySet(UnitRecordQuerySet):
    def search(self, text: str):
        return text_search(self, text)


class Officer(UnitRecord):
    """A person doing foreign-affairs work in a unit, full-time or part-time (kiêm nhiệm)."""

    full_name = models.CharField(_("full name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer_records",
        verbose_name=_("user account"),
        help_text=_("When the person has an account: one of the unit's members."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    employment = models.CharField(
        _("employment"), max_length=10, choices=Employment.choices, default=Employment.PART_TIME
    )
    started_year = models.PositiveSmallIntegerField(
        _("year started in foreign-affairs work"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    left_on = BoundedDateField(
        _("left foreign-affairs work on"),
        null=True,
        blank=True,
        help_text=_("Empty while the person still does the work."),
    )
    notes = models.TextField(_("notes"), blank=True)
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])
    history_lines = ("languages",)
    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("foreign-affairs officer")
        verbose_name_plural = _("foreign-affairs officers")
        indexes = [
            models.Index(fields=["full_name", "id"]),  # a national list in order, from the index
            current_index("full_name", name="staff_officer_current_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_unit", "user"],
                condition=Q(user__isnull=False),
                name="staff_officer_one_per_user_and_unit",
                violation_error_message=_("This user is already on the unit's register."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.full_name, self.position)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("staff:officer_detail", args=[self.pk])

    @property
    def person_key(self) -> str:
        """Who this person is for the travel rules, across units' registers: their user account
        (two units' rows for one user are one person), else this row. Delegation members linked
        to the officer carry it (``delegations.Member.person_key``)."""
        return f"user:{self.user_id}" if self.user_id else f"officer:{self.pk}"

    @property
    def is_part_time(self) -> bool:
        return self.employment == Employment.PART_TIME

    @property
    def has_left(self) -> bool:
        return self.left_on is not None


class OfficerLanguage(ChoiceLabelsModel):
    """A language an officer works in, with a level (CEFR, or native)."""

    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="languages", verbose_name=_("officer")
    )
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    level = models.CharField(_("proficiency"), max_length=10, choices=LanguageLevel.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("foreign languages")
        ordering = ["officer", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "language"], name="staff_language_once_per_officer")
        ]
        indexes = [models.Index(fields=["language", "officer"])]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_level_display()})"


class Training(UnitRecord):
    """A training course a unit organises for foreign-affairs officers of its own and lower units."""

    title = models.CharField(_("course title"), max_length=300)
    starts_on = BoundedDateField(_("first day"))
    ends_on = BoundedDateField(_("last day"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    topic = models.TextField(_("topic"), blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=TrainingFormat.choices, default=TrainingFormat.IN_PERSON
    )
    trainers = models.TextField(_("trainers"), blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("partner"),
        help_text=_("When a partner organised it with us or paid for it."),
    )
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])
    history_lines = ("participants",)
    objects = SearchableQuerySet.as_manager()

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        indexes = [
            models.Index(fields=["ends_on", "id"]),
            current_index("ends_on", name="staff_training_current_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.title, self.topic, self.place, self.trainers)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("staff:training_detail", args=[self.pk])


class Participant(ChoiceLabelsModel):
    """An officer who took part in a training, with their result or certificate.

    The certificate's file is one of the training's files (records.attachments),
    so it is downloaded through the training's permission check.
    """

    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="participants", verbose_name=_("training")
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="participations", verbose_name=_("officer")
    )
    result = models.CharField(_("result or certificate"), max_length=300, blank=True)
    certificate = models.ForeignKey(
        "core.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate file"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["training", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "officer"], name="staff_participant_once_per_training"
            )
        ]
        indexes = [models.Index(fields=["officer", "training"])]

    def __str__(self) -> str:
        return f"{self.officer} · {self.training}"
