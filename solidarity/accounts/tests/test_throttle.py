"""The sign-in throttle: a short lock per username, a higher limit per address, proxy-aware addresses."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.accounts.throttle import client_address

pytestmark = pytest.mark.django_db

ATTACKER = {"REMOTE_ADDR": "203.0.113.66"}
OFFICE = {"REMOTE_ADDR": "198.51.100.10"}


@pytest.fixture(autouse=True)
def _throttle_on(settings):
    # conftest.py switches the throttle off for every other test.
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 30
    settings.AXES_COOLOFF_MINUTES = 15
    settings.AXES_COOLOFF_TIME = 15 / 60
    settings.BEHIND_PROXY = False


def sign_in(client, username, password, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def fail(client, username, times, **meta):
    for _attempt in range(times):
        sign_in(client, username, "wrong-password", **meta)


def minutes_pass(minutes: int) -> None:
    """Age every recorded failure, as if ``minutes`` had gone by."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=minutes))


def test_a_locked_username_is_refused_from_every_address(client, people):
    """
    GIVEN someone failed five times to sign in as an officer from one address
    WHEN the officer signs in with the right password from the office
    THEN the account is locked for now, wherever the attempt comes from
    """
    fail(client, "na_officer", 5, **ATTACKER)
    response = sign_in(client, "na_officer", PASSWORD, **OFFICE)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_attempts_while_locked_do_not_make_the_lock_longer(client, people):
    """
    GIVEN an account locked by five failures
    WHEN the attacker keeps trying during the lock
    THEN the lock still ends when it would have, and the right password works again
    """
    fail(client, "na_officer", 5, **ATTACKER)
    minutes_pass(10)
    fail(client, "na_officer", 20, **ATTACKER)
    assert sign_in(client, "na_officer", PASSWORD, **OFFICE).status_code == 429
    minutes_pass(6)
    response = sign_in(client, "na_officer", PASSWORD, **OFFICE)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(people.na_officer.pk)


def test_an_address_spraying_passwords_over_many_usernames_is_throttled(client, people):
    """
    GIVEN one address fails 30 times, each time with a different username
    WHEN it then tries a real account's right password
    THEN it is refused, while the same account still signs in from another address
    """
    for number in range(30):
        sign_in(client, f"guess{number}", "Summer2025!", **ATTACKER)
    response = sign_in(client, "na_leader", PASSWORD, **ATTACKER)
    assert response.status_code == 429
    assert "from your network address" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert sign_in(client, "na_leader", PASSWORD, **OFFICE).status_code == 302


def test_an_office_sharing_one_address_is_not_throttled_below_the_address_limit(client, people):
    for number in range(7):
        fail(client, f"colleague{number}", 4, **OFFICE)  # 28 failures, none over the username limit
    assert sign_in(client, "na_officer", PASSWORD, **OFFICE).status_code == 302


def test_signing_into_ones_own_account_does_not_wipe_the_address_count(client, people):
    """
    GIVEN a sprayer who also owns a real account
    WHEN they sign into it between guesses
    THEN their earlier guesses at other usernames still count against the address
    """
    for number in range(29):
        sign_in(client, f"guess{number}", "Summer2025!", **ATTACKER)
    assert sign_in(client, "na_viewer", PASSWORD, **ATTACKER).status_code == 302
    client.logout()
    sign_in(client, "guess-last", "Summer2025!", **ATTACKER)
    assert sign_in(client, "na_leader", PASSWORD, **ATTACKER).status_code == 429


def test_the_locked_out_page_says_how_long_the_lock_lasts(client, people):
    fail(client, "na_officer", 5, **ATTACKER)
    response = sign_in(client, "na_officer", PASSWORD, **ATTACKER)
    page = response.content.decode()
    assert "paused for up to 15 minutes" in page
    assert "does not make the pause longer" in page


def test_the_locked_out_page_speaks_vietnamese(client, people, settings):
    settings.LANGUAGE_CODE = "vi"
    fail(client, "na_officer", 5, **ATTACKER)
    page = sign_in(client, "na_officer", PASSWORD, **ATTACKER).content.decode()
    assert "15 phút" in page


def test_a_forged_forwarded_header_does_not_dodge_the_address_limit(client, people):
    """Without BEHIND_PROXY, X-Forwarded-For is the client's word and is ignored."""
    for number in range(30):
        sign_in(client, f"guess{number}", "Summer2025!", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}", **ATTACKER)
    response = sign_in(client, "na_leader", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200", **ATTACKER)
    assert response.status_code == 429


def test_behind_a_proxy_each_client_is_counted_by_the_address_the_proxy_saw(client, people, settings):
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(30):
        sign_in(client, f"guess{number}", "Summer2025!", HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy)
    blocked = sign_in(client, "na_leader", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy)
    assert blocked.status_code == 429
    # Another client behind the same proxy, even if it forges a left-hand entry.
    allowed = sign_in(
        client, "na_leader", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.7", **proxy
    )
    assert allowed.status_code == 302


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded", "expected"),
    [
        (False, "192.0.2.1", "10.0.0.2"),
        (True, "192.0.2.1", "192.0.2.1"),
        (True, "198.51.100.9, 192.0.2.1", "192.0.2.1"),
        (True, "not-an-address", "10.0.0.2"),
        (True, "", "10.0.0.2"),
    ],
)
def test_the_client_address_comes_from_the_proxy_header_only_behind_a_proxy(
    settings, behind_proxy, forwarded, expected
):
    settings.BEHIND_PROXY = behind_proxy
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
