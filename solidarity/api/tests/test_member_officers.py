"""A delegation member sent through the API may name one of our officers, only one the caller sees."""

import pytest

from solidarity.delegations.tests.factories import make_delegation
from solidarity.staff import services as staff_services

pytestmark = pytest.mark.django_db


def test_a_member_names_an_officer_by_id_and_reads_it_back(tree, people, client_for):
    lam = staff_services.officer_create(
        by=people.na_officer, owner_unit=tree.nghe_an, full_name="Lương Văn Lâm", position="Cán bộ",
        started_year=2016,
    )  # fmt: skip
    delegation = make_delegation(tree.nghe_an)
    api = client_for(people.na_officer)
    url = f"/api/delegations/{delegation.pk}/"
    created = api.post(url + "members/", {"officer": lam.pk}, format="json")
    assert created.status_code == 201, created.content
    assert (created.json()["full_name"], created.json()["officer"]) == ("Lương Văn Lâm", lam.pk)
    assert api.get(url).json()["members"][0]["officer"] == lam.pk


def test_a_sibling_units_officer_is_not_found(tree, people, client_for):
    theirs = staff_services.officer_create(
        by=people.hn_officer, owner_unit=tree.ha_noi, full_name="Trần Văn Hà", started_year=2018
    )
    delegation = make_delegation(tree.nghe_an)
    api = client_for(people.na_officer)
    refused = api.post(
        f"/api/delegations/{delegation.pk}/members/", {"full_name": "X", "officer": theirs.pk}, format="json"
    )
    assert refused.status_code == 400 and "officer" in refused.content.decode()
    assert not delegation.members.exists()
