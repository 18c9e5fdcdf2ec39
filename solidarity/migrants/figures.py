"""What migrant workers' cases add to the figures (see solidarity/figures/sources.py).

Only the case's facts count, never a person's details: a case opened counts
on its opening day, a case closed on its closing day, each by country and by
sector, for the owning unit and every unit above it. Cases open on D (a
stock) = opened by D − closed by D. Archived cases never count.
"""

from __future__ import annotations

from django.db.models import Q, Value

from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import CaseStatus
from .models import MigrantCase

COUNTRY = Dimension("country", "country")
SECTOR = Dimension("sector", "sector")
BY = (COUNTRY, SECTOR)


class CasesOpenedFigures(FigureSource):
    name = "migrants_new"
    model = MigrantCase
    date = "opened_on"
    measures = (Measure("migrants_new", Value(1), by=BY),)


class CasesClosedFigures(FigureSource):
    name = "migrants_closed"
    model = MigrantCase
    date = "closed_on"
    measures = (Measure("migrants_closed", Value(1), Q(status=CaseStatus.CLOSED), by=BY),)
