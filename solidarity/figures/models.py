"""The maintained aggregates: what each unit and everything under it did, per day, month and year.

See :mod:`solidarity.figures.sources` for what counts; :mod:`.services` keeps
these tables in step with every write, :mod:`.rebuild` recomputes them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Grain(models.IntegerChoices):
    """How long a stretch of time one row covers. Every figure is kept at all three, so any
    period is a few rows: its whole years, the whole months at its ends, the days at its edges."""

    DAY = 0, _("day")
    MONTH = 1, _("month")
    YEAR = 2, _("year")


class Tally(models.Model):
    """One figure of a unit and everything under it, for one day, month or year.

    ``key`` is "" for the total, or a dimension and its value: "country:LA",
    "source:partner", "form:cash"; ``dimension`` is the key's dimension ("country"),
    "" for the total, so a breakdown is read as one range of the index. A record
    counts under every key it has (a delegation to two countries counts under
    both), so the keys of one dimension may add up to more than the total.
    """

    # No database-level key: a rebuild writes millions of rows, and PostgreSQL would check each
    # one at commit (50 s at full size). Units are never deleted; the check command joins them.
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
        verbose_name=_("unit"),
    )
    dimension = models.CharField(_("breakdown"), max_length=20, blank=True)
    grain = models.PositiveSmallIntegerField(_("grain"), choices=Grain.choices)
    day = models.DateField(_("first day"), help_text=_("The first day of the day, month or year."))
    indicator = models.CharField(_("indicator"), max_length=40)
    key = models.CharField(_("dimension"), max_length=60, blank=True)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            # Also the index every read uses: a unit's totals (dimension "") or one breakdown, at
            # one grain, of each indicator asked, over a range of days: only the rows read are visited.
            models.UniqueConstraint(
                fields=["unit", "dimension", "grain", "indicator", "day", "key"],
                name="figures_tally_grain_key",
            ),
        ]

    def __str__(self) -> str:
        grain = self.get_grain_display()
        return f"{self.unit_id} {grain} {self.day} {self.indicator} {self.key or '-'} = {self.value}"


class Contribution(models.Model):
    """What one record adds to the figures now: the base that the next change is compared with.

    ``data`` is JSON: a list of ``[day, indicator, key, value]``; ``unit`` the
    owner the record counted under.
    """

    source = models.CharField(_("source"), max_length=30)
    record_id = models.BigIntegerField(_("record"))
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", db_constraint=False, verbose_name=_("unit")
    )
    data = models.TextField(_("contributions"))

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(fields=["source", "record_id"], name="figures_contribution_key")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.record_id}"
