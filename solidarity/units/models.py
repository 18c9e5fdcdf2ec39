from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from solidarity.core.fields import BoundedDateField
from solidarity.core.search import text_search
from solidarity.core.text import fold_join

from .choices import SuccessionKind, UnitKind, UnitLevel

# The abbreviations union bodies put after "/BC-" in their document numbers, by kind of unit.
DOCUMENT_SYMBOLS = {
    UnitKind.CONFEDERATION: "TLĐ",
    UnitKind.PROVINCIAL_FEDERATION: "LĐLĐ",
    UnitKind.SECTORAL_UNION: "CĐN",
    UnitKind.CORPORATION_UNION: "CĐTCT",
    UnitKind.DISTRICT_FEDERATION: "LĐLĐ",
    UnitKind.COMMUNE_UNION: "CĐ",
    UnitKind.INDUSTRIAL_ZONE_UNION: "CĐKCN",
    UnitKind.PROVINCIAL_SECTOR_UNION: "CĐN",
    UnitKind.GRASSROOTS_UNION: "CĐCS",
}


class UnitQuerySet(MP_NodeQuerySet):
    def in_force(self, on: datetime.date | None = None) -> UnitQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=on)
        )

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        """The unit and everything under it: one indexed prefix query."""
        return self.filter(path__startswith=unit.path)

    def search(self, text: str) -> UnitQuerySet:
        return text_search(self, text)


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):
    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(MP_Node):
    """A node of the union hierarchy (đơn vị, cấp công đoàn).

    The tree is a materialised path (django-treebeard): "this unit and
    everything under it" is ``path LIKE 'prefix%'`` on an indexed column.
    A unit that ends keeps its place and its records; its successors are
    named through :class:`UnitSuccession`.
    """

    steplen = 4

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=50, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=UnitLevel.choices)
    kind = models.CharField(_("kind"), max_length=40, choices=UnitKind.choices, default=UnitKind.OTHER)
    valid_from = BoundedDateField(_("in force from"), null=True, blank=True)
    valid_to = BoundedDateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("The first day the unit no longer exists; empty while it is in force."),
    )
    approves_own = models.BooleanField(
        _("approves its own activities"),
        default=False,
        help_text=_("Its delegations and hosted meetings are approved by its own leaders (e.g. VGCL)."),
    )
    doc_symbol = models.CharField(
        _("document symbol"),
        max_length=20,
        blank=True,
        help_text=_(
            "The abbreviation in the numbers of its documents (05/BC-LĐLĐ); "
            "empty: the usual one for its kind."
        ),
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text", "numchild"])

    objects = UnitManager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            models.Index(fields=["level"]),
            models.Index(fields=["valid_to"]),
            # Roots and one level of children are looked up by depth on every request.
            models.Index(fields=["depth", "path"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold_join(self.name, self.short_name, self.code)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("units:detail", args=[self.pk])

    def approver_unit(self) -> Unit:
        """Whose leaders approve this unit's delegations: the parent, unless it approves for itself."""
        if self.approves_own or self.depth == 1:
            return self
        return Unit.objects.get(path=self.parent_path)

    @property
    def document_symbol(self) -> str:
        """The unit's abbreviation in document numbers ("TLĐ", "LĐLĐ"): QĐ 933's usual one by kind."""
        return self.doc_symbol or DOCUMENT_SYMBOLS.get(self.kind, "CĐ")

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_in_force(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_to is None or self.valid_to > on)

    @property
    def has_ended(self) -> bool:
        return self.valid_to is not None and self.valid_to <= timezone.localdate()

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen]

    def ancestor_paths(self) -> list[str]:
        return [self.path[:i] for i in range(self.steplen, len(self.path), self.steplen)]


class UnitSuccession(models.Model):
    """An ended unit names the unit(s) that carry its work on.

    Whoever sees the successor also sees the predecessor's records, so a 2017
    agreement of a dissolved district union stays findable.
    """

    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions_out", verbose_name=_("predecessor")
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions_in", verbose_name=_("successor")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SuccessionKind.choices)
    effective_date = BoundedDateField(_("effective date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="unit_succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
