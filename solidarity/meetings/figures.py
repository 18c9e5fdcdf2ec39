"""What meetings add to the figures (see solidarity/figures/sources.py for the shared rule).

Only international meetings count, in the month they start. One we host
needs approval, so it counts once approved (approved, carried out, report
filed, closed); one we attend has no approval and counts as recorded.
Participants are the domestic and foreign counts the record gives. The
country is where it is held (held in Vietnam: no country key); the partners
and their kinds are those taking part. One carrying out no item of the annual
plan counts in ``meetings_out_of_plan`` as well.
"""

from __future__ import annotations

from django.db.models import F, Q, Value

from solidarity.core.choices import ApprovalState as S
from solidarity.figures.sources import Dimension, FigureSource, Measure

from .models import Meeting

APPROVED_STATES = (S.APPROVED, S.CARRIED_OUT, S.REPORTED, S.CLOSED)
KIND = Dimension("kind", "kind")
COUNTRY = Dimension("country", "country")
PARTNER_KIND = Dimension("pkind", "partners__kind")
PARTNER = Dimension("partner", "partners", numeric=True)
BY = (KIND, COUNTRY, PARTNER_KIND, PARTNER)
SOURCE = Dimension("source", "funding_source")
HOSTED, ATTENDED = Q(hosted=True), Q(hosted=False)


def counted_q() -> Q:
    """The meetings the figures count (the list's ``counted=1``)."""
    return Q(is_international=True) & (Q(hosted=False) | Q(state__in=APPROVED_STATES))


class MeetingFigures(FigureSource):
    name = "meetings"
    model = Meeting
    date = "start_on"
    measures = (
        Measure("meetings_hosted", Value(1), HOSTED, by=BY),
        Measure("meetings_hosted_domestic", F("domestic_participants"), HOSTED),
        Measure("meetings_hosted_foreign", F("foreign_participants"), HOSTED),
        Measure("meetings_attended", Value(1), ATTENDED, by=BY),
        Measure("meetings_attended_domestic", F("domestic_participants"), ATTENDED),
        Measure("meetings_attended_foreign", F("foreign_participants"), ATTENDED),
        # What it cost us, by funding source: spending against the annual plan's budget.
        Measure("meeting_cost_vnd", F("cost_vnd"), Q(cost_vnd__gt=0), by=(SOURCE,)),
        # Carrying out no item of the annual plan (the list's ``outside_plan=1``).
        Measure("meetings_out_of_plan", Value(1), Q(plan_item__isnull=True)),
    )
    depends_on = {"partners.Partner": "partners"}  # a partner's kind is the meeting's

    def counted(self) -> Q:
        return counted_q()
