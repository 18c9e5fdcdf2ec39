"""What the approval workflow adds to the figures (see solidarity/figures/sources.py for the shared rule).

Every decision (approve, return, reject) on a delegation or a hosted
international meeting counts, in the month it was taken, under the record's
owning unit: ``approval_decisions`` (how many) and ``approval_days`` (the
whole days from the latest submission to each decision), so a reader divides
one by the other for the average turnaround. The decision keeps these facts
on its event row (:func:`.workflow.decision_facts`). A decision stays counted
when its record is later archived: the leaders' work was done.
"""

from __future__ import annotations

from django.db.models import F, QuerySet, Value

from solidarity.core.models import WorkflowEvent
from solidarity.figures.sources import FigureSource, Measure


class ApprovalFigures(FigureSource):
    name = "approvals"
    model = WorkflowEvent
    date = "decided_on"
    measures = (
        Measure("approval_decisions", Value(1)),
        Measure("approval_days", F("waited_days")),
    )

    def records(self) -> QuerySet:
        # Events are never archived; only decisions carry a day and an owner.
        return WorkflowEvent.objects.filter(decided_on__isnull=False, owner_unit__isnull=False).order_by()
