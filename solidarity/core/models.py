from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.core.choices import choice_label


class ChoiceLabelsModel(models.Model):
    """``get_FOO_display`` from a mapping cached per field and language."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))


class TimeStampedModel(ChoiceLabelsModel):
    """Creation and modification times, kept on every record."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class WorkflowEvent(models.Model):
    """One step of an approval workflow: who did what, when, with which comment."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=20)
    from_state = models.CharField(_("from"), max_length=20)
    to_state = models.CharField(_("to"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    # On a decision (approve, return, reject) only, for the approval turnaround figures:
    # the record's owning unit, the day decided and the whole days since the latest submission.
    owner_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    waited_days = models.PositiveIntegerField(_("days waited"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.action} by {self.by} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self) -> str:
        from .choices import Action

        return Action(self.action).label if self.action in Action.values else self.action

    @property
    def to_state_label(self) -> str:
        from .choices import ApprovalState

        return ApprovalState(self.to_state).label if self.to_state in ApprovalState.values else self.to_state


def attachment_path(instance, filename: str) -> str:
    # Random names with the extension of the detected kind: the uploader's name
    # is kept in the row for display, never trusted on disk.
    import uuid

    return f"attachments/{instance.content_type.app_label}/{uuid.uuid4().hex}{instance.kind.extension}"


class Attachment(models.Model):
    """A file on a record: the scanned signed copy, photos, a programme.

    Stored through Django's storage API (S3-compatible storage can replace
    the disk); downloaded only through a view that applies the record's
    permission rule.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size"))
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    # Adding and removing files are changes to the record: its history shows them.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("attachment_download", args=[self.pk])

    @property
    def kind(self):
        """What the file is (detected from its bytes on upload): label, extension, content type."""
        from .files import KINDS

        return KINDS[self.content_kind]

    @property
    def filename(self) -> str:
        """The name shown and downloaded: the uploader's, with the extension of what the file really is."""
        from .files import display_name

        return display_name(self.original_name, self.content_kind)
