"""What the personal data law (91/2025/QH15, Decree 356/2025/NĐ-CP) asks a unit to keep.

Every row here points at a person through a generic key (a contact, a
delegation member, a migrant worker's case: the kinds in ``registry``) and
carries the unit that owns that person's record, so that the one permission
rule scopes it like any record: a unit's administrators see their unit's and
everything below, siblings never. None of these rows copies a personal value:
erasing a person leaves the log, the consents and the requests standing
without saying who it was.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.accounts.permissions import ScopedQuerySet
from solidarity.core.models import ChoiceLabelsModel

from .choices import AccessAction, ConsentForm, DocumentKind, RequestKind, RequestState

BREACH_NOTICE_HOURS = 72  # Law 91/2025/QH15: notify the authority within 72 hours of discovery


class PersonRef(models.Model):
    """A pointer to one person of a registered kind, and the unit that owns them."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    person = GenericForeignKey("content_type", "object_id")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class AccessLog(PersonRef):
    """Who opened, exported or changed a person's record, and when. Never a personal value."""

    at = models.DateTimeField(_("when"), default=timezone.now)
    # None: the app itself (the scheduled erasure when a retention period runs out).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what"), max_length=10, choices=AccessAction.choices)
    # An export names its rows' count and filter here; a change, the fields it changed.
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    # An export of many people is one row: object_id 0 there, content_type says of what.
    object_id = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["unit", "at"], name="privacy_log_unit_at_idx"),
            # The log page's order across a whole national scope (newest first, keyset paging).
            models.Index(fields=["at", "id"], name="privacy_log_at_idx"),
            models.Index(fields=["content_type", "object_id", "at"], name="privacy_log_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} · {self.user} · {self.get_action_display()}"


class Consent(PersonRef, ChoiceLabelsModel):
    """A person's consent: its purposes, how it was given and its evidence; withdrawn by a dated action."""

    purposes = models.JSONField(_("purposes"), default=list)  # Purpose values
    given_on = models.DateField(_("given on"))
    form = models.CharField(_("how it was given"), max_length=12, choices=ConsentForm.choices)
    evidence_note = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("How it was given and where the original is kept; attach the signed form below."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.TextField(_("how it was withdrawn"), blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="privacy_consent_person_idx")]

    def __str__(self) -> str:
        return f"{_('Consent')} {self.given_on:%d/%m/%Y}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None


class SubjectRequest(PersonRef, ChoiceLabelsModel):
    """A person asks to see, correct, delete or restrict their data: recorded with its deadline and answer."""

    kind = models.CharField(_("request"), max_length=10, choices=RequestKind.choices)
    received_on = models.DateField(_("received on"))
    details = models.TextField(_("what the person asks"), blank=True)
    reply_due_on = models.DateField(_("acknowledge by"))
    due_on = models.DateField(_("carry out by"))
    state = models.CharField(
        _("state"), max_length=10, choices=RequestState.choices, default=RequestState.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["state", "due_on", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="privacy_request_person_idx"),
            models.Index(fields=["unit", "state", "due_on"], name="privacy_request_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%d/%m/%Y}"

    @property
    def is_overdue(self) -> bool:
        return self.state == RequestState.OPEN and timezone.localdate() > self.due_on


class Breach(ChoiceLabelsModel):
    """A personal data breach: discovered when, notified when (72 hours), what was done."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    discovered_at = models.DateTimeField(_("discovered at"))
    description = models.TextField(_("what happened"))
    data_affected = models.TextField(_("data and people affected"), blank=True)
    people_affected = models.PositiveIntegerField(_("number of people affected"), null=True, blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    notified_at = models.DateTimeField(_("authority notified at"), null=True, blank=True)
    notification_ref = models.CharField(_("notification reference"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal data breach")
        verbose_name_plural = _("personal data breaches")
        ordering = ["-discovered_at", "-pk"]
        indexes = [models.Index(fields=["unit", "notified_at"], name="privacy_breach_open_idx")]

    def __str__(self) -> str:
        return f"{_('Breach')} {self.discovered_at:%d/%m/%Y %H:%M}"

    @property
    def notify_by(self):
        return self.discovered_at + timedelta(hours=BREACH_NOTICE_HOURS)


class RetentionRule(models.Model):
    """How long the personal fields of one kind of record are kept once its purpose is over."""

    kind = models.CharField(_("kind of data"), max_length=100, unique=True)  # a PersonKind key
    months = models.PositiveSmallIntegerField(
        _("keep for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: kept until someone asks for deletion."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")

    def __str__(self) -> str:
        return self.kind


class PersonalDataErasure(PersonRef):
    """A person whose personal fields were erased: when, by whom, why, on which request.

    One row per person, so a page, a list or the retention job tells an erased
    person by one indexed look-up instead of a flag on every model that holds people.
    """

    erased_on = models.DateField(_("erased on"), default=timezone.localdate)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erased by"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on the request"),
    )

    class Meta:
        verbose_name = _("personal data erasure")
        verbose_name_plural = _("personal data erasures")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="privacy_erasure_once")
        ]

    def __str__(self) -> str:
        return f"{_('Erased')} {self.erased_on:%d/%m/%Y}"


def sensitive_path(instance, filename: str) -> str:
    """A random name, no extension: the uploader's name stays in the row, the bytes are ciphertext."""
    import uuid

    now = timezone.now()
    return f"sensitive/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.bin"


class SensitiveDocument(PersonRef, ChoiceLabelsModel):
    """A scan of a person's passport or ID card: its bytes ENCRYPTED on disk (see ``documents``).

    A copy of the media folder alone reveals nothing: the file holds a Fernet token
    under the keys of the encrypted fields; only :func:`documents.document_open` reads it,
    for holders of the personal-data permission, and logs it.
    """

    kind = models.CharField(_("document"), max_length=10, choices=DocumentKind.choices)
    original_name = models.CharField(_("file name"), max_length=255)
    content_kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size"))  # of the original, not of the ciphertext
    file = models.FileField(_("file"), upload_to=sensitive_path, max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="privacy_document_person_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.uploaded_at:%d/%m/%Y}"

    @property
    def file_kind(self):
        from solidarity.core.files import KINDS

        return KINDS[self.content_kind]

    @property
    def filename(self) -> str:
        from solidarity.core.files import display_name

        return display_name(self.original_name, self.content_kind)
