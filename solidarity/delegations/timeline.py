"""What delegations put on timelines: a partner's, an agreement's."""

from __future__ import annotations

from solidarity.records.timeline import TimelineEntry, TimelineSource

from .models import Delegation


class DelegationTimeline(TimelineSource):
    name = "delegations"
    model = Delegation
    date = "start_on"
    about = {"partners.Partner": "partners", "agreements.Agreement": "agreement"}

    def entry(self, delegation: Delegation) -> TimelineEntry:
        return TimelineEntry(
            date=delegation.timeline_date,
            kind=delegation.get_direction_display(),
            title=delegation.title,
            url=delegation.get_absolute_url(),
            badge=delegation.get_state_display(),
            unit=delegation.owner_unit.display_name,
        )
