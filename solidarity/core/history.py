"""Field-level history of any record registered with django-simple-history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

REASONS = {
    "archive": gettext_lazy("Archived"),
    "restore": gettext_lazy("Restored"),
    "submit": gettext_lazy("Submitted for approval"),
    "approve": gettext_lazy("Approved"),
    "return": gettext_lazy("Returned for changes"),
    "reject": gettext_lazy("Rejected"),
    "carry_out": gettext_lazy("Marked as carried out"),
    "file_report": gettext_lazy("Report filed"),
    "close": gettext_lazy("Closed"),
}
SKIP = {"version", "updated_at", "search_text"}


@dataclass
class HistoryEntry:
    record: object  # the historical row: history_date, history_user
    reason: str
    changes: list[tuple[str, str, str]]  # (field label, old value, new value)


def _display(model, field_name: str, value) -> str:
    if value in (None, ""):
        return "—"
    field = model._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.is_relation and field.related_model is not None:
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj else str(value)
    return str(value)


def record_history(*, record, limit: int = 50) -> list[HistoryEntry]:
    """The latest ``limit`` versions of ``record``, newest first, each diffed against the one before."""
    model = type(record)
    rows = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, row in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        reason = REASONS.get(row.history_change_reason or "", "")
        if previous is None:
            entries.append(
                HistoryEntry(row, str(reason or (_("Created") if row.history_type == "+" else "")), [])
            )
            continue
        delta = row.diff_against(previous)
        changes = [
            (
                str(model._meta.get_field(change.field).verbose_name),
                _display(model, change.field, change.old),
                _display(model, change.field, change.new),
            )
            for change in delta.changes
            if change.field not in SKIP
        ]
        if not changes and not reason:
            continue
        entries.append(HistoryEntry(row, str(reason or _("Edited")), changes))
    return entries
