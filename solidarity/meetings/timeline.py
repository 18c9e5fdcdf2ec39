"""What meetings put on timelines: a partner's, an agreement's."""

from __future__ import annotations

from solidarity.records.timeline import TimelineEntry, TimelineSource

from .models import Meeting


class MeetingTimeline(TimelineSource):
    name = "meetings"
    model = Meeting
    date = "start_on"
    about = {"partners.Partner": "partners", "agreements.Agreement": "agreement"}

    def entry(self, meeting: Meeting) -> TimelineEntry:
        return TimelineEntry(
            date=meeting.timeline_date,
            kind=meeting.get_kind_display(),
            title=meeting.title,
            url=meeting.get_absolute_url(),
            badge=meeting.get_state_display(),
            unit=meeting.owner_unit.display_name,
        )
