"""What social funds add to the figures (see solidarity/figures/sources.py for the shared rule).

Every ledger entry counts, on its date, for the fund's owning unit and every
unit above it: income by source, spending by use, and the beneficiaries of
spending. A reversal counts negative on its own date, so a period that
holds an entry and its reversal adds up to nothing, and a closed period's
figures never move (nothing dated in it can be written).
"""

from __future__ import annotations

from django.db.models import BigIntegerField, Case, Q, Value, When

from solidarity.core.ledger import signed
from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import Direction
from .models import FundEntry

SOURCE = Dimension("source", "source")
USE = Dimension("use", "use")


INCOME = Q(direction=Direction.INCOME)
SPENDING = Q(direction=Direction.SPENDING)


class FundFigures(FigureSource):
    name = "funds"
    model = FundEntry
    date = "entry_on"
    owner = "fund__owner_unit"
    measures = (
        Measure("fund_income_vnd", signed("amount_vnd"), INCOME, by=(SOURCE,)),
        Measure("fund_spending_vnd", signed("amount_vnd"), SPENDING, by=(USE,)),
        Measure(
            "fund_beneficiaries",
            Case(
                When(beneficiaries__isnull=True, then=Value(0)),
                default=signed("beneficiaries"),
                output_field=BigIntegerField(),
            ),
            SPENDING,
            by=(USE,),
        ),
    )

    def records(self):
        # Entries have no archive of their own; a fund with entries is never archived (services).
        return FundEntry.objects.filter(fund__archived_at__isnull=True).order_by()
