"""What sponsorship adds to the figures (see solidarity/figures/sources.py for the shared rule).

Each disbursement counts its VND value on the day it was received, for the
project's owning unit and every unit above it, by donor and by the donor's
country; a reversal takes it back on its own date. A disbursement of an archived
project does not count.
"""

from __future__ import annotations

from django.db.models import F, QuerySet

from solidarity.core.ledger import signed
from solidarity.figures.sources import Dimension, FigureSource, Measure

from .models import Disbursement

DONOR = Dimension("donor", "project__donor", numeric=True)
COUNTRY = Dimension("country", "project__donor__country")


class DisbursementFigures(FigureSource):
    name = "sponsorship"
    model = Disbursement
    date = "received_on"
    owner = "project__owner_unit"
    # A reversal counts negative on its own date (core.ledger.signed).
    measures = (Measure("sponsorship_received_vnd", signed("amount_vnd"), by=(DONOR, COUNTRY)),)
    depends_on = {"partners.Partner": "project__donor"}  # the donor's country is the disbursement's

    def base(self) -> QuerySet:
        # A disbursement is archived with its project.
        return Disbursement.objects.annotate(archived_at=F("project__archived_at"))
