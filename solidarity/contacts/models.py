from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.accounts.permissions import ScopedQuerySet
from solidarity.core.models import TimeStampedModel
from solidarity.core.search import text_search
from solidarity.core.text import fold_join
from solidarity.privacy.fields import EncryptedCharField

# Personal data of a contact (Decree 356/2025/NĐ-CP), hidden from users without the personal-data
# grant on the owning unit: on the pages, in exports and in the API. The sensitive ones are also
# encrypted at rest and shown masked until a grant holder asks to see them (which is logged).
PERSONAL_FIELDS = ("email", "phone", "notes", "union_membership", "id_document_number")
SENSITIVE_FIELDS = ("union_membership", "id_document_number")


class ContactQuerySet(ScopedQuerySet):
    unit_field = "owner_unit"

    def search(self, text: str) -> ContactQuerySet:
        return text_search(self, text)


class Contact(TimeStampedModel):
    """A person at a partner or at one of our units; owned by the unit that recorded them."""

    owner_unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="owned_contacts", verbose_name=_("owning unit")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("partner organisation"),
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_contacts",
        verbose_name=_("our unit"),
        help_text=_("When the person works at one of our own units."),
    )
    organisation = models.CharField(
        _("other organisation"),
        max_length=255,
        blank=True,
        help_text=_("When neither a partner nor one of our units."),
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True, help_text=_("e.g. Lao, English"))
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Sensitive personal data (Decree 356/2025/NĐ-CP): encrypted at rest, never searched, sorted or
    # listed; shown masked to holders of the personal-data grant only (``apps.py`` declares them).
    union_membership = EncryptedCharField(
        _("union membership"),
        max_length=200,
        null=True,
        blank=True,
        help_text=_("A foreign national's trade union membership: sensitive data."),
    )
    id_document_number = EncryptedCharField(
        _("ID or passport number"), max_length=50, null=True, blank=True, help_text=_("Sensitive data.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name"]
        # The list pages sort by name: an index lets them read one page, not sort them all.
        indexes = [
            models.Index(fields=["full_name", "id"]),
            # A scope's active contacts by name, from the index alone (see records.base.current_index).
            models.Index(fields=["owner_unit", "is_active", "full_name", "id"], name="contact_current_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        org = (
            self.partner.name if self.partner_id else (self.unit.name if self.unit_id else self.organisation)
        )
        self.search_text = fold_join(self.full_name, self.title, org, self.email, self.phone)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", args=[self.pk])

    @property
    def organisation_name(self) -> str:
        if self.partner_id:
            return self.partner.name
        if self.unit_id:
            return self.unit.name
        return self.organisation
