"""Separation of duties: a unit's leaders and administrators are appointed, and their accounts
managed, by administrators of a level above; an administrator grants up to officer in their own unit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from solidarity.accounts import services
from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership, User
from solidarity.accounts.permissions import highest_grantable_role, may_grant
from solidarity.accounts.testing import make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Hop-tac-quoc-te-2025"


def create(by, unit, role, username="moi"):
    return services.user_create(
        by=by,
        username=username,
        full_name="Lê Thị Mới",
        email="",
        password=NEW_PASSWORD,
        unit=unit,
        role=role,
    )


def create_data(unit, role, username="moi"):
    return {
        "username": username,
        "full_name": "Lê Thị Mới",
        "email": "",
        "unit": unit.pk,
        "role": role,
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }


def offered_roles(response):
    return [value for value, _label in response.context["form"].fields["role"].choices]


# --- The rule ---------------------------------------------------------------------------------


def test_an_administrator_grants_up_to_officer_in_their_own_unit_and_any_role_below(tree, people):
    assert highest_grantable_role(people.na_admin, tree.nghe_an) == Role.OFFICER
    assert highest_grantable_role(people.na_admin, tree.vinh) == Role.ADMIN
    assert highest_grantable_role(people.na_admin, tree.school) == Role.ADMIN
    assert highest_grantable_role(people.na_admin, tree.ha_noi) is None
    assert highest_grantable_role(people.na_admin, tree.vgcl) is None
    assert highest_grantable_role(people.vgcl_admin, tree.vgcl) == Role.OFFICER
    assert highest_grantable_role(people.vgcl_admin, tree.nghe_an) == Role.ADMIN
    assert highest_grantable_role(people.superuser, tree.vgcl) == Role.ADMIN
    assert highest_grantable_role(people.na_leader, tree.vinh) is None


@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMIN])
def test_an_administrator_cannot_make_a_leader_or_administrator_of_their_own_unit(tree, people, role):
    with pytest.raises(ValidationError) as error:
        create(people.na_admin, tree.nghe_an, role)
    assert "appointed by an administrator of the level above" in str(error.value)
    assert not User.objects.filter(username="moi").exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OFFICER])
def test_an_administrator_still_adds_viewers_and_officers_to_their_own_unit(tree, people, role):
    user = create(people.na_admin, tree.nghe_an, role)
    assert user.memberships.get().role == role


@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMIN])
def test_an_administrator_appoints_leaders_and_administrators_of_the_units_below(tree, people, role):
    user = create(people.na_admin, tree.vinh, role)
    assert user.memberships.get(unit=tree.vinh).role == role


def test_only_superusers_appoint_the_leaders_of_the_root_unit(tree, people):
    with pytest.raises(ValidationError) as error:
        create(people.vgcl_admin, tree.vgcl, Role.LEADER)
    assert "appointed by a superuser" in str(error.value)
    user = create(people.superuser, tree.vgcl, Role.LEADER)
    assert user.memberships.get().role == Role.LEADER


def test_an_administrator_cannot_promote_an_officer_of_their_own_unit(tree, people):
    with pytest.raises(ValidationError):
        services.membership_set(
            by=people.na_admin, user=people.na_officer, unit=tree.nghe_an, role=Role.LEADER
        )
    assert people.na_officer.memberships.get().role == Role.OFFICER


def test_an_administrator_cannot_demote_or_remove_a_leader_of_their_own_unit(tree, people):
    make_user("na_admin_2", (tree.nghe_an, Role.ADMIN))
    Membership.objects.create(user=people.na_leader, unit=tree.vinh, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.membership_set(
            by=people.na_admin, user=people.na_leader, unit=tree.nghe_an, role=Role.VIEWER
        )
    with pytest.raises(PermissionDenied):
        services.membership_remove(
            by=people.na_admin, membership=people.na_leader.memberships.get(unit=tree.nghe_an)
        )
    other_admin = User.objects.get(username="na_admin_2")
    with pytest.raises(PermissionDenied):
        services.membership_set(by=people.na_admin, user=other_admin, unit=tree.nghe_an, role=Role.OFFICER)
    assert people.na_leader.memberships.get(unit=tree.nghe_an).role == Role.LEADER
    assert other_admin.memberships.get().role == Role.ADMIN
    services.membership_set(by=people.vgcl_admin, user=people.na_leader, unit=tree.nghe_an, role=Role.VIEWER)
    assert people.na_leader.memberships.get(unit=tree.nghe_an).role == Role.VIEWER


@pytest.mark.parametrize("persona", ["na_leader", "na_admin_2"])
def test_a_leaders_or_administrators_account_belongs_to_the_level_above(tree, people, persona):
    """
    GIVEN a leader (or a second administrator) of Nghệ An
    WHEN the Nghệ An administrator tries to reset their password, deactivate or edit them
    THEN each is refused; an administrator of VGCL may
    """
    make_user("na_admin_2", (tree.nghe_an, Role.ADMIN))
    subject = User.objects.get(username=persona)
    with pytest.raises(PermissionDenied) as error:
        services.user_set_password(by=people.na_admin, user=subject, password=NEW_PASSWORD)
    assert "managed by an administrator of the level above" in str(error.value)
    with pytest.raises(PermissionDenied):
        services.user_set_active(by=people.na_admin, user=subject, active=False)
    with pytest.raises(PermissionDenied):
        services.user_update(by=people.na_admin, user=subject, username="renamed", full_name="X", email="")
    subject.refresh_from_db()
    assert subject.is_active and not subject.check_password(NEW_PASSWORD) and subject.username == persona

    services.user_set_password(by=people.vgcl_admin, user=subject, password=NEW_PASSWORD)
    assert User.objects.get(pk=subject.pk).check_password(NEW_PASSWORD)


def test_a_leader_below_is_still_managed_by_the_administrator_above(tree, people):
    vinh_leader = make_user("vinh_leader", (tree.vinh, Role.LEADER))
    services.user_set_password(by=people.na_admin, user=vinh_leader, password=NEW_PASSWORD)
    services.user_set_active(by=people.na_admin, user=vinh_leader, active=False)
    assert not User.objects.get(pk=vinh_leader.pk).is_active


def test_may_grant_is_the_one_check(tree, people):
    assert may_grant(people.na_admin, tree.nghe_an, Role.OFFICER)
    assert not may_grant(people.na_admin, tree.nghe_an, Role.LEADER)
    assert may_grant(people.na_admin, tree.vinh, Role.ADMIN)
    assert not may_grant(people.hn_admin, tree.vinh, Role.VIEWER)


# --- The pages --------------------------------------------------------------------------------


def test_the_new_user_form_offers_leader_only_to_administrators_with_units_below(client, tree, people):
    client.force_login(people.na_admin)
    response = client.get(reverse("accounts:user_create"))
    assert offered_roles(response) == [Role.VIEWER, Role.OFFICER, Role.LEADER, Role.ADMIN]
    school_admin = make_user("school_admin", (tree.school, Role.ADMIN))
    client.force_login(school_admin)
    response = client.get(reverse("accounts:user_create"))
    assert offered_roles(response) == [Role.VIEWER, Role.OFFICER]


def test_the_new_user_form_refuses_a_leader_in_the_administrators_own_unit(client, tree, people):
    client.force_login(people.na_admin)
    response = client.post(reverse("accounts:user_create"), create_data(tree.nghe_an, Role.LEADER))
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="moi").exists()


def test_the_change_role_form_offers_only_roles_the_administrator_may_grant(client, tree, people):
    client.force_login(people.na_admin)
    membership = people.na_officer.memberships.get()
    response = client.get(reverse("accounts:membership_edit", args=[membership.pk]))
    assert offered_roles(response) == [Role.VIEWER, Role.OFFICER]
    response = client.post(reverse("accounts:membership_edit", args=[membership.pk]), {"role": Role.LEADER})
    assert "role" in response.context["form"].errors
    assert Membership.objects.get(pk=membership.pk).role == Role.OFFICER


def test_a_leaders_page_offers_the_administrator_of_the_same_unit_nothing_to_change(client, tree, people):
    client.force_login(people.na_admin)
    leader_role = people.na_leader.memberships.get()
    page = client.get(reverse("accounts:user_detail", args=[people.na_leader.pk])).content.decode()
    assert reverse("accounts:user_set_password", args=[people.na_leader.pk]) not in page
    assert reverse("accounts:membership_edit", args=[leader_role.pk]) not in page
    assert "managed by an administrator of the level above" in page
    for url in (
        reverse("accounts:user_set_password", args=[people.na_leader.pk]),
        reverse("accounts:user_edit", args=[people.na_leader.pk]),
        reverse("accounts:membership_edit", args=[leader_role.pk]),
        reverse("accounts:membership_remove", args=[leader_role.pk]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("accounts:user_set_active", args=[people.na_leader.pk]), {"active": "0"})
    assert response.status_code == 403
    assert User.objects.get(pk=people.na_leader.pk).is_active


def test_an_administrator_still_edits_their_own_profile(client, people):
    client.force_login(people.na_admin)
    response = client.post(
        reverse("accounts:user_edit", args=[people.na_admin.pk]),
        {
            "username": "na_admin",
            "full_name": "Quản trị Nghệ An (mới)",
            "email": "",
            "title": "",
            "phone": "",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(pk=people.na_admin.pk).full_name == "Quản trị Nghệ An (mới)"
