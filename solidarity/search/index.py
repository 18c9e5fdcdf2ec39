"""Keeping the index in step: every write of a source's model rewrites its row in the same transaction.

The kinds' services are atomic and write through ``save()``/``delete()``, so
``post_save``/``post_delete`` run inside their transaction: a write rolled
back takes its index row with it. Writes that bypass ``save()`` are caught
where they happen: the erasure of a person's files (``PersonalDataErasure``
is saved in the erasure's transaction, its files are re-read then), bulk
loads (the demo, the bench) call :func:`rebuild`.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from solidarity.core.text import fold, fold_join

from .models import SearchEntry
from .sources import BY_KIND, SOURCES, Source, record_type

TITLE_MAX = 300


def _row(source: Source, obj) -> SearchEntry | None:
    values = source.entry(obj)
    if values is None:
        return None
    title = " ".join(str(values.pop("title") or "").split())[:TITLE_MAX] or "—"
    body = values.pop("body", "") or ""
    values.setdefault("record_type", record_type(obj))
    values.setdefault("record_id", obj.pk)
    return SearchEntry(
        kind=source.kind,
        object_id=obj.pk,
        title=title,
        title_folded=fold(title)[:TITLE_MAX],
        body=body,
        text=fold_join(title, body),
        **values,
    )


FIELDS = [
    "record_type",
    "record_id",
    "owner_unit",
    "title",
    "title_folded",
    "body",
    "text",
    "on",
    "archived",
    "url",
]


def index_object(source: Source, obj, *, created: bool = False) -> None:
    """Write ``obj``'s row (one statement for a new record, one or two for a change)."""
    row = _row(source, obj)
    if row is None:
        if not created:
            SearchEntry.objects.filter(kind=source.kind, object_id=obj.pk).delete()
        return
    if created:
        row.save(force_insert=True)
        return
    values = {name: getattr(row, name if name != "owner_unit" else "owner_unit_id") for name in FIELDS}
    values["owner_unit_id"] = values.pop("owner_unit")
    updated = SearchEntry.objects.filter(kind=source.kind, object_id=obj.pk).update(**values)
    if not updated:
        row.save()


def follow_record(obj) -> None:
    """Rows whose permission comes from ``obj`` (its members, its files) follow its owner and archive."""
    if not hasattr(obj, "owner_unit_id"):
        return
    SearchEntry.objects.filter(record_type=record_type(obj), record_id=obj.pk).exclude(
        kind__in=[source.kind for source in SOURCES if source.model.lower() == record_type(obj)]
    ).update(owner_unit_id=obj.owner_unit_id, archived=getattr(obj, "archived_at", None) is not None)


def _on_save(source: Source):
    def handler(sender, instance, created=False, raw=False, **kwargs):
        if raw:  # fixtures: rebuild after loading
            return
        index_object(source, instance, created=created)
        if not created:  # nothing follows a record yet
            follow_record(instance)

    return handler


def _on_delete(source: Source):
    def handler(sender, instance, **kwargs):
        SearchEntry.objects.filter(kind=source.kind, object_id=instance.pk).delete()

    return handler


def _support_item_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(BY_KIND["support"], instance.support)


def _erased(sender, instance, created=False, raw=False, **kwargs):
    """A person was erased: their files' names went by a bulk update, so read their files again."""
    if not created or raw:
        return
    from solidarity.core.models import Attachment

    source = BY_KIND["attachment"]
    for attachment in Attachment.objects.filter(
        content_type_id=instance.content_type_id, object_id=instance.object_id
    ).select_related("content_type"):
        index_object(source, attachment)


_handlers: list = []  # strong references: the signals hold weak ones


def connect() -> None:
    from django.apps import apps

    for source in SOURCES:
        model = source.get_model()
        saved, deleted = _on_save(source), _on_delete(source)
        _handlers.extend([saved, deleted])
        post_save.connect(saved, sender=model, dispatch_uid=f"search-save-{source.kind}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"search-delete-{source.kind}")
    post_save.connect(
        _support_item_saved, sender=apps.get_model("support.SupportItem"), dispatch_uid="search-support-item"
    )
    post_delete.connect(
        _support_item_saved,
        sender=apps.get_model("support.SupportItem"),
        dispatch_uid="search-support-item-del",
    )
    post_save.connect(
        _erased, sender=apps.get_model("privacy.PersonalDataErasure"), dispatch_uid="search-erasure"
    )


def rebuild(*, kinds=None, batch: int = 2000, out=None) -> dict[str, int]:
    """Write the whole index again from the records (after bulk loads); returns rows per kind."""
    from django.db import transaction

    counts = {}
    for source in SOURCES:
        if kinds and source.kind not in kinds:
            continue
        with transaction.atomic():
            SearchEntry.objects.filter(kind=source.kind).delete()
            queryset = source.rebuild_queryset()
            if source.kind == "support":
                queryset = queryset.prefetch_related("items")
            rows, total = [], 0
            for obj in queryset.iterator(chunk_size=batch):
                row = _row(source, obj)
                if row is not None:
                    rows.append(row)
                if len(rows) >= batch:
                    SearchEntry.objects.bulk_create(rows)
                    total += len(rows)
                    rows = []
            SearchEntry.objects.bulk_create(rows)
            counts[source.kind] = total + len(rows)
        if out is not None:
            out(f"{source.kind}: {counts[source.kind]}")
    return counts
