"""Telling people: who is told about a record (only those who may see it), and every write here.

Notifications are written in the caller's transaction (a transition, a reminder run);
their mail leaves only once it commits (``transaction.on_commit``), by the task queue.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from solidarity.accounts.models import Membership, User
from solidarity.accounts.permissions import Role, unit_scope_q
from solidarity.units.models import Unit

from .choices import DEFAULT_MODES, Kind, Mode
from .models import Notification, Preference, SentReminder


def in_ui_language():
    """The language notification texts are written in: the request's, else the site's (a management
    command such as the worker or the demo loader runs with none)."""
    return translation.override(translation.get_language() or settings.LANGUAGE_CODE)


def members_of(units, *, min_role: int = Role.OFFICER, roles=None) -> set[int]:
    """Ids of the active users holding ``min_role`` or higher (or one of ``roles``) on exactly ``units``."""
    memberships = Membership.objects.filter(
        unit__in=[u for u in units if u is not None], user__is_active=True
    )
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    else:
        memberships = memberships.filter(role__gte=min_role)
    return set(memberships.values_list("user_id", flat=True))


def who_may_see(user_ids, *, record=None, unit: Unit | None = None) -> list[User]:
    """Of ``user_ids``, those the one permission rule lets see ``record`` (or ``unit``'s records).

    A user's scope is a few path prefixes: one check each, the record's own scoped queryset.
    """
    users = list(User.objects.filter(pk__in=set(user_ids), is_active=True).order_by("pk"))
    kept = []
    for user in users:
        if record is not None:
            visible = type(record)._default_manager.visible_to(user).filter(pk=record.pk).exists()
        else:
            visible = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""), pk=unit.pk).exists()
        if visible:
            kept.append(user)
    return kept


def mail_modes(users, kind: str) -> dict[int, str]:
    chosen = dict(Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "mode"))
    default = DEFAULT_MODES.get(kind, Mode.IMMEDIATE)
    return {user.pk: chosen.get(user.pk, default) for user in users}


_MAIL_FOR_MODE = {
    Mode.IMMEDIATE: Notification.Mail.NOW,
    Mode.DIGEST: Notification.Mail.DIGEST,
    Mode.OFF: Notification.Mail.NONE,
}


def notify(users, *, kind: str, title: str, url: str = "", detail: str = "", target=None, key: str = ""):
    """One notification for each of ``users`` (already filtered by the permission rule).

    Those who want mail at once get it when the caller's transaction commits.
    """
    users = [u for u in users if u is not None]
    if not users:
        return []
    modes = mail_modes(users, kind)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    now = timezone.now()  # called, not a field default: the demo's replayed clock stamps it too
    rows = [
        Notification(
            user=user,
            kind=kind,
            title=str(title)[:300],
            detail=str(detail),
            url=url[:300],
            target_type=target_type,
            target_id=target.pk if target is not None else None,
            key=key,
            created_at=now,
            mail=_MAIL_FOR_MODE[modes[user.pk]],
        )
        for user in users
    ]
    created = []
    for row in rows:  # one by one: bulk_create does not give SQLite's ids back on every version
        row.save()
        created.append(row)
    now_ids = [row.pk for row in created if row.mail == Notification.Mail.NOW]
    if now_ids:
        from .tasks import send_notification_mail

        def enqueue():
            for pk in now_ids:
                send_notification_mail.enqueue(pk)

        transaction.on_commit(enqueue)
    return created


def remind_once(*, key: str, due_on, users, **notification) -> list[Notification]:
    """Tell ``users`` about a deadline unless ``key`` was already sent (ever, by any run).

    The register row and the notifications commit together; a second run, a concurrent
    one or a rerun after a restart finds the key and sends nothing.
    """
    try:
        with transaction.atomic():
            register = SentReminder.objects.create(key=key, due_on=due_on)
            created = notify(users, key=key, **notification)
            register.recipients = len(created)
            register.save(update_fields=["recipients"])
            return created
    except IntegrityError:
        if SentReminder.objects.filter(key=key).exists():
            return []
        raise


def mark_read(*, user, pk: int) -> int:
    return Notification.objects.filter(user=user, pk=pk, read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def set_preferences(*, user, modes: dict[str, str]) -> None:
    """Store ``user``'s mail mode per kind (unknown kinds or modes are refused by the form)."""
    with transaction.atomic():
        for kind, mode in modes.items():
            if kind not in Kind.values or mode not in Mode.values:
                raise ValueError(kind)
            Preference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})


def settle_replayed(*, after_pk: int, days: int) -> int:
    """The demo's replayed past: of the notifications written since ``after_pk``, those more than
    ``days`` older than the newest count as read and mailed (its leaders decided in 2019: nobody
    is to be told today). Returns how many were settled."""
    from django.db.models import F, Max

    written = Notification.objects.filter(pk__gt=after_pk)
    newest = written.aggregate(newest=Max("created_at"))["newest"]
    if newest is None:
        return 0
    return written.filter(created_at__lt=newest - datetime.timedelta(days=days), read_at__isnull=True).update(
        read_at=F("created_at"), mailed_at=F("created_at")
    )
