"""Reads: a user's own notifications only (nobody else's exists for them)."""

from __future__ import annotations

from .choices import DEFAULT_MODES, Kind, Mode
from .models import Notification, Preference

BELL_CAP = 99  # the bell says "99+" past this: it never counts a long backlog


def unread_count(user) -> int:
    """The bell's figure: one indexed query, counting at most ``BELL_CAP`` + 1 rows."""
    return Notification.objects.filter(user=user, read_at__isnull=True)[: BELL_CAP + 1].count()


def notifications_of(user, *, unread_only: bool = False):
    rows = Notification.objects.filter(user=user)
    if unread_only:
        return rows.filter(read_at__isnull=True).order_by("-created_at", "-id")
    return rows.order_by("-created_at", "-id")


def own_notification(user, pk: int) -> Notification | None:
    return Notification.objects.filter(user=user, pk=pk).first()


def modes_of(user) -> dict[str, str]:
    """The mail mode of every kind for ``user``: their choice, or the default."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "mode"))
    return {kind: chosen.get(kind, DEFAULT_MODES.get(kind, Mode.IMMEDIATE)) for kind in Kind.values}
