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

from solidarity.accounts.permissions import subtree_q
from solidarity.figures.selectors import read
from solidarity.units.models import Unit

STOCK = ["staff_in", "staff_out"]
PART_TIME = "employment:part_time"


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
