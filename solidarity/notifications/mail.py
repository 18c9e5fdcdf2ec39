"""Mail: one notification at once, or a user's daily digest; in the mail language (Vietnamese).

Django's mail settings come from the environment (solidarity/settings.py: the console in a local
run, SMTP in production). A link in a mail is absolute: ``SITE_URL`` + the record's path.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .choices import Kind
from .models import Notification

logger = logging.getLogger(__name__)


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def _lines(notification: Notification) -> list[str]:
    lines = [f"{Kind(notification.kind).label}: {notification.title}"]
    if notification.detail:
        lines.append(notification.detail)
    if notification.url:
        lines.append(_("Open: %(url)s") % {"url": absolute(notification.url)})
    return lines


def _footer() -> list[str]:
    return [
        "",
        "—",
        _("Solidarity, international cooperation of the Vietnam trade union."),
        _("Choose which notifications reach you by mail: %(url)s")
        % {"url": absolute(reverse("notifications:settings"))},
    ]


def _greeting(user) -> str:
    return _("Dear %(name)s,") % {"name": user.display_name}


def compose_one(notification: Notification) -> tuple[str, str]:
    with translation.override(settings.NOTIFICATION_MAIL_LANGUAGE):
        subject = f"[Solidarity] {Kind(notification.kind).label}: {notification.title}"
        body = [_greeting(notification.user), "", *_lines(notification), *_footer()]
        return subject[:200], "\n".join(body)


def compose_digest(user, notifications: list[Notification], day: datetime.date) -> tuple[str, str]:
    with translation.override(settings.NOTIFICATION_MAIL_LANGUAGE):
        subject = _("[Solidarity] %(count)s notifications of %(day)s") % {
            "count": len(notifications),
            "day": formats.date_format(day, "SHORT_DATE_FORMAT"),
        }
        body = [_greeting(user), "", _("What happened since the last digest:"), ""]
        for notification in notifications:
            body += [f"• {line}" if i == 0 else f"  {line}" for i, line in enumerate(_lines(notification))]
            body.append("")
        body.append(_("All your notifications: %(url)s") % {"url": absolute(reverse("notifications:list"))})
        return subject, "\n".join(body + _footer())


def send_one(notification_id: int) -> bool:
    """Mail one notification now, once: the row is claimed before sending."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, mail=Notification.Mail.NOW, mailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        notification.mailed_at = timezone.now()
        notification.save(update_fields=["mailed_at"])
    if not notification.user.email:
        return False
    subject, body = compose_one(notification)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.user.email])
    return True


def send_digests(day: datetime.date | None = None) -> int:
    """Each user's digest-mode notifications not mailed yet, in one mail per user. Returns the mails sent."""
    day = day or timezone.localdate()
    pending = (
        Notification.objects.filter(mail=Notification.Mail.DIGEST, mailed_at__isnull=True)
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for rows in by_user.values():
        user = rows[0].user
        # Claimed before sending: a rerun after a crash never mails them twice.
        claimed = Notification.objects.filter(pk__in=[r.pk for r in rows], mailed_at__isnull=True).update(
            mailed_at=timezone.now()
        )
        if not claimed or not user.email or not user.is_active:
            continue
        subject, body = compose_digest(user, rows, day)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except OSError:
            logger.exception("the digest for user %s could not be sent", user.pk)
            continue
        sent += 1
    return sent
