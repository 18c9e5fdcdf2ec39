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


def log_export(*, user, model, unit, rows: int, detail: str = "") -> AccessLog:
    """Log an export of many people as one row: of which kind, from which unit's scope, how many."""
    text = f"{rows} | {detail}" if detail else str(rows)
    return AccessLog.objects.create(
        user=user,
        unit=unit,
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id=0,
        action=AccessAction.EXPORT,
        detail=text[:500],
    )
