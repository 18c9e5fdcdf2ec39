"""Personal API tokens: made, recognised and revoked here; the page and the authentication call these."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken

PREFIX = "sol_"
# A token's last use is written at most this often: not a database write per request.
LAST_USE_RESOLUTION = datetime.timedelta(minutes=1)


def digest_of(secret: str) -> str:
    """The stored form of a secret: plain SHA-256 suffices, the secret is 256 random bits, not a password."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``, and its secret (shown once: only its hash is kept)."""
    name = (name or "").strip()
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    errors = {}
    if not name:
        errors["name"] = _("Name the token after what will use it, e.g. “Monthly export script”.")
    elif len(name) > 100:
        errors["name"] = _("Use at most 100 characters.")
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        errors["days"] = _("A token lasts between 1 and %(max)s days.") % {"max": settings.API_TOKEN_MAX_DAYS}
    if errors:
        raise ValidationError(errors)
    if not user.is_active:
        raise PermissionDenied
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(PREFIX) + 6],
        digest=digest_of(secret),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return token, secret


def token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Stop a token from working at once; only its owner revokes it."""
    if token.user_id != by.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(secret: str) -> ApiToken | None:
    """The usable token behind ``secret`` (its user active), noting its use; None otherwise."""
    if not secret.startswith(PREFIX):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(digest=digest_of(secret)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")
