from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.accounts.permissions import Role, ScopedQuerySet, unit_scope_q
from solidarity.core.fields import BoundedDateField, CountryField
from solidarity.core.models import TimeStampedModel
from solidarity.core.search import text_search
from solidarity.core.text import fold, fold_join

from .choices import PartnerKind


class PartnerQuerySet(models.QuerySet):
    # The directory is shared: every signed-in user sees every partner's
    # public facts. Editing follows the units that work with the partner.
    def editable_by(self, user) -> PartnerQuerySet:
        links = PartnerLink.objects.filter(partner=OuterRef("pk"), is_active=True).filter(
            unit_scope_q(user, Role.OFFICER, field="unit")
        )
        return self.filter(Exists(links))

    def deactivatable_by(self, user) -> PartnerQuerySet:
        """Deactivating hides a partner from everyone: only whoever covers every unit working with it.

        Otherwise one unit that links itself to a partner could switch it off
        for all the others.
        """
        foreign_links = PartnerLink.objects.filter(partner=OuterRef("pk"), is_active=True).exclude(
            unit_scope_q(user, Role.OFFICER, field="unit")
        )
        return self.editable_by(user).exclude(Exists(foreign_links))

    def search(self, text: str) -> PartnerQuerySet:
        return text_search(self, text)


class Partner(TimeStampedModel):
    """A foreign or international organisation (đối tác), once for the whole hierarchy."""

    name = models.CharField(_("Vietnamese name"), max_length=255)
    name_original = models.CharField(_("original or English name"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=PartnerKind.choices)
    country = CountryField(_("country"), blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    units = models.ManyToManyField(
        "units.Unit", through="PartnerLink", related_name="partners", verbose_name=_("units working with it")
    )
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The unit on whose behalf the latest change was made. The history keeps it
    # for every change: only a level above that unit may revert the change.
    changed_by_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("changed for unit"),
    )

    history = HistoricalRecords(excluded_fields=["name_folded", "search_text"])

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name_folded", "country"], name="partner_unique_folded_name_country"
            )
        ]
        indexes = [models.Index(fields=["country", "kind"]), models.Index(fields=["name", "id"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        self.search_text = fold_join(self.name, self.name_original, self.short_name, self.country.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.pk])


class PartnerLinkQuerySet(ScopedQuerySet):
    unit_field = "unit"


class PartnerLink(TimeStampedModel):
    """One of our units works with a partner; its notes are that unit's own."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="links", verbose_name=_("partner")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="partner_links", verbose_name=_("unit")
    )
    since = BoundedDateField(_("working together since"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    objects = PartnerLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner relationship")
        verbose_name_plural = _("partner relationships")
        constraints = [models.UniqueConstraint(fields=["partner", "unit"], name="partner_link_unique")]

    def __str__(self) -> str:
        return f"{self.unit} ↔ {self.partner}"
