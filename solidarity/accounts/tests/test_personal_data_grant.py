"""The personal-data grant on a membership: given and taken away by administrators of the unit or above."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from solidarity.accounts import services
from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import forget_scope, may_see_personal
from solidarity.accounts.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def vinh_officer_role(people, tree):
    return Membership.objects.get(user=people.vinh_officer, unit=tree.vinh)


def test_an_administrator_of_the_unit_above_grants_personal_data_and_history_says_who(
    tree, people, vinh_officer_role
):
    """
    GIVEN an officer of Vinh Phú without the grant
    WHEN Nghệ An's administrator gives it
    THEN the officer may see personal data in Vinh Phú, and the history names the administrator
    """
    services.membership_set(
        by=people.na_admin, user=people.vinh_officer, unit=tree.vinh, role=Role.OFFICER, personal_data=True
    )
    vinh_officer_role.refresh_from_db()
    assert vinh_officer_role.personal_data
    forget_scope(people.vinh_officer)
    assert may_see_personal(people.vinh_officer, tree.vinh)
    assert not may_see_personal(people.vinh_officer, tree.nghe_an)
    last = vinh_officer_role.history.first()
    assert last.personal_data and last.history_user == people.na_admin


def test_an_administrator_takes_the_grant_away(tree, people, vinh_officer_role):
    vinh_officer_role.personal_data = True
    vinh_officer_role.save()
    services.membership_set(
        by=people.na_admin, user=people.vinh_officer, unit=tree.vinh, role=Role.OFFICER, personal_data=False
    )
    vinh_officer_role.refresh_from_db()
    assert not vinh_officer_role.personal_data
    assert vinh_officer_role.history.first().history_user == people.na_admin


def test_changing_the_role_alone_leaves_the_grant_as_it_is(tree, people, vinh_officer_role):
    vinh_officer_role.personal_data = True
    vinh_officer_role.save()
    services.membership_set(by=people.na_admin, user=people.vinh_officer, unit=tree.vinh, role=Role.VIEWER)
    vinh_officer_role.refresh_from_db()
    assert vinh_officer_role.personal_data and vinh_officer_role.role == Role.VIEWER


@pytest.mark.parametrize("persona", ["na_leader", "na_officer", "hn_admin"])
def test_no_one_but_an_administrator_of_the_unit_or_above_grants_it(tree, people, vinh_officer_role, persona):
    with pytest.raises(PermissionDenied):
        services.membership_set(
            by=getattr(people, persona),
            user=people.vinh_officer,
            unit=tree.vinh,
            role=Role.OFFICER,
            personal_data=True,
        )
    vinh_officer_role.refresh_from_db()
    assert not vinh_officer_role.personal_data


def test_an_administrator_does_not_grant_it_to_themselves(tree, people):
    with pytest.raises(PermissionDenied):
        services.membership_set(
            by=people.na_admin, user=people.na_admin, unit=tree.nghe_an, role=Role.ADMIN, personal_data=True
        )
    assert not Membership.objects.get(user=people.na_admin).personal_data


def test_a_new_user_and_a_new_role_may_come_with_the_grant(tree, people):
    user = services.user_create(
        by=people.na_admin,
        username="moi",
        full_name="Lê Thị Mới",
        email="",
        password="Hop-tac-quoc-te-2025",
        unit=tree.vinh,
        role=Role.OFFICER,
        personal_data=True,
    )
    assert Membership.objects.get(user=user).personal_data
    membership = services.membership_set(
        by=people.na_admin, user=user, unit=tree.ky_son, role=Role.VIEWER, personal_data=True
    )
    assert membership.personal_data and membership.history.first().history_user == people.na_admin


def test_the_change_form_shows_the_checkbox_and_saves_it(client, tree, people, vinh_officer_role):
    client.force_login(people.na_admin)
    url = reverse("accounts:membership_edit", args=[vinh_officer_role.pk])
    assert 'name="personal_data"' in client.get(url).content.decode()
    response = client.post(url, {"role": Role.OFFICER, "personal_data": "on"})
    assert response.status_code == 302
    vinh_officer_role.refresh_from_db()
    assert vinh_officer_role.personal_data
    page = client.get(reverse("accounts:user_detail", args=[people.vinh_officer.pk])).content.decode()
    assert "Personal data" in page
    client.post(url, {"role": Role.OFFICER})
    vinh_officer_role.refresh_from_db()
    assert not vinh_officer_role.personal_data


def test_the_add_form_grants_it_with_the_new_role(client, tree, people):
    client.force_login(people.na_admin)
    user = make_user("x", (tree.vinh, Role.VIEWER))
    response = client.post(
        reverse("accounts:membership_add", args=[user.pk]),
        {"unit": tree.ky_son.pk, "role": Role.OFFICER, "personal_data": "on"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=user, unit=tree.ky_son).personal_data


def test_the_users_list_shows_the_grant_as_a_badge(client, tree, people, vinh_officer_role):
    vinh_officer_role.personal_data = True
    vinh_officer_role.save()
    client.force_login(people.na_admin)
    page = client.get(reverse("accounts:user_list") + "?q=Vinh").content.decode()
    assert "Personal data" in page


def test_a_sibling_administrator_cannot_open_the_membership(client, people, vinh_officer_role):
    client.force_login(people.hn_admin)
    url = reverse("accounts:membership_edit", args=[vinh_officer_role.pk])
    assert client.post(url, {"role": Role.OFFICER, "personal_data": "on"}).status_code == 404
    vinh_officer_role.refresh_from_db()
    assert not vinh_officer_role.personal_data
