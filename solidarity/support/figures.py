"""What support adds to the figures (see solidarity/figures/sources.py for the shared rule).

Support has no approval: every entry that is not archived counts, in VND,
in the month it was given or received, by form (cash, equipment, gifts)
and by funding source.
"""

from __future__ import annotations

from django.db.models import F, Q

from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import SupportDirection
from .models import Support

FORM = Dimension("form", "form")
SOURCE = Dimension("source", "funding_source")


class SupportFigures(FigureSource):
    name = "support"
    model = Support
    date = "given_on"
    measures = (
        Measure("support_given_vnd", F("total_vnd"), Q(direction=SupportDirection.GIVEN), by=(FORM, SOURCE)),
        Measure(
            "support_received_vnd", F("total_vnd"), Q(direction=SupportDirection.RECEIVED), by=(FORM, SOURCE)
        ),
    )
