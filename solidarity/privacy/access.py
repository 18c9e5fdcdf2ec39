"""The access log: every view, export and change of a person's record, written where it happens."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from .choices import AccessAction
from .models import AccessLog
from .registry import kind_for


def log_access(*, user, person, action: str, detail: str = "") -> AccessLog:
    """Log one person's record being viewed, created, changed or erased by ``user``."""
    kind = kind_for(person)
    if kind is None:
        raise ValueError(f"{type(person).__name__} is not a registered person kind")
    return AccessLog.objects.create(
        user=user,
        unit=kind.unit_of(person),
        content_type=ContentType.objects.get_for_model(person, for_concrete_model=False),
        object_id=person.pk,
        action=action,
        detail=detail[:500],
    )


def log_export(*, user, model, unit=None, rows: int = 0, per_unit=None, detail: str = "") -> list[AccessLog]:
    """Log an export of many people: one row per unit whose people it shows (how many), one INSERT.

    ``per_unit``: ``[(unit, rows), ...]``; or one ``unit`` and its ``rows``.
    """
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    counts = per_unit if per_unit is not None else [(unit, rows)]
    return AccessLog.objects.bulk_create(
        AccessLog(
            user=user,
            unit=each_unit,
            content_type=content_type,
            object_id=0,
            action=AccessAction.EXPORT,
            detail=(f"{count} | {detail}" if detail else str(count))[:500],
        )
        for each_unit, count in counts
    )
