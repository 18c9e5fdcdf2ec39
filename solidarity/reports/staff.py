"""The "Foreign-affairs staff and training" figures of a report, from the tallies alone.

Officers are a stock: on the period's last day D, officers = in by D − out by
D (solidarity/staff/figures.py), the part-time ones the same through the
"employment" dimension. People trained = participants of trainings whose last
day is in the period, under each participant's own unit. Units with nobody
trained: the direct children (in force) whose "trained" tally over the period
is zero, read for all of them in one query.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import subtree_q
from solidarity.figures.selectors import read
from solidarity.staff.choices import Language
from solidarity.units.models import Unit

from . import links
from .periods import Period
from .report import Breakdown, BreakdownRow

STOCK = ["staff_in", "staff_out"]
PART_TIME = "employment:part_time"
LANGUAGE_COLUMNS = ["staff_officers"]
UNIT_COLUMNS = ["staff_officers", "staff_part_time", "staff_trained"]
TITLES = {
    "staff_unit": _("Foreign-affairs staff by direct child unit"),
    "staff_language": _("Officers by foreign language (a person once per language)"),
}


def _held_by(rows: dict) -> dict[tuple[int, str], int]:
    """``{(unit, key): officers}`` on the read's last day: in − out, years added up."""
    held: dict[tuple[int, str], int] = {}
    for (unit, indicator, key, _year), value in rows.items():
        sign = 1 if indicator == "staff_in" else -1
        held[(unit, key)] = held.get((unit, key), 0) + sign * value
    return held


def staff_figures(unit: Unit, start: datetime.date, end: datetime.date) -> dict[str, float]:
    stock = read(units=[unit.pk], start=None, end=end, indicators=STOCK, dimension="employment")
    total = read(units=[unit.pk], start=None, end=end, indicators=STOCK)

    def held(rows, key):
        sums = {indicator: 0 for indicator in STOCK}
        for (_unit, indicator, row_key, _year), value in rows.items():
            if row_key == key:
                sums[indicator] += value
        return sums["staff_in"] - sums["staff_out"]

    officers = held(total, "")
    part_time = held(stock, PART_TIME)
    children = list(
        Unit.objects.filter(subtree_q(unit, ""), depth=unit.depth + 1)
        .in_force(end)
        .values_list("pk", flat=True)
    )
    trained = read(units=[unit.pk, *children], start=start, end=end, indicators=["staff_trained"])
    by_unit = {row_unit: value for (row_unit, _i, key, _y), value in trained.items() if key == ""}
    return {
        "staff_officers": officers,
        "staff_part_time": part_time,
        "staff_part_time_share": round(part_time * 100 / officers, 1) if officers else 0,
        "staff_trained": by_unit.get(unit.pk, 0),
        "staff_units_untrained": sum(1 for child in children if not by_unit.get(child, 0)),
    }


def language_breakdown(unit: Unit, period: Period) -> Breakdown:
    """Officers at the period's end by the languages they work in: a person once per language."""
    rows = read(units=[unit.pk], start=None, end=period.end, indicators=STOCK, dimension="language")
    held = {key: value for (_unit, key), value in _held_by(rows).items() if key and value > 0}
    order = [f"language:{code}" for code in Language.values if f"language:{code}" in held]
    order += sorted(key for key in held if key not in order)
    result = [
        BreakdownRow(
            key=key,
            label=str(Language(key[9:]).label) if key[9:] in Language.values else key[9:],
            values={"staff_officers": held[key]},
            url=links.breakdown_url("staff_language", key, unit.pk, period.start, period.end),
        )
        for key in order
    ]
    return Breakdown("staff_language", str(TITLES["staff_language"]), LANGUAGE_COLUMNS, result)


def unit_breakdown(unit: Unit, period: Period) -> Breakdown:
    """Each direct child unit in force at the period's end, with everything under it: officers,
    part-time officers, people trained in the period. Three reads whatever the number of children."""
    # Ended children too: a district union merged away in 2025 still held its officers before.
    children = list(Unit.objects.filter(subtree_q(unit, ""), depth=unit.depth + 1).order_by("path"))
    ids = [child.pk for child in children]
    total = _held_by(read(units=ids, start=None, end=period.end, indicators=STOCK)) if ids else {}
    employment = (
        _held_by(read(units=ids, start=None, end=period.end, indicators=STOCK, dimension="employment"))
        if ids
        else {}
    )
    trained = read(units=ids, start=period.start, end=period.end, indicators=["staff_trained"]) if ids else {}
    trained_by = {row_unit: value for (row_unit, _i, key, _y), value in trained.items() if key == ""}
    result = []
    for child in children:
        values = {
            "staff_officers": total.get((child.pk, ""), 0),
            "staff_part_time": employment.get((child.pk, PART_TIME), 0),
            "staff_trained": trained_by.get(child.pk, 0),
        }
        if not child.is_in_force(period.end) and not any(values.values()):
            continue  # an ended (or not yet started) child with nobody only clutters the table
        label = child.display_name
        if child.valid_to is not None and child.valid_to <= period.end:
            label = _("%(name)s (ended)") % {"name": label}
        result.append(
            BreakdownRow(
                key=f"unit:{child.pk}",
                label=str(label),
                values=values,
                url=links.breakdown_url("staff_unit", f"unit:{child.pk}", unit.pk, period.start, period.end),
            )
        )
    return Breakdown("staff_unit", str(TITLES["staff_unit"]), UNIT_COLUMNS, result)
