"""The issue's done-when scenario, as a script would live it."""

import pytest

from solidarity.delegations.models import Delegation
from solidarity.delegations.tests.factories import make_delegation
from solidarity.records.workflow import ApprovalState

pytestmark = pytest.mark.django_db


def test_a_script_lists_nghe_an_delegations_and_the_right_leader_approves_one_while_ha_noi_sees_none(
    tree, people, client_for
):
    """
    GIVEN two Nghệ An delegations, one submitted by its officer
    WHEN a script with the officer's token lists Nghệ An's delegations,
     AND a script with a VGCL leader's token (the level that decides) approves the submitted one
    THEN the delegation is approved, with the decision's event row,
     AND a script with a Hà Nội officer's token finds none of them (absent from lists, 404 on detail)
    """
    submitted = make_delegation(tree.nghe_an, title="Đoàn sang Lào", complete_it=True)
    other = make_delegation(tree.vinh, title="Đoàn phường Vinh Phú")
    officer = client_for(people.na_officer)
    response = officer.post(f"/api/delegations/{submitted.pk}/actions/submit/", {}, format="json")
    assert response.status_code == 200, response.content

    listed = officer.get("/api/delegations/", {"unit": tree.nghe_an.pk})
    assert listed.status_code == 200
    assert {row["id"] for row in listed.json()["results"]} == {submitted.pk, other.pk}

    leader = client_for(people.vgcl_leader)
    queue = leader.get("/api/delegations/", {"state": "submitted", "unit": tree.nghe_an.pk}).json()["results"]
    assert [row["id"] for row in queue] == [submitted.pk]
    approved = leader.post(
        f"/api/delegations/{submitted.pk}/actions/approve/", {"comment": "Đồng ý"}, format="json"
    )
    assert approved.status_code == 200, approved.content
    assert approved.json()["state"] == ApprovalState.APPROVED
    assert Delegation.objects.get(pk=submitted.pk).state == ApprovalState.APPROVED
    events = leader.get(f"/api/delegations/{submitted.pk}/workflow/").json()["events"]
    assert [(e["action"], e["comment"]) for e in events] == [("submit", ""), ("approve", "Đồng ý")]

    sibling = client_for(people.hn_officer)
    assert sibling.get("/api/delegations/").json()["results"] == []
    assert sibling.get("/api/delegations/", {"q": "Đoàn"}).json()["results"] == []
    for delegation in (submitted, other):
        assert sibling.get(f"/api/delegations/{delegation.pk}/").status_code == 404
        assert sibling.get(f"/api/delegations/{delegation.pk}/workflow/").status_code == 404
        assert (
            sibling.post(f"/api/delegations/{delegation.pk}/actions/withdraw/", {"comment": "x"}).status_code
            == 404
        )


def test_the_officer_cannot_approve_nor_can_a_leader_of_the_wrong_level(tree, people, client_for):
    delegation = make_delegation(tree.nghe_an, complete_it=True, state=ApprovalState.SUBMITTED)
    for user in (people.na_officer, people.na_leader):
        response = client_for(user).post(f"/api/delegations/{delegation.pk}/actions/approve/", {})
        assert response.status_code == 403
        assert "Tổng Liên đoàn" in response.json()["detail"]
    assert Delegation.objects.get(pk=delegation.pk).state == ApprovalState.SUBMITTED
