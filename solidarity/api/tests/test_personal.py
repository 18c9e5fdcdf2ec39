"""Personal data through the API: null without the grant, sensitive only on request, never written
without the grant, and every person whose data an answer shows is logged."""

import pytest

from solidarity.accounts.models import Membership
from solidarity.contacts import services as contacts
from solidarity.delegations import services as delegations
from solidarity.delegations.tests.factories import make_delegation
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.models import AccessLog
from solidarity.privacy.persons import SENSITIVE_SHOWN

pytestmark = pytest.mark.django_db

PASSPORT = "P7712345"


def grant(user):
    Membership.objects.filter(user=user).update(personal_data=True)


@pytest.fixture
def contact(tree, people):
    grant(people.na_admin)
    return contacts.contact_create(
        by=people.na_admin,
        owner_unit=tree.nghe_an,
        full_name="Bua Khăm",
        email="bua@example.la",
        id_document_number=PASSPORT,
    )


def test_without_the_grant_personal_fields_read_null(people, client_for, contact):
    api = client_for(people.na_officer)
    body = api.get(f"/api/contacts/{contact.pk}/?personal=1").json()
    assert body["full_name"] == "Bua Khăm"
    assert body["email"] is None and body["id_document_number"] is None
    listed = api.get("/api/contacts/?personal=1").json()["results"][0]
    assert listed["email"] is None and listed["id_document_number"] is None
    assert not AccessLog.objects.filter(action=AccessAction.VIEW).exists()


def test_a_grant_holder_reads_sensitive_fields_only_when_asking_and_is_logged(people, client_for, contact):
    grant(people.na_officer)
    api = client_for(people.na_officer)
    body = api.get(f"/api/contacts/{contact.pk}/").json()
    assert body["email"] == "bua@example.la" and body["id_document_number"] is None
    assert AccessLog.objects.get(action=AccessAction.VIEW).detail == ""
    body = api.get(f"/api/contacts/{contact.pk}/?personal=1").json()
    assert body["id_document_number"] == PASSPORT
    assert AccessLog.objects.filter(action=AccessAction.VIEW, detail=SENSITIVE_SHOWN).count() == 1


def test_a_sibling_unit_gets_404(people, client_for, contact):
    grant(people.hn_officer)
    assert client_for(people.hn_officer).get(f"/api/contacts/{contact.pk}/?personal=1").status_code == 404


def test_personal_fields_are_not_writable_without_the_grant(people, client_for, contact):
    api = client_for(people.na_officer)
    refused = api.patch(
        f"/api/contacts/{contact.pk}/", {"version": 1, "id_document_number": "X1"}, format="json"
    )
    assert refused.status_code == 400
    # A PATCH of another field keeps the stored personal values (the merge sends them back unchanged).
    saved = api.patch(f"/api/contacts/{contact.pk}/", {"version": 1, "title": "Chủ tịch"}, format="json")
    assert saved.status_code == 200
    contact.refresh_from_db()
    assert contact.id_document_number == PASSPORT and contact.email == "bua@example.la"
    assert contact.title == "Chủ tịch"


def test_a_delegations_members_show_their_passports_to_a_grant_holder_asking(tree, people, client_for):
    grant(people.na_admin)
    delegation = make_delegation(tree.nghe_an)
    delegations.member_add(
        delegation=delegation, by=people.na_admin, full_name="An", passport_number=PASSPORT
    )
    url = f"/api/delegations/{delegation.pk}/"
    assert (
        client_for(people.na_officer).get(url + "?personal=1").json()["members"][0]["passport_number"] is None
    )
    grant(people.na_officer)
    api = client_for(people.na_officer)
    assert api.get(url).json()["members"][0]["passport_number"] is None
    assert api.get(url + "?personal=1").json()["members"][0]["passport_number"] == PASSPORT
    assert AccessLog.objects.filter(action=AccessAction.VIEW, detail=SENSITIVE_SHOWN).count() == 1


def test_a_member_with_a_passport_is_refused_from_a_user_without_the_grant(tree, people, client_for):
    delegation = make_delegation(tree.nghe_an)
    response = client_for(people.na_officer).post(
        f"/api/delegations/{delegation.pk}/members/",
        {"full_name": "An", "role": "member", "passport_number": "Z1"},
        format="json",
    )
    assert response.status_code == 400 and not delegation.members.exists()
