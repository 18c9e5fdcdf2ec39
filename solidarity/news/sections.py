"""A record's news items on its page, and the "Write a news item" button (records/sections.py)."""

from __future__ import annotations

from solidarity.records.base import can_edit
from solidarity.records.sections import RecordSection

from .models import NewsItem
from .services import RECORD_FIELDS

SHOWN = 10  # the newest items on the record's page; the unit's list has them all


class NewsSection(RecordSection):
    about = tuple(model._meta.label for model in RECORD_FIELDS)
    template = "news/_record_section.html"

    def context(self, *, record, user) -> dict:
        field = RECORD_FIELDS[type(record)]
        items = list(
            NewsItem.objects.visible_to(user)
            .active()
            .filter(**{field: record})
            .only("pk", "headline", "state", "published_on", "created_at")
            .order_by("-created_at", "-pk")[:SHOWN]
        )
        return {
            "items": items,
            "can_write": not record.is_archived and can_edit(user, record),
            "kind": type(record)._meta.model_name,
            "record": record,
        }
