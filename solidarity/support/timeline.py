"""What support puts on timelines: a partner's, and an agreement's through its delegations and meetings."""

from __future__ import annotations

from django.utils.translation import gettext as _

from solidarity.core.templatetags.core_tags import vnd
from solidarity.records.timeline import TimelineEntry, TimelineSource

from .models import Support


class SupportTimeline(TimelineSource):
    name = "support"
    model = Support
    date = "given_on"
    about = {
        "partners.Partner": "partner",
        "agreements.Agreement": ("delegation__agreement", "meeting__agreement"),
    }
    related = ("owner_unit", "partner")

    def entry(self, support: Support) -> TimelineEntry:
        return TimelineEntry(
            date=support.timeline_date,
            kind=_("Support %(direction)s") % {"direction": support.get_direction_display().lower()},
            title=f"{support.partner} · {vnd(support.total_vnd)}",
            url=support.get_absolute_url(),
            badge=support.get_form_display(),
            unit=support.owner_unit.display_name,
        )
