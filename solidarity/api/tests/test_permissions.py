"""The one rule, through the API: outsiders 404, read-only 403, anonymous 401/403, lists scoped."""

import pytest
from rest_framework.test import APIClient

from solidarity.delegations.models import Delegation

pytestmark = pytest.mark.django_db

# (list URL, attribute of the ``records`` fixture): the unit-owned kinds.
OWNED = [
    ("/api/contacts/", "contact"),
    ("/api/agreements/", "agreement"),
    ("/api/commitments/", "commitment"),
    ("/api/delegations/", "delegation"),
    ("/api/meetings/", "meeting"),
    ("/api/support/", "support"),
]


@pytest.mark.parametrize(("url", "kind"), OWNED)
def test_a_sibling_province_neither_lists_nor_reads_nor_changes_the_records(
    records, people, client_for, url, kind
):
    record = getattr(records, kind)
    sibling = client_for(people.hn_officer)
    assert sibling.get(url).json()["results"] == []
    assert sibling.get(f"{url}{record.pk}/").status_code == 404
    response = sibling.patch(f"{url}{record.pk}/", {"version": record.version}, format="json")
    assert response.status_code == 404
    if kind != "contact":
        assert sibling.post(f"{url}{record.pk}/archive/").status_code == 404


@pytest.mark.parametrize(("url", "kind"), OWNED)
def test_the_province_and_the_level_above_read_them(records, people, client_for, url, kind):
    record = getattr(records, kind)
    for user in (people.na_viewer, people.na_officer, people.vgcl_leader):
        api = client_for(user)
        assert [row["id"] for row in api.get(url).json()["results"]] == [record.pk]
        assert api.get(f"{url}{record.pk}/").json()["id"] == record.pk


@pytest.mark.parametrize(("url", "kind"), OWNED)
def test_a_read_only_viewer_is_refused_a_change_with_403(records, people, client_for, url, kind):
    record = getattr(records, kind)
    viewer = client_for(people.na_viewer)
    response = viewer.patch(f"{url}{record.pk}/", {"version": record.version}, format="json")
    assert response.status_code == 403
    if kind != "contact":
        assert viewer.post(f"{url}{record.pk}/archive/").status_code == 403
    assert type(record).objects.get(pk=record.pk).version == record.version


def test_a_viewer_cannot_create_for_their_unit(tree, people, client_for):
    response = client_for(people.na_viewer).post(
        "/api/delegations/",
        {
            "owner_unit": tree.nghe_an.pk,
            "direction": "outgoing",
            "title": "X",
            "start_on": "2025-01-01",
            "end_on": "2025-01-02",
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Delegation.objects.exists()


def test_nobody_creates_for_a_sibling_unit_it_is_not_even_a_choice(tree, people, client_for):
    response = client_for(people.na_officer).post(
        "/api/delegations/",
        {
            "owner_unit": tree.ha_noi.pk,
            "direction": "outgoing",
            "title": "X",
            "start_on": "2025-01-01",
            "end_on": "2025-01-02",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "owner_unit" in response.json()
    assert not Delegation.objects.exists()


def test_the_partner_directory_is_shared_but_only_its_units_edit_it(records, people, client_for):
    partner = records.partner
    sibling = client_for(people.hn_officer)
    assert [row["id"] for row in sibling.get("/api/partners/").json()["results"]] == [partner.pk]
    response = sibling.patch(f"/api/partners/{partner.pk}/", {"version": 1, "name": "Khác"}, format="json")
    assert response.status_code == 403
    ok = client_for(people.na_officer).patch(
        f"/api/partners/{partner.pk}/", {"version": 1, "website": "https://example.la"}, format="json"
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["website"] == "https://example.la"


def test_units_list_only_the_users_subtree(tree, people, client_for):
    ids = {row["id"] for row in client_for(people.hn_officer).get("/api/units/").json()["results"]}
    assert ids == {tree.ha_noi.pk}
    assert client_for(people.hn_officer).get(f"/api/units/{tree.nghe_an.pk}/").status_code == 404
    rows = client_for(people.na_officer).get("/api/units/").json()["results"]
    assert [row["id"] for row in rows] == [tree.nghe_an.pk, tree.ky_son.pk, tree.vinh.pk, tree.school.pk]
    assert rows[3]["parent"] == tree.vinh.pk


@pytest.mark.parametrize("url", ["/api/delegations/", "/api/units/", "/api/reports/", "/api/schema/"])
def test_anonymous_requests_are_refused(db, url):
    assert APIClient().get(url).status_code in (401, 403)


def test_the_session_of_a_signed_in_user_works_and_writes_need_csrf(records, people):
    from solidarity.accounts.testing import PASSWORD

    api = APIClient(enforce_csrf_checks=True)
    assert api.login(username=people.na_officer.username, password=PASSWORD)
    assert api.get("/api/delegations/").status_code == 200
    response = api.post(f"/api/delegations/{records.delegation.pk}/actions/submit/", {}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_the_schema_and_its_docs_page_are_served_to_a_signed_in_user(people, client_for):
    api = client_for(people.na_officer)
    schema = api.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert "/api/delegations/{id}/actions/{action_name}/" in schema.json()["paths"]
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
