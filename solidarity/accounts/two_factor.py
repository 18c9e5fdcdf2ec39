"""Two-factor sign-in: after the password, a 6-digit code from a phone app.

django-otp keeps the devices: one ``TOTPDevice`` per user (the authenticator
app) and one ``StaticDevice`` holding one-time recovery codes. This module
holds the rules:

* Whoever has confirmed an app gives a code after the password, always.
* With ``TWO_FACTOR_REQUIRED`` on, leaders, administrators (a membership of
  role LEADER or above) and superusers without an app must set one up first.
* Until then the session is signed in but *pending*: :class:`TwoFactorMiddleware`
  lets it reach only the code or set-up page, signing out and the language
  menu. What a sign-in still owes is decided once, at sign-in, and kept in the
  session, so ordinary pages cost no extra query.

Wrong codes are throttled per device by django-otp (1, 2, 4, 8… seconds); the
code view also reports each wrong code to django-axes as a failed sign-in.
"""

from __future__ import annotations

import math
from base64 import b32encode
from io import BytesIO
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .choices import Role
from .models import Membership, User
from .selectors import user_is_fully_managed_by

RECOVERY_CODE_COUNT = 10
SESSION_KEY = "two_factor_pending"
VERIFY, SETUP = "verify", "setup"


# --- Reads ------------------------------------------------------------------


def two_factor_is_required(*, user: User) -> bool:
    """Must ``user`` use two-factor sign-in (leaders, administrators, superusers)?"""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role__gte=Role.LEADER).exists()


def two_factor_is_enabled(*, user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending_step(*, user: User) -> str:
    """What a fresh sign-in still owes: ``VERIFY`` a code, ``SETUP`` an app, or nothing (``""``)."""
    if two_factor_is_enabled(user=user):
        return VERIFY
    if two_factor_is_required(user=user):
        return SETUP
    return ""


def totp_secret(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def totp_qr_svg(device: TOTPDevice) -> bytes:
    buffer = BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=6, border=2, dark="#000", light="#fff"
    )
    return buffer.getvalue()


def format_recovery_code(code: str) -> str:
    return f"{code[:4]} {code[4:]}"


# --- Writes -----------------------------------------------------------------


def _normalise(code: str) -> str:
    # People copy codes with spaces or dashes, and recovery codes are lower case.
    return "".join((code or "").split()).replace("-", "").lower()


def _check_code(device: Device | None, code: str, wrong: str) -> ValidationError | None:
    """Verify ``code`` on a row locked for update; return the error instead of raising.

    Raising inside the transaction would roll back the failure count that
    django-otp's throttling has just saved.
    """
    if device is None:
        return ValidationError(wrong, code="wrong")
    allowed, info = device.verify_is_allowed()
    if not allowed:
        locked_until = (info or {}).get("locked_until")
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds())) if locked_until else 60
        return ValidationError(
            ngettext(
                "Too many wrong codes. Wait %(seconds)d second, then try again.",
                "Too many wrong codes. Wait %(seconds)d seconds, then try again.",
                seconds,
            )
            % {"seconds": seconds},
            code="throttled",
        )
    if not device.verify_token(code):
        return ValidationError(wrong, code="wrong")
    return None


def _replace_recovery_codes(user: User) -> list[str]:
    # The device stays (a session verified by it stays verified); its codes change.
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _delete_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def two_factor_setup_start(*, user: User) -> TOTPDevice:
    """The app being added, unconfirmed until its first code is typed.

    Reloading the page keeps the same key, so an app that already scanned it
    still gives valid codes.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


def two_factor_setup_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the new app with its current code; it replaces any older app.

    Returns the app and a fresh set of recovery codes, shown to the user once.
    """
    wrong = _(
        "This code is not right. Type the 6 digits the app shows now; if it still fails, "
        "check that the phone sets its date and time automatically."
    )
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        error = _check_code(device, _normalise(code), wrong)
        if error is None:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _replace_recovery_codes(user)
    if error is not None:
        raise error
    return device, codes


def two_factor_verify(*, user: User, code: str) -> Device:
    """Check the second step: a 6-digit code from the app, or a recovery code (used up)."""
    code = _normalise(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    wrong = _(
        "This code is not right. Type the 6 digits the app shows now, "
        "or one of your recovery codes (each works once)."
    )
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
        error = _check_code(device, code, wrong)
    if error is not None:
        raise error
    return device


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    if not two_factor_is_enabled(user=user):
        raise ValidationError(_("Turn on two-factor sign-in first."))
    return _replace_recovery_codes(user)


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    """Turn off one's own two-factor sign-in, unless one's role requires it."""
    if two_factor_is_required(user=user):
        raise PermissionDenied(
            _(
                "Your role requires two-factor sign-in, so it cannot be turned off. "
                "Set up a new phone instead."
            )
        )
    _delete_devices(user)


@transaction.atomic
def two_factor_reset(*, by: User, user: User) -> None:
    """For someone who lost their phone: remove their app and recovery codes.

    Whoever may manage the account (set its password) may do this; a user
    whose role requires two-factor sign-in sets it up again at the next sign-in.
    """
    if by.pk == user.pk:
        raise PermissionDenied(_("You cannot reset your own two-factor sign-in; ask another administrator."))
    if not user_is_fully_managed_by(user=user, by=by):
        raise PermissionDenied(_("You cannot manage this user."))
    _delete_devices(user)


# --- Sign-in and the pending session ----------------------------------------


def on_sign_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: remember what this sign-in still owes."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = pending_step(user=user)


def session_pending_step(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    session = request.session
    if SESSION_KEY not in session:
        # A session signed in before two-factor sign-in existed.
        session[SESSION_KEY] = pending_step(user=user)
    step = session[SESSION_KEY]
    if step and user.is_verified():
        step = session[SESSION_KEY] = ""
    return step


def session_step_done(request) -> None:
    request.session[SESSION_KEY] = ""


# Besides its own step, a pending session may sign in again, sign out and pick a language.
ALWAYS_ALLOWED = frozenset({"login", "logout", "set_language"})
ALLOWED = {
    VERIFY: frozenset({"accounts:two_factor_verify"}),
    SETUP: frozenset({"accounts:two_factor_setup", "accounts:two_factor_qr"}),
}
STEP_URL = {VERIFY: "accounts:two_factor_verify", SETUP: "accounts:two_factor_setup"}
STEP_REFUSAL = {
    VERIFY: gettext_lazy("Finish signing in first: type the code from your authenticator app."),
    SETUP: gettext_lazy("Finish signing in first: set up two-factor sign-in."),
}


class TwoFactorMiddleware:
    """Keeps a signed-in user who still owes the second factor on that step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = session_pending_step(request)
        # base.html hides the menus while a step is pending.
        request.two_factor_pending = step
        if not step:
            return None
        name = request.resolver_match.view_name
        if name in ALWAYS_ALLOWED or name in ALLOWED[step]:
            return None
        if hasattr(view_func, "cls") and "text/html" not in request.headers.get("Accept", ""):
            # An API client (a REST framework view not opened by a browser) cannot follow a
            # redirect to a form: it is told why it is refused.
            return JsonResponse({"detail": str(STEP_REFUSAL[step])}, status=403)
        url = reverse(STEP_URL[step])
        if request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
