"""A background job as its owner sees it: what it does, how far it is, its file or its error."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One run of a runner (``jobs.registry``) for one user.

    The task queue (django-tasks) only carries the job's id; what the user
    sees lives here, so it stays readable whatever backend runs the tasks.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    result = models.FileField(_("result file"), upload_to="jobs/%Y/%m/", blank=True, max_length=300)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_url = models.CharField(_("result page"), max_length=300, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    def is_stalled(self, now: datetime.datetime | None = None) -> bool:
        """Running, but no sign of life for JOB_STALL_SECONDS: its worker was stopped or killed.

        A killed import wrote nothing (one transaction); the user is told to start it again.
        """
        if self.state != JobState.RUNNING or self.started_at is None:
            return False
        now = now or timezone.now()
        return (now - self.started_at).total_seconds() > settings.JOB_STALL_SECONDS and not self.is_alive()

    def is_alive(self) -> bool:
        from .progress import last_beat

        beat = last_beat(self.pk)
        return beat is not None and timezone.now().timestamp() - beat <= settings.JOB_STALL_SECONDS
