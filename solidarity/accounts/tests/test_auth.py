"""Signing in and out, changing one's password, hashing, throttling, session expiry."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import NoReverseMatch, reverse

from solidarity.accounts.models import User
from solidarity.accounts.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    # The texts checked below are the English source strings; the UI defaults to Vietnamese.
    settings.LANGUAGE_CODE = "en"


NEW_PASSWORD = "Hop-tac-quoc-te-2025"


def test_the_login_page_renders_for_anonymous_visitors(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_a_user_signs_in_with_the_right_password(client, people):
    response = client.post(reverse("login"), {"username": "na_officer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == str(people.na_officer.pk)


def test_a_wrong_password_is_refused_with_a_message(client, people):
    response = client.post(reverse("login"), {"username": "na_officer", "password": "wrong"})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert response.context["form"].non_field_errors()


def test_sign_in_follows_next_but_only_to_this_site(client, people):
    response = client.post(
        reverse("login") + "?next=/partners/",
        {"username": "na_officer", "password": PASSWORD, "next": "/partners/"},
    )
    assert response["Location"] == "/partners/"
    client.logout()
    response = client.post(
        reverse("login"), {"username": "na_officer", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_an_inactive_user_cannot_sign_in(client, people):
    User.objects.filter(pk=people.na_officer.pk).update(is_active=False)
    response = client.post(reverse("login"), {"username": "na_officer", "password": PASSWORD})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_logging_out_needs_post_and_ends_the_session(client, people):
    client.force_login(people.na_officer)
    assert client.get(reverse("logout")).status_code == 405
    assert SESSION_KEY in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_a_user_changes_their_own_password(client, people):
    """
    GIVEN a signed-in officer
    WHEN they change their password giving the old one
    THEN the new one works, the old one no longer does, and they stay signed in
    """
    client.force_login(people.na_officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    user = User.objects.get(pk=people.na_officer.pk)
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    assert client.get(reverse("home")).status_code == 200


def test_a_password_change_with_a_wrong_old_password_saves_nothing(client, people):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    assert User.objects.get(pk=people.na_officer.pk).check_password(PASSWORD)


def test_a_weak_new_password_is_refused(client, people):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert "new_password2" in response.context["form"].errors
    assert User.objects.get(pk=people.na_officer.pk).check_password(PASSWORD)


def test_passwords_are_hashed_with_argon2(people):
    assert people.na_officer.password.startswith("argon2")
    assert User.objects.get(pk=people.na_officer.pk).password.startswith("argon2")


def test_repeated_failed_sign_ins_are_locked_out_even_with_the_right_password(client, people, settings):
    """
    GIVEN login throttling is on
    WHEN someone fails to sign in AXES_FAILURE_LIMIT times from one address
    THEN the right password is refused too, with the locked-out page
    """
    settings.AXES_ENABLED = True
    address = {"REMOTE_ADDR": "203.0.113.7"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "na_officer", "password": "wrong"}, **address)
    response = client.post(reverse("login"), {"username": "na_officer", "password": PASSWORD}, **address)
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_few_failures_do_not_lock_out_the_right_password(client, people, settings):
    settings.AXES_ENABLED = True
    address = {"REMOTE_ADDR": "203.0.113.8"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "na_leader", "password": "wrong"}, **address)
    response = client.post(reverse("login"), {"username": "na_leader", "password": PASSWORD}, **address)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(people.na_leader.pk)


def test_sessions_expire_after_a_working_day_and_when_the_browser_closes():
    assert 0 < django_settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert django_settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/",
        "/accounts/reset/done/",
    ],
)
def test_there_is_no_self_service_password_reset(client, people, path):
    """The app sends no mail: administrators set new passwords in the app instead."""
    assert client.get(path).status_code == 404
    assert client.post(path, {"email": "root@example.org"}).status_code == 404


@pytest.mark.parametrize("name", ["password_reset", "password_reset_done", "password_reset_complete"])
def test_the_password_reset_routes_are_gone(name):
    with pytest.raises(NoReverseMatch):
        reverse(name)


def test_the_login_page_offers_no_password_reset_link(client):
    page = client.get(reverse("login")).content.decode()
    assert "password_reset" not in page
    assert "/accounts/reset" not in page


# --- Deactivation ends sessions ----------------------------------------------


def signed_in_client(username):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def deactivate(admin, user, active="0"):
    admin_client = Client()
    admin_client.force_login(admin)
    response = admin_client.post(reverse("accounts:user_set_active", args=[user.pk]), {"active": active})
    assert response.status_code == 302


def test_deactivating_a_user_ends_their_open_sessions_at_once(people):
    """
    GIVEN an officer signed in on two browsers
    WHEN their administrator deactivates them
    THEN both sessions stop working on their next request
    """
    office, home = signed_in_client("na_officer"), signed_in_client("na_officer")
    deactivate(people.na_admin, people.na_officer)
    for browser in (office, home):
        response = browser.get(reverse("partners:list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_reactivating_a_user_does_not_revive_their_old_session(people):
    """
    GIVEN a signed-in officer who is deactivated
    WHEN the administrator reactivates the account
    THEN the old cookie still does not work: they sign in again
    """
    browser = signed_in_client("na_officer")
    deactivate(people.na_admin, people.na_officer)
    deactivate(people.na_admin, people.na_officer, active="1")
    assert browser.get(reverse("partners:list")).status_code == 302
    assert SESSION_KEY not in browser.session
    assert signed_in_client("na_officer").get(reverse("partners:list")).status_code == 200


def test_other_users_stay_signed_in_when_someone_is_deactivated(people):
    colleague = signed_in_client("na_leader")
    deactivate(people.na_admin, people.na_officer)
    assert colleague.get(reverse("partners:list")).status_code == 200


def test_deactivating_in_the_django_admin_ends_sessions_too(people):
    browser = signed_in_client("na_officer")
    root = Client()
    root.force_login(people.superuser)
    user = people.na_officer
    response = root.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "username": user.username,
            "full_name": user.full_name,
            "is_active": "",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    User.objects.filter(pk=user.pk).update(is_active=True)
    assert browser.get(reverse("partners:list")).status_code == 302


def test_existing_sessions_survive_until_something_ends_them(people):
    """The stamp only changes the session hash once set: deploying it signs nobody out."""
    user = User.objects.get(pk=people.na_officer.pk)
    assert user.sessions_ended_at is None
    assert user.get_session_auth_hash() == super(User, user).get_session_auth_hash()
