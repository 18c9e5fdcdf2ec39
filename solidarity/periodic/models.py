"""Period reports sent up the tree, and the register that numbers a unit's documents."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidarity.records.base import UnitRecord
from solidarity.reports import periods

from .choices import PeriodKind, ReportState


class PeriodicReport(UnitRecord):
    """A unit's report for one of the union's periods (6-month or annual), sent to the level above.

    The figures are computed live while it is prepared and frozen into
    ``figures`` at each submission (``Report.to_data()``), so later edits of
    the records never change what was sent. It goes to the parent unit's
    leaders (see :meth:`approver_unit`), who accept it or return it with a comment.
    """

    kind = models.CharField(_("period"), max_length=20, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties and causes"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    signer_authority = models.CharField(
        _("signing authority"), max_length=100, blank=True, help_text=_("TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH...")
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    figures = models.JSONField(_("figures as submitted"), null=True, blank=True, editable=False)
    number = models.CharField(_("number"), max_length=40, blank=True, editable=False)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["figures"])

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        ordering = ["-year", "kind", "owner_unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_unit", "kind", "year"],
                condition=Q(archived_at__isnull=True),
                name="periodic_report_one_per_unit_and_period",
            )
        ]
        indexes = [models.Index(fields=["kind", "year", "state"], name="periodic_period_state")]

    def __str__(self) -> str:
        return f"{self.period().label()} · {self.owner_unit}"

    def get_absolute_url(self) -> str:
        return reverse("periodic:detail", args=[self.pk])

    def period(self) -> periods.Period:
        return getattr(periods, self.kind)(self.year)

    # Accepting a report is not deciding on a proposed activity: not in the approval turnaround.
    counts_in_turnaround = False

    def approver_unit(self):
        """Always the parent's leaders, even for a unit that approves its own delegations."""
        from solidarity.units.models import Unit

        if self.owner_unit.depth == 1:
            return self.owner_unit
        return Unit.objects.get(path=self.owner_unit.parent_path)

    def texts(self) -> dict:
        return {"results": self.results, "difficulties": self.difficulties, "proposals": self.proposals}

    def quotable(self) -> list[tuple[str, str, str]]:
        """(field, label, text) of the parts the level above may quote into its own report."""
        return [
            (name, str(self._meta.get_field(name).verbose_name).capitalize(), getattr(self, name))
            for name in ("results", "difficulties", "proposals")
        ]

    def signer(self) -> dict:
        return {"authority": self.signer_authority, "title": self.signer_title, "name": self.signer_name}

    def recipient_list(self) -> list[str] | None:
        lines = [line.strip() for line in self.recipients.splitlines() if line.strip()]
        return lines or None


class DocumentNumber(models.Model):
    """The numbering register: the last number a unit gave to a kind of document ("BC") in a year."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("document kind"), max_length=10, default="BC")
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document number register")
        verbose_name_plural = _("document number registers")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind"], name="document_number_one_per_unit_year_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.kind}: {self.last}"
