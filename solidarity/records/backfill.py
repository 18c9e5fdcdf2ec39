"""Filling in what decisions taken before the approval turnaround was kept: one UPDATE per kind.

Used by the migrations of the record kinds that go through approval. Set-based,
so a national database's two million workflow events take seconds, not the
hour a Python loop with ``bulk_update`` took.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.db import connections

DECISIONS = ("approve", "return", "reject")


def _local_date(column: str, vendor: str) -> str:
    """SQL for the local date (``TIME_ZONE``) of a timestamp column, as ``timezone.localdate`` gives."""
    if vendor == "postgresql":
        return f"CAST(({column} AT TIME ZONE '{settings.TIME_ZONE}') AS date)"
    # SQLite keeps UTC text; Vietnam has had one offset since 1975, so a fixed shift is exact.
    offset = datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).utcoffset()
    return f"date({column}, '{int(offset.total_seconds())} seconds')"


def backfill_decisions(apps, schema_editor, *, app_label: str, model_name: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowEvent = apps.get_model("core", "WorkflowEvent")
    Record = apps.get_model(app_label, model_name)
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name.lower()).first()
    if content_type is None:
        return
    connection = schema_editor.connection if schema_editor is not None else connections["default"]
    vendor = connection.vendor
    qn = connection.ops.quote_name
    events, records = qn(WorkflowEvent._meta.db_table), qn(Record._meta.db_table)
    decided = _local_date(f"{events}.at", vendor)
    submitted = (
        f"(SELECT {_local_date('s.at', vendor)} FROM {events} s "
        f"WHERE s.content_type_id = {events}.content_type_id AND s.object_id = {events}.object_id "
        f"AND s.action = 'submit' AND s.at <= {events}.at "
        f"ORDER BY s.at DESC, s.id DESC LIMIT 1)"
    )
    if vendor == "postgresql":
        waited = f"GREATEST(COALESCE({decided} - {submitted}, 0), 0)"
    else:
        waited = f"MAX(COALESCE(CAST(julianday({decided}) - julianday({submitted}) AS integer), 0), 0)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {events} SET decided_on = {decided}, waited_days = {waited}, "
            f"owner_unit_id = (SELECT r.owner_unit_id FROM {records} r WHERE r.id = {events}.object_id) "
            f"WHERE content_type_id = %s AND action IN %s "
            f"AND EXISTS (SELECT 1 FROM {records} r WHERE r.id = {events}.object_id)".replace(
                "IN %s", "IN (" + ", ".join(["%s"] * len(DECISIONS)) + ")"
            ),
            [content_type.pk, *DECISIONS],
        )
