"""Foreign-affairs information both ways: an article read into draft records, a record written up as news."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.fields import BoundedDateField
from solidarity.records.base import UnitRecord, UnitRecordQuerySet, current_index

from .choices import ArticleState, NewsState


class Article(UnitRecord):
    """A news article pasted or uploaded by an officer, and its review.

    ``proposals`` holds what the extractor proposed and the officer's edits
    (accepted, dropped, corrected) until the officer confirms; ``created``
    then names the records made from it.
    """

    title = models.CharField(_("headline"), max_length=300, blank=True)
    text = models.TextField(_("text of the article"))
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    published_on = BoundedDateField(_("date of the article"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ArticleState.choices, default=ArticleState.REVIEW
    )
    proposals = models.JSONField(_("proposals"), default=list, blank=True)
    created = models.JSONField(_("records created"), default=list, blank=True)

    needs_approval = False  # its state is the review's, not the approval workflow's
    objects = UnitRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [current_index("created_at", name="news_article_current_idx")]

    def __str__(self) -> str:
        return self.title or str(_("Article of %(date)s") % {"date": self.published_on or ""})

    def get_absolute_url(self) -> str:
        return reverse("news:article", args=[self.pk])


class NewsItem(UnitRecord):
    """A unit's news item about its cooperation, drafted from a record and edited by its officers."""

    state = models.CharField(
        _("state"), max_length=20, choices=NewsState.choices, default=NewsState.DRAFT, db_index=True
    )
    headline = models.CharField(_("headline"), max_length=300)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True)
    captions = models.TextField(_("photo captions"), blank=True, help_text=_("One caption a line."))
    published_on = BoundedDateField(_("published on"), null=True, blank=True)
    # The record it tells about: one of these.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("meeting"),
    )
    delegation = models.ForeignKey(
        "delegations.Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("delegation"),
    )
    support = models.ForeignKey(
        "support.Support",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("support"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("agreement"),
    )

    history = HistoricalRecords()
    needs_approval = False  # published by its unit's officers, no approval step
    objects = UnitRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [
            current_index("published_on", name="news_item_current_idx"),
            models.Index(fields=["published_on", "id"], name="news_item_published_idx"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("news:detail", args=[self.pk])

    @property
    def record(self):
        return self.meeting or self.delegation or self.support or self.agreement

    @property
    def caption_lines(self) -> list[str]:
        return [line.strip() for line in self.captions.splitlines() if line.strip()]

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]
