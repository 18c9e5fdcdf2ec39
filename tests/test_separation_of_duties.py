"""The attack that found the hole: an administrator appoints the leader who approves their own submission."""

from __future__ import annotations

import pytest
from django.urls import reverse

from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership, User
from solidarity.delegations.tests.factories import make_delegation
from solidarity.records.workflow import Action, ApprovalState, may_take

pytestmark = pytest.mark.django_db

PASSWORD = "Hop-tac-quoc-te-2025"


def new_user(unit, role, username):
    return {
        "username": username,
        "full_name": "Đồng Lõa",
        "email": "",
        "unit": unit.pk,
        "role": role,
        "password": PASSWORD,
        "password_confirm": PASSWORD,
    }


def leaders_of(unit):
    return set(
        Membership.objects.filter(unit=unit, role__gte=Role.LEADER).values_list("user__username", flat=True)
    )


def test_an_administrator_cannot_appoint_the_leader_who_approves_their_own_submission(client, tree, people):
    """
    GIVEN a Vinh Phú delegation submitted by the Nghệ An administrator, waiting for Nghệ An's leaders
    WHEN that administrator creates a new user with the leader role at Nghệ An, or creates an
         officer there and then promotes them
    THEN both are refused: Nghệ An's leaders stay who the level above appointed, and no account
         the administrator made can approve the delegation
    """
    delegation = make_delegation(tree.vinh, state=ApprovalState.SUBMITTED)
    assert delegation.owner_unit.approver_unit() == tree.nghe_an
    client.force_login(people.na_admin)

    response = client.post(reverse("accounts:user_create"), new_user(tree.nghe_an, Role.LEADER, "dong_loa"))
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="dong_loa").exists()

    response = client.post(
        reverse("accounts:user_create"), new_user(tree.nghe_an, Role.OFFICER, "dong_loa_2")
    )
    assert response.status_code == 302
    accomplice = User.objects.get(username="dong_loa_2")
    role = accomplice.memberships.get()
    client.post(reverse("accounts:membership_edit", args=[role.pk]), {"role": Role.LEADER})
    client.post(reverse("accounts:membership_edit", args=[role.pk]), {"role": Role.ADMIN})

    assert leaders_of(tree.nghe_an) == {"na_leader", "na_admin"}
    assert not may_take(user=User.objects.get(pk=accomplice.pk), record=delegation, action=Action.APPROVE)


def test_the_vgcl_administrator_cannot_appoint_a_vgcl_leader(client, tree, people):
    """VGCL approves its own delegations: its leaders are appointed by superusers only."""
    client.force_login(people.vgcl_admin)
    response = client.post(reverse("accounts:user_create"), new_user(tree.vgcl, Role.LEADER, "dong_loa"))
    assert response.status_code == 200
    assert not User.objects.filter(username="dong_loa").exists()
    client.force_login(people.superuser)
    response = client.post(reverse("accounts:user_create"), new_user(tree.vgcl, Role.LEADER, "lanh_dao_moi"))
    assert response.status_code == 302
    assert "lanh_dao_moi" in leaders_of(tree.vgcl)
