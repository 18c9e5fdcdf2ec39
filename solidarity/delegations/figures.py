"""What delegations add to the figures (see solidarity/figures/sources.py for the shared rule).

A delegation counts once approved (approved, carried out, report filed,
closed), in the month it starts, for its owner and every unit above it.
Person-trips are its members: a person counts once per delegation. The
countries are those it travels to (outgoing) or comes from (incoming).
Costs count by funding source, estimated and actual apart.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum, Value

from solidarity.core.choices import ApprovalState as S
from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import CostKind, Direction
from .models import Delegation

COUNTED_STATES = (S.APPROVED, S.CARRIED_OUT, S.REPORTED, S.CLOSED)
COUNTRY = Dimension("country", "countries", multiple=True)
SOURCE = Dimension("source", "costs__source")
OUT, IN = Q(direction=Direction.OUTGOING), Q(direction=Direction.INCOMING)


class DelegationFigures(FigureSource):
    name = "delegations"
    model = Delegation
    date = "start_on"
    measures = (
        Measure("delegations_out", Value(1), OUT, by=(COUNTRY,)),
        Measure("person_trips_out", Count("members"), OUT, by=(COUNTRY,)),
        Measure("delegations_in", Value(1), IN, by=(COUNTRY,)),
        Measure("guests_in", Count("members"), IN, by=(COUNTRY,)),
        Measure(
            "cost_estimated_vnd", Sum("costs__amount_vnd"), Q(costs__kind=CostKind.ESTIMATED), by=(SOURCE,)
        ),
        Measure("cost_actual_vnd", Sum("costs__amount_vnd"), Q(costs__kind=CostKind.ACTUAL), by=(SOURCE,)),
    )

    def counted(self) -> Q:
        return Q(state__in=COUNTED_STATES)
