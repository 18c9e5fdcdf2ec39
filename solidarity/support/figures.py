"""What support adds to the figures (see solidarity/figures/sources.py for the shared rule).

Support has no approval: every entry that is not archived counts, in VND,
in the month it was given or received, by form (cash, equipment, gifts),
by funding source, and by its counterpart: the partner, its kind and its
country. Support given that carries out no item of the annual plan counts in
``support_out_of_plan`` (support received is planned by nobody).
"""

from __future__ import annotations

from django.db.models import F, Q, Value

from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import SupportDirection
from .models import Support

FORM = Dimension("form", "form")
SOURCE = Dimension("source", "funding_source")
COUNTRY = Dimension("country", "partner__country")
PARTNER_KIND = Dimension("pkind", "partner__kind")
PARTNER = Dimension("partner", "partner", numeric=True)
BY = (FORM, SOURCE, COUNTRY, PARTNER_KIND, PARTNER)
GIVEN_OUTSIDE_PLAN = Q(direction=SupportDirection.GIVEN, plan_item__isnull=True)


class SupportFigures(FigureSource):
    name = "support"
    model = Support
    date = "given_on"
    measures = (
        Measure("support_given_vnd", F("total_vnd"), Q(direction=SupportDirection.GIVEN), by=BY),
        Measure("support_received_vnd", F("total_vnd"), Q(direction=SupportDirection.RECEIVED), by=BY),
        Measure("support_out_of_plan", Value(1), GIVEN_OUTSIDE_PLAN),
    )
    depends_on = {"partners.Partner": "partner"}  # the counterpart's kind and country are the support's
