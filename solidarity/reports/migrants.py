"""The "Migrant workers" figures of a report, from the tallies alone (no personal data in any).

New and closed cases are summed over the period like every other tally (on the day a
case was opened, on the day it was closed: solidarity/migrants/figures.py). Cases open at
the end D are a stock: opened by D − closed by D, one read from the first case on.
"""

from __future__ import annotations

import datetime

from solidarity.figures.selectors import read
from solidarity.units.models import Unit

TALLIES = ["migrants_new", "migrants_closed"]


def migrant_figures(unit: Unit, end: datetime.date) -> dict[str, int]:
    rows = read(units=[unit.pk], start=None, end=end, indicators=TALLIES)
    sums = dict.fromkeys(TALLIES, 0)
    for (_unit, indicator, key, _year), value in rows.items():
        if key == "":
            sums[indicator] += value
    return {"migrants_open": sums["migrants_new"] - sums["migrants_closed"]}
