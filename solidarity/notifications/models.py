"""What the app tells each user: notifications, how they want their mail, and what was already sent."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Kind, Mode


class Notification(models.Model):
    """One thing one user is told: on their bell and list, and by mail as they chose."""

    class Mail(models.TextChoices):
        NONE = "", _("No mail")
        NOW = "now", _("At once")
        DIGEST = "digest", _("In the daily digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)  # the record, as it reads in lists
    detail = models.TextField(_("detail"), blank=True)  # the comment, the due date, the outcome
    url = models.CharField(_("link"), max_length=300, blank=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A reminder's key (record, deadline, stage): one notification per user and key, ever.
    key = models.CharField(_("reminder key"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(_("mail"), max_length=10, choices=Mail.choices, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The bell (unread count) and the list (newest first, unread only or all).
            models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox"),
            models.Index(fields=["user", "-created_at", "-id"], name="notification_recent"),
            # The mail sender and the daily digest: what is still to send.
            models.Index(
                fields=["mail", "user"], name="notification_unmailed", condition=Q(mailed_at__isnull=True)
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Preference(models.Model):
    """How one user wants one kind by mail; no row means the default (``choices.DEFAULT_MODES``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    mode = models.CharField(_("by mail"), max_length=10, choices=Mode.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_mode_display()}"


class SentReminder(models.Model):
    """The register of reminders sent: a key (record, deadline, stage) is written once, ever.

    The reminders job writes it in the same transaction as the notifications, so a rerun,
    two runs at once or a restart after a crash never tell anyone twice.
    """

    key = models.CharField(_("reminder key"), max_length=200, unique=True)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self) -> str:
        return self.key


class ScheduleSlot(models.Model):
    """A periodic task started for one slot (an hour, a day): the scheduler starts each slot once."""

    task = models.CharField(_("task"), max_length=40)
    slot = models.CharField(_("slot"), max_length=40)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["task", "slot"], name="schedule_once_per_slot")]

    def __str__(self) -> str:
        return f"{self.task} {self.slot}"
