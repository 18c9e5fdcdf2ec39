"""Two-factor sign-in: a code from an authenticator app after the password."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from solidarity.accounts import two_factor
from solidarity.accounts.testing import PASSWORD
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

HOME = reverse("home")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")


def app_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the phone app shows now (or ``steps_ahead`` periods of 30 seconds later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def give_app(user) -> tuple[TOTPDevice, list[str]]:
    """Set up two-factor sign-in for ``user`` through the services, as the set-up page does."""
    device = two_factor.two_factor_setup_start(user=user)
    return two_factor.two_factor_setup_confirm(user=user, code=app_code(device))


def sign_in(client, user, **extra):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, **extra)
    assert response.status_code == 302, "the password step failed"
    return response


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


# --- The requirement ----------------------------------------------------------


def test_with_the_requirement_off_a_leader_signs_in_with_the_password_alone(client, people, settings):
    settings.TWO_FACTOR_REQUIRED = False
    sign_in(client, people.na_leader)
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("partners:list")).status_code == 200


@pytest.mark.parametrize("persona", ["na_leader", "na_admin", "superuser"])
def test_with_the_requirement_on_a_leader_or_administrator_without_an_app_can_only_set_it_up(
    client, people, required, persona
):
    """
    GIVEN two-factor sign-in is required and a leader (or administrator, or superuser) has no app
    WHEN they sign in with the right password
    THEN every page sends them to the set-up page, which with its QR code and sign-out still work
    """
    sign_in(client, getattr(people, persona))
    assert client.session[SESSION_KEY]
    for path in [HOME, reverse("partners:list"), reverse("accounts:two_factor"), reverse("password_change")]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP)
    assert client.post(reverse("accounts:two_factor_recovery_codes"))["Location"].startswith(SETUP)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert b"Google Authenticator" in page.content
    assert 'id="mainnav"' not in page.content.decode()  # no menus to wander off with
    qr = client.get(reverse("accounts:two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    assert client.post(reverse("logout")).status_code == 302


def test_with_the_requirement_on_an_officer_is_not_forced(client, people, required):
    sign_in(client, people.na_officer)
    assert client.get(HOME).status_code == 200


def test_the_requirement_is_on_in_production_and_off_for_the_local_demo():
    show = ("shell", "-c", "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)")
    production = {"SECRET_KEY": "x7!kq2-production-like-secret-key-with-plenty-of-entropy-9f3a2b1c"}
    assert run_manage(*show, env_overrides=production).stdout.split()[-1] == "True"
    assert run_manage(*show, env_overrides={}).stdout.split()[-1] == "False"
    assert (
        run_manage(*show, env_overrides={**production, "TWO_FACTOR_REQUIRED": "0"}).stdout.split()[-1]
        == "False"
    )


# --- Setting it up ------------------------------------------------------------


def test_a_leader_sets_up_the_app_and_sees_ten_recovery_codes_once(client, people, required):
    """
    GIVEN two-factor sign-in is required and a leader signed in with the password
    WHEN they type the code their new app shows
    THEN they see ten recovery codes, reach every page, and the next sign-in asks for a code
    """
    sign_in(client, people.na_leader)
    page = client.get(SETUP + "?next=/partners/")
    device = TOTPDevice.objects.get(user=people.na_leader, confirmed=False)
    assert two_factor.totp_secret(device).replace(" ", "") in page.content.decode().replace(" ", "")

    wrong = client.post(SETUP, {"code": "000000"})
    assert "This code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # the wrong code made the next try wait a second

    response = client.post(SETUP, {"code": app_code(device), "next": "/partners/"})
    assert response.status_code == 200
    assert "accounts/two_factor_codes.html" in [t.name for t in response.templates]
    codes = response.context["codes"]
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=people.na_leader).count() == 10
    assert response.context["next"] == "/partners/"
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("accounts:two_factor")).status_code == 200

    client.post(reverse("logout"))
    sign_in(client, people.na_leader)
    assert client.get(HOME)["Location"].startswith(VERIFY)


def test_the_set_up_page_keeps_its_key_when_reloaded(client, people):
    client.force_login(people.na_officer)
    first = client.get(SETUP).context["secret"]
    assert client.get(SETUP).context["secret"] == first
    assert TOTPDevice.objects.filter(user=people.na_officer).count() == 1


def test_the_two_factor_pages_have_no_inline_script_or_style(client, people):
    # A strict Content-Security-Policy forbids them.
    client.force_login(people.na_officer)
    pages = [client.get(SETUP), client.get(reverse("accounts:two_factor"))]
    device = TOTPDevice.objects.get(user=people.na_officer)
    pages.append(client.post(SETUP, {"code": app_code(device)}))
    for page in pages:
        html = page.content.decode()
        assert " style=" not in html
        assert "<script>" not in html
        assert "onclick" not in html


# --- The code step -------------------------------------------------------------


def test_with_an_app_the_code_is_asked_after_the_password_even_when_not_required(client, people, settings):
    """
    GIVEN an officer turned on two-factor sign-in, and the requirement is off
    WHEN they sign in with the password
    THEN nothing opens until they type the code; then they land where they were going
    """
    settings.TWO_FACTOR_REQUIRED = False
    device, _codes = give_app(people.na_officer)
    sign_in(client, people.na_officer)
    response = client.get(reverse("partners:list"))
    assert response["Location"] == VERIFY + "?next=%2Fpartners%2F"
    for path in [HOME, SETUP, reverse("accounts:two_factor_qr"), reverse("accounts:two_factor")]:
        assert client.get(path)["Location"].startswith(VERIFY), path
    page = client.get(VERIFY + "?next=/partners/")
    assert page.status_code == 200
    assert 'id="mainnav"' not in page.content.decode()

    response = client.post(VERIFY, {"code": app_code(device, steps_ahead=1), "next": "/partners/"})
    assert response.status_code == 302
    assert response["Location"] == "/partners/"
    assert client.get(HOME).status_code == 200


def test_an_api_client_of_a_half_signed_in_session_is_told_why_not_redirected(client, people, settings):
    settings.TWO_FACTOR_REQUIRED = False
    give_app(people.na_officer)
    sign_in(client, people.na_officer)
    response = client.get(reverse("api:delegation-list"), HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Finish signing in first")
    # A browser opening the same address is taken to the code step.
    assert client.get(reverse("api:delegation-list"), HTTP_ACCEPT="text/html")["Location"].startswith(VERIFY)


def test_a_wrong_code_is_refused_and_an_immediate_retry_waits(client, people):
    device, _codes = give_app(people.na_officer)
    sign_in(client, people.na_officer)
    response = client.post(VERIFY, {"code": "123456"})
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert client.get(HOME)["Location"].startswith(VERIFY)

    # django-otp's throttling: even the right code waits after a wrong one.
    response = client.post(VERIFY, {"code": app_code(device, steps_ahead=1)})
    assert "Too many wrong codes" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get(HOME)["Location"].startswith(VERIFY)


def test_a_recovery_code_signs_in_once(client, people):
    _device, codes = give_app(people.na_leader)
    sign_in(client, people.na_leader)
    response = client.post(VERIFY, {"code": two_factor.format_recovery_code(codes[0]).upper()}, follow=True)
    assert response.status_code == 200
    assert "You signed in with a recovery code; 9 codes are left" in response.content.decode()
    assert StaticToken.objects.filter(device__user=people.na_leader).count() == 9

    client.post(reverse("logout"))
    sign_in(client, people.na_leader)
    response = client.post(VERIFY, {"code": codes[0]})
    assert "This code is not right" in response.content.decode()
    assert client.get(HOME)["Location"].startswith(VERIFY)


def test_wrong_codes_count_as_failed_sign_ins_and_lock_the_account_out(client, people, settings):
    """
    GIVEN login throttling is on and a leader's password is known to someone without the phone
    WHEN they type AXES_FAILURE_LIMIT wrong codes
    THEN they are signed out with the locked-out page, and the right password is refused too
    """
    settings.AXES_ENABLED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only django-axes counts here
    give_app(people.na_leader)
    address = {"REMOTE_ADDR": "203.0.113.20"}
    sign_in(client, people.na_leader, **address)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(VERIFY, {"code": "000000"}, **address).status_code == 200
    response = client.post(VERIFY, {"code": "000000"}, **address)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert SESSION_KEY not in client.session
    response = client.post(
        reverse("login"), {"username": people.na_leader.username, "password": PASSWORD}, **address
    )
    assert response.status_code == 429


def test_a_half_signed_in_session_cannot_replace_the_app_or_the_codes(client, people):
    """A password alone must not be enough to add a new app and skip the code."""
    give_app(people.na_officer)
    sign_in(client, people.na_officer)
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)
    assert client.post(reverse("accounts:two_factor_disable"))["Location"].startswith(VERIFY)
    assert client.post(reverse("accounts:two_factor_recovery_codes"))["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=people.na_officer).count() == 1
    assert StaticToken.objects.filter(device__user=people.na_officer).count() == 10


# --- One's own account, and the administrator ----------------------------------


def test_an_officer_makes_new_recovery_codes_and_the_old_ones_stop_working(client, people):
    device, old = give_app(people.na_officer)
    sign_in(client, people.na_officer)
    client.post(VERIFY, {"code": app_code(device, steps_ahead=1)})
    response = client.post(reverse("accounts:two_factor_recovery_codes"))
    new = {code.replace(" ", "") for code in response.context["codes"]}
    assert len(new) == 10
    assert (
        set(StaticToken.objects.filter(device__user=people.na_officer).values_list("token", flat=True)) == new
    )
    assert not new & set(old)
    assert client.get(HOME).status_code == 200  # still signed in with the app


def test_an_officer_turns_two_factor_off_but_a_required_leader_cannot(client, people, required):
    device, _codes = give_app(people.na_officer)
    sign_in(client, people.na_officer)
    client.post(VERIFY, {"code": app_code(device, steps_ahead=1)})
    response = client.post(reverse("accounts:two_factor_disable"), follow=True)
    assert "Two-factor sign-in is off." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=people.na_officer).exists()
    assert not StaticDevice.objects.filter(user=people.na_officer).exists()

    device, _codes = give_app(people.na_leader)
    client.post(reverse("logout"))
    sign_in(client, people.na_leader)
    client.post(VERIFY, {"code": app_code(device, steps_ahead=1)})
    response = client.post(reverse("accounts:two_factor_disable"), follow=True)
    assert "Your role requires two-factor sign-in" in response.content.decode()
    assert TOTPDevice.objects.filter(user=people.na_leader, confirmed=True).exists()


def test_an_administrator_resets_the_two_factor_of_someone_who_lost_their_phone(client, people, required):
    """
    GIVEN a Nghệ An leader with an app, who lost the phone
    WHEN the VGCL administrator (the level above manages leaders) presses "Reset two-factor sign-in"
    THEN the app and codes are gone, and the leader's next sign-in leads to the set-up page
    """
    give_app(people.na_leader)
    give_app(people.vgcl_admin)
    admin = client
    sign_in(admin, people.vgcl_admin)
    admin.post(VERIFY, {"code": app_code(TOTPDevice.objects.get(user=people.vgcl_admin), steps_ahead=1)})
    page = admin.get(reverse("accounts:user_detail", args=[people.na_leader.pk])).content.decode()
    assert "Reset two-factor sign-in" in page

    response = admin.post(reverse("accounts:two_factor_reset", args=[people.na_leader.pk]), follow=True)
    assert "was reset" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=people.na_leader).exists()
    assert not StaticDevice.objects.filter(user=people.na_leader).exists()

    admin.post(reverse("logout"))
    sign_in(client, people.na_leader)
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_an_administrator_of_a_sibling_unit_cannot_reset_it_nor_can_one_reset_ones_own(client, people):
    give_app(people.na_officer)
    client.force_login(people.hn_admin)
    response = client.post(reverse("accounts:two_factor_reset", args=[people.na_officer.pk]))
    assert response.status_code == 404
    client.force_login(people.na_leader)  # not an administrator
    assert client.post(reverse("accounts:two_factor_reset", args=[people.na_officer.pk])).status_code == 403
    client.force_login(people.na_admin)
    response = client.post(reverse("accounts:two_factor_reset", args=[people.na_admin.pk]), follow=True)
    assert "You cannot reset your own two-factor sign-in" in response.content.decode()
    assert TOTPDevice.objects.filter(user=people.na_officer).exists()


def test_a_code_step_left_open_after_a_reset_leads_to_the_set_up(client, people, required):
    give_app(people.na_leader)
    sign_in(client, people.na_leader)
    two_factor.two_factor_reset(by=people.vgcl_admin, user=people.na_leader)
    response = client.get(VERIFY)
    assert response["Location"] == SETUP
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_an_administrator_cannot_reset_the_two_factor_of_a_leader_of_their_own_unit(client, people):
    # Separation of duties: a leader's account belongs to the level above.
    give_app(people.na_leader)
    client.force_login(people.na_admin)
    client.post(reverse("accounts:two_factor_reset", args=[people.na_leader.pk]))
    assert TOTPDevice.objects.filter(user=people.na_leader).exists()
