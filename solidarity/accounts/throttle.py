"""The sign-in throttle: django-axes, counting per username and per address.

Axes keeps one row of failed sign-ins per username, address and browser. We
lock

* a **username** after ``AXES_FAILURE_LIMIT`` recent failures from anywhere
  (someone guessing one account's password), and
* an **address** after ``AXES_ADDRESS_FAILURE_LIMIT`` recent failures over any
  usernames (password spraying: a few guesses at many accounts),

each for ``AXES_COOLOFF_MINUTES`` after the failure that reached the limit.
Attempts made while locked are refused without being counted
(``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``): otherwise anyone
who knows a username could keep that account locked for ever by retrying.
"""

from __future__ import annotations

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.shortcuts import render


def client_address(request) -> str | None:
    """The address a sign-in came from.

    ``X-Forwarded-For`` is only trusted behind our own proxy (``BEHIND_PROXY``):
    without one, anybody can send the header and pick a fresh address for every
    attempt. The proxy appends the address it saw to the right; whatever is to
    the left of it came from the client and is ignored.
    """
    address = request.META.get("REMOTE_ADDR")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if _is_address(forwarded):
            address = forwarded
    return address


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class SignInThrottle(AxesDatabaseHandler):
    """Axes' database handler with a limit per username and another, higher, per address."""

    def _recent(self, request) -> QuerySet:
        return AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))

    def _username_failures(self, request, credentials) -> int:
        username = get_client_username(request, credentials)
        return _failures(self._recent(request).filter(username=username))

    def address_is_locked(self, request) -> bool:
        address_failures = _failures(self._recent(request).filter(ip_address=request.axes_ip_address))
        return address_failures >= settings.AXES_ADDRESS_FAILURE_LIMIT

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Failures that count against this sign-in, on the scale of ``AXES_FAILURE_LIMIT``.

        Axes compares this one number with the username limit; an address over
        its own limit therefore counts as a full set of failures.
        """
        failures = self._username_failures(request, credentials)
        if self.address_is_locked(request):
            failures = max(failures, get_failure_limit(request, credentials))
        return failures

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful sign-in clears that username's failures, never its address's.

        Otherwise a sprayer who owns one account would sign into it now and then
        to wipe the address count.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def locked_out(request, original_response=None, credentials: dict | None = None):
    """The page shown instead of signing in: which lock, and for how long at most."""
    cool_off = get_cool_off(request)
    handler = SignInThrottle()
    return render(
        request,
        "registration/locked_out.html",
        {
            "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
            "address_locked": handler.address_is_locked(request),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
