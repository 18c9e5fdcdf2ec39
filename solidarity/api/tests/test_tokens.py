"""Personal tokens: made and revoked on the user's page, stored as a hash, expiring, noting their last use."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from solidarity.accounts.testing import PASSWORD
from solidarity.api.models import ApiToken
from solidarity.api.tokens import LAST_USE_RESOLUTION, digest_of, token_create

pytestmark = pytest.mark.django_db


def bearer(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_a_token_signs_in_as_its_user_and_only_its_hash_is_kept(people):
    token, secret = token_create(user=people.na_officer, name="Xuất dữ liệu")
    assert secret.startswith("sol_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == digest_of(secret) and secret not in {stored.digest, stored.prefix}
    assert bearer(secret).get("/api/units/").status_code == 200


@pytest.mark.parametrize("header", ["Bearer sol_wrong", "Bearer", "Bearer a b", "Bearer notours"])
def test_a_wrong_token_is_refused(db, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get("/api/units/").status_code == 401


def test_an_expired_a_revoked_and_an_inactive_users_token_fail(people):
    expired, expired_secret = token_create(user=people.na_officer, name="old", days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert bearer(expired_secret).get("/api/units/").status_code == 401

    revoked, revoked_secret = token_create(user=people.na_officer, name="revoked")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    assert bearer(revoked_secret).get("/api/units/").status_code == 401

    _token, secret = token_create(user=people.na_viewer, name="viewer")
    assert bearer(secret).get("/api/units/").status_code == 200
    people.na_viewer.is_active = False
    people.na_viewer.save()
    assert bearer(secret).get("/api/units/").status_code == 401


def test_the_last_use_is_noted_at_most_once_a_minute(people):
    token, secret = token_create(user=people.na_officer, name="script")
    assert token.last_used_at is None
    bearer(secret).get("/api/units/")
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    bearer(secret).get("/api/units/")
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - LAST_USE_RESOLUTION)
    bearer(secret).get("/api/units/")
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_a_token_has_no_more_rights_than_its_user(tree, people, client_for):
    from solidarity.delegations.tests.factories import make_delegation

    delegation = make_delegation(tree.nghe_an)
    viewer = client_for(people.na_viewer)
    assert viewer.get(f"/api/delegations/{delegation.pk}/").status_code == 200
    assert viewer.post(f"/api/delegations/{delegation.pk}/archive/").status_code == 403


def test_the_page_makes_a_token_shows_its_secret_once_and_lists_it(client, people):
    client.login(username=people.na_officer.username, password=PASSWORD)
    response = client.post("/api/tokens/", {"name": "Báo cáo tháng", "days": 30})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("sol_") and secret in response.content.decode()
    token = ApiToken.objects.get(user=people.na_officer)
    assert token.name == "Báo cáo tháng"
    assert abs((token.expires_at - timezone.now()) - datetime.timedelta(days=30)) < datetime.timedelta(
        minutes=1
    )
    again = client.get("/api/tokens/")
    assert secret not in again.content.decode()
    assert "Báo cáo tháng" in again.content.decode()
    assert "no-store" in again["Cache-Control"] or "max-age=0" in again["Cache-Control"]


def test_the_page_refuses_a_token_without_a_name_or_too_long_a_term(client, people, settings):
    client.login(username=people.na_officer.username, password=PASSWORD)
    response = client.post("/api/tokens/", {"name": "", "days": settings.API_TOKEN_MAX_DAYS + 1})
    assert set(response.context["form"].errors) == {"name", "days"}
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token_and_nobody_else_can(client, people):
    token, secret = token_create(user=people.na_officer, name="script")
    client.login(username=people.hn_officer.username, password=PASSWORD)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    assert bearer(secret).get("/api/units/").status_code == 200
    client.login(username=people.na_officer.username, password=PASSWORD)
    response = client.post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert bearer(secret).get("/api/units/").status_code == 401


def test_the_page_needs_a_signed_in_user(client, db):
    assert client.get("/api/tokens/").status_code == 302
