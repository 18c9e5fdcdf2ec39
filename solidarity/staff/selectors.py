"""Reads of the staff register and its trainings, always through the one permission rule."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q

from .models import Officer, OfficerLanguage, Participant, Training


def officer_list(*, user):
    return (
        Officer.objects.visible_to(user)
        .select_related("owner_unit")
        .prefetch_related(Prefetch("languages", queryset=OfficerLanguage.objects.order_by("pk")))
    )


def training_list(*, user):
    return Training.objects.visible_to(user).select_related("owner_unit", "partner")


def active_on_q(day: datetime.date) -> Q:
    """Officers doing the work on ``day``: started by its year, not left by it (the figures' rule)."""
    return Q(started_year__lte=day.year) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


def trained_between(start: datetime.date | None, end: datetime.date | None):
    """Ids of officers who took part in a current training whose last day is in ``start``..``end``."""
    rows = Participant.objects.filter(training__archived_at__isnull=True)
    if start:
        rows = rows.filter(training__ends_on__gte=start)
    if end:
        rows = rows.filter(training__ends_on__lte=end)
    return rows.values("officer_id")


def trainings_of(*, officer: Officer, user) -> list[Participant]:
    """Every current training ``officer`` attended, newest first, with the result: part of the
    officer's own record. ``.visible`` says whether ``user`` may open the training itself (one
    organised by a level above is not a lower unit's to open)."""
    rows = list(
        Participant.objects.filter(officer=officer, training__archived_at__isnull=True)
        .select_related("training__owner_unit", "certificate")
        .order_by("-training__ends_on", "-pk")
    )
    ids = [row.training_id for row in rows]
    visible = (
        set(Training.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    for row in rows:
        row.visible = row.training_id in visible
    return rows


def participants_of(training: Training):
    return training.participants.select_related("officer__owner_unit", "certificate").order_by(
        "officer__full_name", "pk"
    )
