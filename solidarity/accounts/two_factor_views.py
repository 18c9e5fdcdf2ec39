"""Pages of two-factor sign-in: one's own set-up, the code step, and an administrator's reset.

The rules live in :mod:`solidarity.accounts.two_factor`; these views only
show forms and call it. Pages showing a key or codes are never cached.
"""

from __future__ import annotations

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import selectors, services
from . import two_factor as tf


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("home")


def _unverified_redirect(request):
    """Changing two-factor settings needs the current app: a password alone is not enough."""
    if tf.two_factor_is_enabled(user=request.user) and not request.user.is_verified():
        return redirect(reverse("accounts:two_factor_verify") + "?next=" + reverse("accounts:two_factor"))
    return None


def _show_codes(request, codes: list[str], *, first_time: bool, next_url: str):
    return render(
        request,
        "accounts/two_factor_codes.html",
        {
            "codes": [tf.format_recovery_code(code) for code in codes],
            "first_time": first_time,
            "next": next_url,
        },
    )


@never_cache
@login_required
def two_factor_overview(request):
    user = request.user
    return render(
        request,
        "accounts/two_factor_overview.html",
        {
            "enabled": tf.two_factor_is_enabled(user=user),
            "required": tf.two_factor_is_required(user=user),
            "codes_left": tf.recovery_codes_left(user=user),
        },
    )


@never_cache
@login_required
def two_factor_setup(request):
    user = request.user
    if unverified := _unverified_redirect(request):
        return unverified
    form = CodeForm(request.POST or None)
    form.fields["code"].label = _("6-digit code from the app")
    form.fields["code"].widget.attrs["inputmode"] = "numeric"
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = tf.two_factor_setup_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            tf.session_step_done(request)
            return _show_codes(request, codes, first_time=True, next_url=_next_url(request))
    device = tf.two_factor_setup_start(user=user)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": tf.totp_secret(device),
            "forced": getattr(request, "two_factor_pending", "") == tf.SETUP,
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def two_factor_qr(request):
    """The QR code of the app being set up: a separate image, so the page needs no inline data."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        raise Http404
    return HttpResponse(tf.totp_qr_svg(device), content_type="image/svg+xml")


def _locked_out(request, credentials: dict):
    logout(request)
    return get_lockout_response(request, None, credentials)


@never_cache
@login_required
def two_factor_verify(request):
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not tf.two_factor_is_enabled(user=user):
        # Reset by an administrator meanwhile: set up again, or carry on.
        step = request.session[tf.SESSION_KEY] = tf.pending_step(user=user)
        return redirect("accounts:two_factor_setup") if step == tf.SETUP else redirect(next_url)
    credentials = {"username": user.get_username()}
    form = CodeForm(request.POST or None)
    form.fields["code"].label = _("6-digit code, or a recovery code")
    if request.method == "POST":
        # Wrong codes count as failed sign-ins: the sign-in lockout covers this step too.
        if not AxesProxyHandler.is_allowed(request, credentials):
            return _locked_out(request, credentials)
        if form.is_valid():
            try:
                device = tf.two_factor_verify(user=user, code=form.cleaned_data["code"])
            except ValidationError as error:
                form.add_error("code", error)
                if error.code == "wrong":
                    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
                    if getattr(request, "axes_locked_out", False):
                        return _locked_out(request, credentials)
            else:
                django_otp.login(request, device)
                tf.session_step_done(request)
                if isinstance(device, StaticDevice):
                    left = tf.recovery_codes_left(user=user)
                    messages.warning(
                        request,
                        ngettext(
                            "You signed in with a recovery code; %(count)d code is left. "
                            "Make new ones on the two-factor sign-in page.",
                            "You signed in with a recovery code; %(count)d codes are left. "
                            "Make new ones on the two-factor sign-in page.",
                            left,
                        )
                        % {"count": left},
                    )
                return redirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_POST
def two_factor_recovery_codes(request):
    if unverified := _unverified_redirect(request):
        return unverified
    try:
        codes = tf.recovery_codes_regenerate(user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("accounts:two_factor")
    return _show_codes(request, codes, first_time=False, next_url=reverse("accounts:two_factor"))


@login_required
@require_POST
def two_factor_disable(request):
    if unverified := _unverified_redirect(request):
        return unverified
    try:
        tf.two_factor_disable(user=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:two_factor")


@login_required
@require_POST
def two_factor_reset(request, pk: int):
    if not services.is_user_admin(request.user):
        raise PermissionDenied
    subject = get_object_or_404(selectors.users_visible_to(request.user), pk=pk)
    try:
        tf.two_factor_reset(by=request.user, user=subject)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Two-factor sign-in of %(name)s was reset. They set it up again with their new phone.")
            % {"name": subject.display_name},
        )
    return redirect("accounts:user_detail", pk=subject.pk)
