"""The history of a record: its own versions and the changes to everything that hangs on it.

Every model is registered with django-simple-history. A record's history
merges its own versions with the versions of the lines it declares in
``history_lines`` (the reverse relations of its members, programme, costs,
phases, commitments, items...) and of its files, so every change a user makes
to a record shows on that record, newest first, with who and when. A new kind
of line is one more name in the record's declaration.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.text import capfirst
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
# What happened to a line, by simple-history's row type or by the reason its service gave.
LINE_REASONS = {
    "+": gettext_lazy("%(kind)s added: %(line)s"),
    "~": gettext_lazy("%(kind)s changed: %(line)s"),
    "-": gettext_lazy("%(kind)s removed: %(line)s"),
    "remove": gettext_lazy("%(kind)s removed: %(line)s"),
    "archive": gettext_lazy("%(kind)s archived: %(line)s"),
    "restore": gettext_lazy("%(kind)s restored: %(line)s"),
}
SKIP = {"version", "updated_at", "search_text"}


def _reason(raw: str) -> str:
    """A service's reason key ("submit") as its label; a sentence a writer gave (an import's
    "Imported from … by …") as it is; any other key as nothing."""
    if raw in REASONS:
        return str(REASONS[raw])
    return raw if " " in raw else ""


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


def _line_sources(record):
    """(model, fields not worth showing, its historical rows) for each kind of line on ``record``."""
    from .models import Attachment

    model = type(record)
    for relation in getattr(model, "history_lines", ()):
        reverse = model._meta.get_field(relation)  # e.g. Delegation.members -> Member.delegation
        line_model = reverse.related_model
        parent = reverse.field
        yield line_model, {parent.name}, line_model.history.filter(**{parent.attname: record.pk})
    # Files hang on any record through its content type (joined here, not looked up).
    files = Attachment.history.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id=record.pk,
    )
    yield Attachment, {"content_type", "object_id"}, files


def _changes(row, previous, skip: set) -> list:
    return [c for c in row.diff_against(previous).changes if c.field not in SKIP and c.field not in skip]


def _own_entries(record, limit: int) -> list[tuple]:
    """(row, model, title, changes) for each version of the record itself that changed something."""
    model = type(record)
    rows = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    pending = []
    for index, row in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        reason = _reason(row.history_change_reason or "")
        if previous is None:
            pending.append((row, model, reason or (_("Created") if row.history_type == "+" else ""), []))
            continue
        changes = _changes(row, previous, set())
        if changes or reason:
            pending.append((row, model, reason or _("Edited"), changes))
    return pending


def _line_entries(line_model, skip: set, rows, limit: int) -> list[tuple]:
    """(row, model, title, changes) for each version of one kind of line: added, changed, removed."""
    rows = list(rows.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    pk_name = line_model._meta.pk.attname
    previous_of = {}
    seen: dict = {}
    for row in reversed(rows):  # oldest first: the version before each row is the last one seen
        previous_of[row.history_id] = seen.get(getattr(row, pk_name))
        seen[getattr(row, pk_name)] = row
    kind = line_model._meta.verbose_name
    pending = []
    for row in rows:
        previous = previous_of[row.history_id]
        key = row.history_change_reason if row.history_change_reason in LINE_REASONS else row.history_type
        changes = []
        if key == "~" and previous is not None:
            changes = _changes(row, previous, skip)
            if not changes:
                continue  # saved without a change: nothing to tell
        title = capfirst(str(LINE_REASONS[key]) % {"kind": kind, "line": str(row.instance)})
        pending.append((row, line_model, title, changes))
    return pending


def record_history(*, record, limit: int = 50, lines_visible=None) -> list[HistoryEntry]:
    """The latest ``limit`` changes to ``record`` and its lines, newest first, each with what changed.

    One query for the record's versions, one per kind of line, and one per
    related model named in the changes (fetched in bulk, not per change).
    ``lines_visible(line_model, rows)`` narrows the historical rows of a kind
    of line to what the reader may see: a line can belong to another unit
    (a follow-up agreed at a parent unit's meeting hangs on this agreement).
    """
    pending = _own_entries(record, limit)
    for line_model, skip, rows in _line_sources(record):
        if lines_visible is not None:
            rows = lines_visible(line_model, rows)
        pending += _line_entries(line_model, skip, rows, limit)
    wanted: dict = {}
    for _row, model, _title, changes in pending:
        for change in changes:
            field = model._meta.get_field(change.field)
            if field.is_relation and field.related_model is not None and not field.many_to_many:
                wanted.setdefault(field.related_model, set()).update(v for v in (change.old, change.new) if v)
    related = {m: m._default_manager.in_bulk(list(ids)) for m, ids in wanted.items()}
    entries = [
        HistoryEntry(
            row,
            str(title),
            [
                (
                    str(model._meta.get_field(change.field).verbose_name),
                    _display(model, change.field, change.old, related),
                    _display(model, change.field, change.new, related),
                )
                for change in changes
            ],
        )
        for row, model, title, changes in pending
    ]
    entries.sort(key=lambda entry: entry.record.history_date, reverse=True)
    return entries[:limit]
