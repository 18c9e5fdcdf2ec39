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
    "withdraw": gettext_lazy("Withdrawn"),
}
SKIP = {"version", "updated_at", "search_text"}


@dataclass
class HistoryEntry:
    record: object  # the historical row: history_date, history_user
    reason: str
    changes: list[tuple[str, str, str]]  # (field label, old value, new value)


def _display(model, field_name: str, value, related: dict) -> str:
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
        obj = related.get(field.related_model, {}).get(value)
        return str(obj) if obj else str(value)
    return str(value)


def record_history(*, record, limit: int = 50) -> list[HistoryEntry]:
    """The latest ``limit`` versions of ``record``, newest first, each diffed against the one before.

    Related objects named in the changes are fetched once per model, not per change.
    """
    model = type(record)
    rows = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    deltas = []
    wanted: dict = {}
    for index, row in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes = (
            [] if previous is None else [c for c in row.diff_against(previous).changes if c.field not in SKIP]
        )
        for change in changes:
            field = model._meta.get_field(change.field)
            if field.is_relation and field.related_model is not None and not field.many_to_many:
                wanted.setdefault(field.related_model, set()).update(v for v in (change.old, change.new) if v)
        deltas.append((row, previous, changes))
    related = {m: m._default_manager.in_bulk(list(ids)) for m, ids in wanted.items()}
    entries = []
    for row, previous, changes in deltas:
        reason = REASONS.get(row.history_change_reason or "", "")
        if previous is None:
            entries.append(
                HistoryEntry(row, str(reason or (_("Created") if row.history_type == "+" else "")), [])
            )
            continue
        labelled = [
            (
                str(model._meta.get_field(change.field).verbose_name),
                _display(model, change.field, change.old, related),
                _display(model, change.field, change.new, related),
            )
            for change in changes
        ]
        if not labelled and not reason:
            continue
        entries.append(HistoryEntry(row, str(reason or _("Edited")), labelled))
    return entries
