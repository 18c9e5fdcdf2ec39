"""Real-browser test of two-factor sign-in: the set-up page, the code step.

The test plays the phone: it reads the key shown for manual entry and
computes the 6-digit code the way an authenticator app does.
"""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from solidarity.accounts.testing import PASSWORD
from tests.browser import MARKS, shot

pytestmark = MARKS


def phone_code(secret: str, *, steps_ahead: int = 0) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    totp = TOTP(key, step=30, digits=6)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def password_step(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True
    # The screenshots show what officers see: the Vietnamese pages.
    settings.LANGUAGE_CODE = "vi"


def test_a_leader_sets_up_two_factor_sign_in_and_signs_in_with_a_code(
    live_server, people, page_factory, required
):
    """
    GIVEN two-factor sign-in is required and a Nghệ An leader has no app yet
    WHEN they sign in, scan (here: read) the key, type the app's code, keep the recovery codes
    THEN they reach the home page, and their next sign-in asks for the code after the password
    """
    page = page_factory()
    password_step(page, live_server, people.na_leader.username)
    page.wait_for_url("**/users/two-factor/setup/**")
    qr_width = page.eval_on_selector("img.two-factor-qr", "img => img.complete && img.naturalWidth")
    assert qr_width > 0, "the QR code did not load"
    assert page.locator("#mainnav").count() == 0
    shot(page, "two-factor-01-setup")

    secret = page.inner_text("#two-factor-secret")
    page.fill("#id_code", phone_code(secret))
    page.click("main form.two-factor-code-form button[type=submit]")
    page.wait_for_selector(".recovery-codes")
    codes = page.locator(".recovery-code").all_inner_texts()
    assert len(codes) == 10
    shot(page, "two-factor-02-recovery-codes")
    page.click("main a.btn-primary")
    page.wait_for_url(f"{live_server.url}/")

    later = page_factory()
    password_step(later, live_server, people.na_leader.username)
    later.wait_for_url("**/users/two-factor/code/**")
    later.fill("#id_code", "000000")
    later.click("main button.btn-primary[type=submit]")
    later.wait_for_selector(".invalid-feedback")
    shot(later, "two-factor-03-wrong-code")
    later.wait_for_timeout(1100)  # django-otp makes the next try wait a second after a wrong code
    later.fill("#id_code", phone_code(secret, steps_ahead=1))
    later.click("main button.btn-primary[type=submit]")
    later.wait_for_url(f"{live_server.url}/")
    assert later.locator("#mainnav").count() == 1
    later.goto(f"{live_server.url}/users/two-factor/")
    shot(later, "two-factor-04-account-page")


def test_the_set_up_page_fits_a_phone(live_server, people, page_factory, required):
    page = page_factory(viewport=(390, 844))
    password_step(page, live_server, people.na_admin.username)
    page.wait_for_url("**/users/two-factor/setup/**")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the set-up page scrolls sideways on a phone ({width}px)"
    shot(page, "two-factor-phone-setup")
