"""What agreements add to the figures (see solidarity/figures/sources.py for the shared rule).

An agreement counts as signed in the month of its signing date, once it has
one and is no longer a draft (in force, expired or terminated all were
signed), by type and by its partners' countries.
"""

from __future__ import annotations

from django.db.models import Q, Value

from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import AgreementStatus
from .models import Agreement

TYPE = Dimension("type", "agreement_type")
COUNTRY = Dimension("country", "partners__country")


class AgreementFigures(FigureSource):
    name = "agreements"
    model = Agreement
    date = "signed_on"
    measures = (Measure("agreements_signed", Value(1), by=(TYPE, COUNTRY)),)
    depends_on = {"partners.Partner": "partners"}  # a partner's country is the agreement's

    def counted(self) -> Q:
        return ~Q(status=AgreementStatus.DRAFT)
