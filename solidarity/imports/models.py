"""An import as its owner sees it: the uploaded file, its dry run, its run, what it wrote, its undo."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BatchState(models.TextChoices):
    CHECKING = "checking", _("Being checked")
    PREVIEWED = "previewed", _("Checked, waiting for confirmation")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed, nothing written")
    UNDONE = "undone", _("Undone")


class ImportBatch(models.Model):
    """One uploaded file of one kind, kept (never served by URL) so the confirmation needs no re-upload.

    ``errors`` and ``matches`` hold the last dry run's findings as plain JSON;
    ``decisions`` the owner's word on each likely partner match.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=40)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=300)
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("file format"), max_length=4)  # xlsx | csv
    state = models.CharField(
        _("state"), max_length=10, choices=BatchState.choices, default=BatchState.PREVIEWED
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("records to create"), default=0)
    updated = models.PositiveIntegerField(_("records to update"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged rows"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    matches = models.JSONField(_("likely matches"), default=list, blank=True)
    decisions = models.JSONField(_("decisions"), default=dict, blank=True)
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("job")
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["owner", "-created_at"], name="import_owner_recent")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("imports:batch", args=[self.pk])

    @property
    def undecided(self) -> list[dict]:
        return [match for match in self.matches if str(match["key"]) not in self.decisions]

    @property
    def is_interrupted(self) -> bool:
        """Its job's worker died mid-way: nothing was written, and it may be started again."""
        return self.state == BatchState.RUNNING and self.job is not None and self.job.is_stalled()

    @property
    def is_check_interrupted(self) -> bool:
        """Its dry run's worker died: nothing was found yet, and the check may be run again."""
        return self.state == BatchState.CHECKING and self.job is not None and self.job.is_stalled()

    @property
    def can_confirm(self) -> bool:
        return (
            self.state == BatchState.PREVIEWED
            and not self.errors
            and not self.undecided
            and (self.created or self.updated)
        )


class ImportedRecord(models.Model):
    """A record an import wrote: created (undone by archiving it) or updated."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    created = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        indexes = [models.Index(fields=["content_type", "object_id"], name="imported_record_idx")]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
