"""User management: who sees and manages whom, the services, the pages."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.accounts import services
from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership, User
from solidarity.accounts.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    # The texts checked below are the English source strings; the UI defaults to Vietnamese.
    settings.LANGUAGE_CODE = "en"


NEW_PASSWORD = "Hop-tac-quoc-te-2025"


@pytest.fixture
def vinh_staff(tree):
    """A user wholly inside Nghệ An (managed by its admin) and one shared with Hà Nội."""
    return {
        "inside": make_user("vp_can_bo", (tree.vinh, Role.OFFICER), full_name="Nguyễn Văn Vinh"),
        "shared": make_user(
            "shared", (tree.vinh, Role.VIEWER), (tree.ha_noi, Role.OFFICER), full_name="Trần Thị Chung"
        ),
    }


def login(client, user):
    client.force_login(user)
    return client


def create_data(unit, **overrides):
    data = {
        "username": "moi",
        "full_name": "Lê Thị Mới",
        "email": "moi@example.org",
        "title": "Chuyên viên",
        "phone": "0912 345 678",
        "unit": unit.pk,
        "role": Role.OFFICER,
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }
    data.update(overrides)
    return data


# --- Who may open the pages --------------------------------------------------


def page_urls(people, vinh_staff):
    user = vinh_staff["inside"]
    membership = user.memberships.get()
    return [
        reverse("accounts:user_list"),
        reverse("accounts:user_create"),
        reverse("accounts:user_detail", args=[user.pk]),
        reverse("accounts:user_edit", args=[user.pk]),
        reverse("accounts:user_set_password", args=[user.pk]),
        reverse("accounts:membership_add", args=[user.pk]),
        reverse("accounts:membership_edit", args=[membership.pk]),
        reverse("accounts:membership_remove", args=[membership.pk]),
    ]


def test_anonymous_visitors_are_sent_to_sign_in_from_every_page(client, people, vinh_staff):
    for url in page_urls(people, vinh_staff):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("persona", ["outsider", "na_viewer", "na_officer", "na_leader", "vgcl_leader"])
def test_users_who_are_not_administrators_get_403_on_every_page(client, people, vinh_staff, persona):
    login(client, getattr(people, persona))
    for url in page_urls(people, vinh_staff):
        assert client.get(url).status_code == 403, url
    user = vinh_staff["inside"]
    assert (
        client.post(reverse("accounts:user_set_active", args=[user.pk]), {"active": "0"}).status_code == 403
    )


@pytest.mark.parametrize("persona", ["na_admin", "vgcl_admin", "superuser"])
def test_administrators_above_the_user_open_every_page(client, people, vinh_staff, persona):
    login(client, getattr(people, persona))
    for url in page_urls(people, vinh_staff):
        assert client.get(url).status_code == 200, url


def test_a_sibling_administrator_gets_404_for_a_user_of_another_province(client, people, vinh_staff):
    login(client, people.hn_admin)
    for url in page_urls(people, vinh_staff)[2:]:
        assert client.get(url).status_code == 404, url
    user = vinh_staff["inside"]
    response = client.post(reverse("accounts:user_set_active", args=[user.pk]), {"active": "0"})
    assert response.status_code == 404
    assert User.objects.get(pk=user.pk).is_active


def test_an_admin_of_a_child_unit_cannot_reach_users_of_the_province(client, tree, people):
    vinh_admin = make_user("vinh_admin", (tree.vinh, Role.ADMIN))
    login(client, vinh_admin)
    assert client.get(reverse("accounts:user_detail", args=[people.na_officer.pk])).status_code == 404


# --- The list ----------------------------------------------------------------


def listed(client, **params):
    response = client.get(reverse("accounts:user_list"), params)
    assert response.status_code == 200
    return {user.username for user in response.context["page_obj"]}


def test_the_nghe_an_admin_lists_the_users_of_nghe_an_and_below_only(client, people, vinh_staff):
    login(client, people.na_admin)
    assert listed(client) == {
        "na_viewer",
        "na_officer",
        "na_leader",
        "na_admin",
        "vinh_officer",
        "vp_can_bo",
        "shared",
    }


def test_the_ha_noi_admin_never_sees_nghe_an_users(client, people, vinh_staff):
    login(client, people.hn_admin)
    assert listed(client) == {"hn_officer", "hn_admin", "shared"}
    page = client.get(reverse("accounts:user_list")).content.decode()
    assert "Vinh Phú" not in page  # the shared user's Nghệ An role stays hidden
    assert "also has roles outside your units" in page


def test_the_list_searches_username_full_name_and_email(client, people, vinh_staff):
    User.objects.filter(pk=people.na_leader.pk).update(email="chu.tich@nghean.vn")
    login(client, people.na_admin)
    assert listed(client, q="VP_CAN") == {"vp_can_bo"}
    assert listed(client, q="Trần Thị") == {"shared"}
    assert listed(client, q="nghean.vn") == {"na_leader"}


def test_the_unit_filter_takes_the_subtree_and_the_role_filter_the_same_membership(
    client, tree, people, vinh_staff
):
    login(client, people.na_admin)
    assert listed(client, unit=tree.vinh.pk) == {"vinh_officer", "vp_can_bo", "shared"}
    assert listed(client, unit=tree.vinh.pk, role=Role.OFFICER) == {"vinh_officer", "vp_can_bo"}
    assert listed(client, role=Role.ADMIN) == {"na_admin"}


def test_the_role_filter_ignores_roles_outside_the_scope(client, people, vinh_staff):
    login(client, people.na_admin)
    # "shared" is an officer in Hà Nội but only a viewer in Nghệ An.
    assert "shared" not in listed(client, role=Role.OFFICER)
    assert "shared" in listed(client, role=Role.VIEWER)


def test_a_unit_outside_the_scope_is_not_a_valid_filter_and_leaks_nothing(client, tree, people):
    login(client, people.na_admin)
    response = client.get(reverse("accounts:user_list"), {"unit": tree.ha_noi.pk})
    assert "unit" in response.context["filter"].errors
    assert not {u.username for u in response.context["page_obj"]} & {"hn_officer", "hn_admin"}


def test_the_list_shows_active_users_by_default_and_inactive_ones_on_request(client, people, vinh_staff):
    User.objects.filter(pk=vinh_staff["inside"].pk).update(is_active=False)
    login(client, people.na_admin)
    assert "vp_can_bo" not in listed(client)
    assert listed(client, active="0") == {"vp_can_bo"}
    assert "vp_can_bo" in listed(client, active="")


def test_the_list_sorts_and_paginates(client, people, vinh_staff, settings):
    settings.PAGE_SIZE = 3
    login(client, people.na_admin)
    response = client.get(reverse("accounts:user_list"), {"ordering": "-username"})
    assert [u.username for u in response.context["page_obj"]] == ["vp_can_bo", "vinh_officer", "shared"]
    response = client.get(reverse("accounts:user_list"), {"ordering": "-username", "page": 2})
    assert [u.username for u in response.context["page_obj"]] == ["na_viewer", "na_officer", "na_leader"]


def test_htmx_requests_get_only_the_results(client, people):
    login(client, people.na_admin)
    response = client.get(reverse("accounts:user_list"), HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"na_officer" in response.content


def test_the_user_list_runs_the_same_number_of_queries_for_many_users(client, tree, people):
    login(client, people.na_admin)
    client.get(reverse("accounts:user_list"))  # warm up the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("accounts:user_list"))
    for i in range(15):
        make_user(f"extra{i}", (tree.vinh, Role.OFFICER), (tree.school, Role.VIEWER))
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("accounts:user_list"))
    assert len(response.context["page_obj"]) > 15
    assert len(many) == len(few)


# --- Detail --------------------------------------------------------------------


def test_the_detail_shows_roles_last_sign_in_and_status(client, people, vinh_staff):
    login(client, people.na_admin)
    response = client.get(reverse("accounts:user_detail", args=[vinh_staff["inside"].pk]))
    page = response.content.decode()
    assert "Nguyễn Văn Vinh" in page
    assert "Công đoàn phường Vinh Phú" in page
    assert "Officer" in page
    assert "never" in page
    assert response.context["can_manage"]


def test_a_shared_user_shows_only_roles_in_scope_and_no_account_actions(client, people, vinh_staff):
    login(client, people.na_admin)
    shared = vinh_staff["shared"]
    response = client.get(reverse("accounts:user_detail", args=[shared.pk]))
    page = response.content.decode()
    assert "Hà Nội" not in page
    assert response.context["elsewhere"] == 1
    assert not response.context["can_manage"]
    assert not response.context["can_edit"]
    assert reverse("accounts:user_set_password", args=[shared.pk]) not in page


# --- Create --------------------------------------------------------------------


def test_an_admin_creates_a_user_with_a_first_role(client, tree, people):
    """
    GIVEN the Nghệ An administrator
    WHEN they create a user with an officer role in the Vinh Phú union
    THEN the user exists, can sign in with an Argon2-hashed password and holds that one role
    """
    login(client, people.na_admin)
    response = client.post(reverse("accounts:user_create"), create_data(tree.vinh))
    user = User.objects.get(username="moi")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_detail", args=[user.pk])
    assert user.full_name == "Lê Thị Mới" and user.title == "Chuyên viên" and user.is_active
    assert user.password.startswith("argon2")
    assert user.check_password(NEW_PASSWORD)
    assert list(user.memberships.values_list("unit_id", "role")) == [(tree.vinh.pk, Role.OFFICER)]


def test_the_create_form_offers_only_units_in_the_admin_scope(client, tree, people):
    login(client, people.na_admin)
    units = set(client.get(reverse("accounts:user_create")).context["form"].fields["unit"].queryset)
    assert units == {tree.nghe_an, tree.ky_son, tree.vinh, tree.school}


def test_creating_a_user_in_a_sibling_province_is_refused_and_saves_nothing(client, tree, people):
    login(client, people.na_admin)
    response = client.post(reverse("accounts:user_create"), create_data(tree.ha_noi))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not User.objects.filter(username="moi").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "na_officer"),
        ("username", "NA_OFFICER"),
        ("username", "có dấu cách"),
        ("username", ""),
        ("full_name", ""),
        ("email", "not-an-email"),
        ("password", "12345678"),
        ("password", "short"),
        ("password_confirm", "Something-else-2025"),
        ("role", "99"),
    ],
)
def test_a_create_form_with_a_bad_field_shows_the_error_next_to_it_and_saves_nothing(
    client, tree, people, field, value
):
    login(client, people.na_admin)
    users_before = User.objects.count()
    memberships_before = Membership.objects.count()
    response = client.post(reverse("accounts:user_create"), create_data(tree.vinh, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert User.objects.count() == users_before
    assert Membership.objects.count() == memberships_before


def test_a_password_like_the_username_is_refused(client, tree, people):
    login(client, people.na_admin)
    data = create_data(tree.vinh, username="nguyenvanbinh", password="nguyenvanbinh1")
    data["password_confirm"] = data["password"]
    response = client.post(reverse("accounts:user_create"), data)
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="nguyenvanbinh").exists()


def test_a_duplicate_email_is_refused_regardless_of_case(client, tree, people):
    User.objects.filter(pk=people.na_officer.pk).update(email="can.bo@nghean.vn")
    login(client, people.na_admin)
    response = client.post(reverse("accounts:user_create"), create_data(tree.vinh, email="Can.Bo@NgheAn.vn"))
    assert "email" in response.context["form"].errors


# --- Edit --------------------------------------------------------------------------


def test_an_admin_edits_a_user_of_their_scope(client, people, vinh_staff):
    user = vinh_staff["inside"]
    login(client, people.na_admin)
    response = client.post(
        reverse("accounts:user_edit", args=[user.pk]),
        {"username": "vp_can_bo", "full_name": "Nguyễn Văn Vinh Phú", "email": "", "title": "Phó chủ tịch"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.title) == ("Nguyễn Văn Vinh Phú", "Phó chủ tịch")


def test_an_edit_with_a_taken_username_saves_nothing(client, people, vinh_staff):
    user = vinh_staff["inside"]
    login(client, people.na_admin)
    response = client.post(
        reverse("accounts:user_edit", args=[user.pk]),
        {"username": "na_admin", "full_name": "Đổi tên", "email": ""},
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    user.refresh_from_db()
    assert (user.username, user.full_name) == ("vp_can_bo", "Nguyễn Văn Vinh")


def test_a_shared_user_cannot_be_edited_by_either_province_admin(client, people, vinh_staff):
    shared = vinh_staff["shared"]
    for admin in (people.na_admin, people.hn_admin):
        login(client, admin)
        assert client.get(reverse("accounts:user_edit", args=[shared.pk])).status_code == 403
    login(client, people.vgcl_admin)
    assert client.get(reverse("accounts:user_edit", args=[shared.pk])).status_code == 200


# --- Roles ---------------------------------------------------------------------------


def test_an_admin_adds_changes_and_removes_a_role(client, tree, people, vinh_staff):
    """
    GIVEN a Vinh Phú officer
    WHEN the Nghệ An admin gives them a leader role at the school, makes it admin, then removes it
    THEN each step is saved and the first role stays
    """
    user = vinh_staff["inside"]
    login(client, people.na_admin)
    response = client.post(
        reverse("accounts:membership_add", args=[user.pk]), {"unit": tree.school.pk, "role": Role.LEADER}
    )
    assert response.status_code == 302
    membership = user.memberships.get(unit=tree.school)
    assert membership.role == Role.LEADER

    client.post(reverse("accounts:membership_edit", args=[membership.pk]), {"role": Role.ADMIN})
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN

    client.post(reverse("accounts:membership_remove", args=[membership.pk]))
    assert list(user.memberships.values_list("unit_id", flat=True)) == [tree.vinh.pk]


def test_granting_a_role_outside_the_scope_is_refused(client, tree, people, vinh_staff):
    user = vinh_staff["inside"]
    login(client, people.na_admin)
    response = client.post(
        reverse("accounts:membership_add", args=[user.pk]), {"unit": tree.ha_noi.pk, "role": Role.VIEWER}
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not user.memberships.filter(unit=tree.ha_noi).exists()
    with pytest.raises(PermissionDenied):
        services.membership_set(by=people.na_admin, user=user, unit=tree.ha_noi, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.membership_set(by=people.na_admin, user=user, unit=tree.vgcl, role=Role.ADMIN)


def test_a_shared_users_roles_can_be_changed_in_scope_but_not_elsewhere(client, tree, people, vinh_staff):
    shared = vinh_staff["shared"]
    na_role = shared.memberships.get(unit=tree.vinh)
    hn_role = shared.memberships.get(unit=tree.ha_noi)
    login(client, people.na_admin)
    client.post(reverse("accounts:membership_edit", args=[na_role.pk]), {"role": Role.OFFICER})
    assert Membership.objects.get(pk=na_role.pk).role == Role.OFFICER
    assert (
        client.post(reverse("accounts:membership_edit", args=[hn_role.pk]), {"role": 10}).status_code == 404
    )
    assert client.post(reverse("accounts:membership_remove", args=[hn_role.pk])).status_code == 404
    assert Membership.objects.get(pk=hn_role.pk).role == Role.OFFICER


def test_the_last_role_cannot_be_removed(client, people, vinh_staff):
    user = vinh_staff["inside"]
    membership = user.memberships.get()
    login(client, people.na_admin)
    response = client.post(reverse("accounts:membership_remove", args=[membership.pk]))
    assert response.status_code == 200
    assert "Deactivate the user instead" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_admin_cannot_change_their_own_roles(client, tree, people):
    own = people.na_admin.memberships.get()
    login(client, people.na_admin)
    assert client.get(reverse("accounts:membership_edit", args=[own.pk])).status_code == 403
    assert client.get(reverse("accounts:membership_add", args=[people.na_admin.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.membership_set(by=people.na_admin, user=people.na_admin, unit=tree.vinh, role=Role.ADMIN)


def test_a_role_in_an_ended_unit_cannot_be_granted(tree, people, vinh_staff):
    tree.ky_son.valid_to = datetime.date(2025, 7, 1)
    tree.ky_son.save()
    with pytest.raises(ValidationError):
        services.membership_set(by=people.na_admin, user=vinh_staff["inside"], unit=tree.ky_son, role=10)
    assert not vinh_staff["inside"].memberships.filter(unit=tree.ky_son).exists()


def test_an_existing_role_in_an_ended_unit_can_still_be_changed(client, tree, people):
    user = make_user("ks_officer", (tree.ky_son, Role.OFFICER), (tree.vinh, Role.VIEWER))
    tree.ky_son.valid_to = datetime.date(2025, 7, 1)
    tree.ky_son.save()
    membership = user.memberships.get(unit=tree.ky_son)
    login(client, people.na_admin)
    response = client.post(reverse("accounts:membership_edit", args=[membership.pk]), {"role": Role.VIEWER})
    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).role == Role.VIEWER


# --- Deactivate and reactivate ---------------------------------------------------------


def test_an_admin_deactivates_and_reactivates_a_user(client, people, vinh_staff):
    user = vinh_staff["inside"]
    url = reverse("accounts:user_set_active", args=[user.pk])
    login(client, people.na_admin)
    assert client.post(url, {"active": "0"}).status_code == 302
    assert not User.objects.get(pk=user.pk).is_active
    client.post(url, {"active": "1"})
    assert User.objects.get(pk=user.pk).is_active


def test_a_deactivated_user_cannot_sign_in(client, people, vinh_staff):
    services.user_set_active(by=people.na_admin, user=vinh_staff["inside"], active=False)
    assert not client.login(username="vp_can_bo", password=PASSWORD)


def test_an_admin_cannot_deactivate_themselves(client, people):
    login(client, people.na_admin)
    response = client.post(reverse("accounts:user_set_active", args=[people.na_admin.pk]), {"active": "0"})
    assert response.status_code == 302
    assert User.objects.get(pk=people.na_admin.pk).is_active
    with pytest.raises(PermissionDenied):
        services.user_set_active(by=people.na_admin, user=people.na_admin, active=False)


def test_a_shared_user_cannot_be_deactivated_by_a_province_admin(client, people, vinh_staff):
    shared = vinh_staff["shared"]
    login(client, people.na_admin)
    response = client.post(reverse("accounts:user_set_active", args=[shared.pk]), {"active": "0"})
    assert response.status_code == 403
    assert User.objects.get(pk=shared.pk).is_active


def test_set_active_needs_post(client, people, vinh_staff):
    login(client, people.na_admin)
    assert client.get(reverse("accounts:user_set_active", args=[vinh_staff["inside"].pk])).status_code == 405


def test_a_province_admin_cannot_manage_a_superuser(tree, people):
    Membership.objects.create(user=people.superuser, unit=tree.vinh, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.user_set_password(by=people.na_admin, user=people.superuser, password=NEW_PASSWORD)
    with pytest.raises(PermissionDenied):
        services.user_set_active(by=people.na_admin, user=people.superuser, active=False)


# --- Passwords ---------------------------------------------------------------------------


def test_an_admin_sets_a_new_password(client, people, vinh_staff):
    user = vinh_staff["inside"]
    login(client, people.na_admin)
    response = client.post(
        reverse("accounts:user_set_password", args=[user.pk]),
        {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.password.startswith("argon2")


@pytest.mark.parametrize(
    ("password", "confirm", "field"),
    [("12345678", "12345678", "password"), (NEW_PASSWORD, NEW_PASSWORD + "x", "password_confirm")],
)
def test_a_weak_or_mismatched_new_password_saves_nothing(
    client, people, vinh_staff, password, confirm, field
):
    user = vinh_staff["inside"]
    login(client, people.na_admin)
    response = client.post(
        reverse("accounts:user_set_password", args=[user.pk]),
        {"password": password, "password_confirm": confirm},
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_shared_users_password_cannot_be_set_by_a_province_admin(client, people, vinh_staff):
    shared = vinh_staff["shared"]
    login(client, people.na_admin)
    url = reverse("accounts:user_set_password", args=[shared.pk])
    assert client.post(url, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}).status_code == 403
    assert User.objects.get(pk=shared.pk).check_password(PASSWORD)


def test_an_admin_is_sent_to_change_password_for_their_own(client, people):
    login(client, people.na_admin)
    response = client.get(reverse("accounts:user_set_password", args=[people.na_admin.pk]))
    assert response["Location"] == reverse("password_change")


# --- Services on their own ---------------------------------------------------------------


def test_user_create_refuses_a_non_admin_and_saves_nothing(tree, people):
    with pytest.raises(PermissionDenied):
        services.user_create(
            by=people.na_leader,
            username="x",
            full_name="X",
            email="",
            password=NEW_PASSWORD,
            unit=tree.vinh,
            role=Role.VIEWER,
        )
    assert not User.objects.filter(username="x").exists()


def test_user_create_validates_the_password_and_saves_nothing(tree, people):
    with pytest.raises(ValidationError) as error:
        services.user_create(
            by=people.na_admin,
            username="x",
            full_name="X",
            email="",
            password="password",
            unit=tree.vinh,
            role=Role.VIEWER,
        )
    assert "password" in error.value.message_dict
    assert not User.objects.filter(username="x").exists()


def test_user_update_refuses_a_duplicate_username_and_keeps_the_row(people, vinh_staff):
    user = vinh_staff["inside"]
    with pytest.raises(ValidationError) as error:
        services.user_update(by=people.na_admin, user=user, username="NA_Admin", full_name="Y", email="")
    assert "username" in error.value.message_dict
    assert User.objects.get(pk=user.pk).username == "vp_can_bo"


def test_the_level_above_fully_manages_a_user_shared_by_two_provinces(people, vinh_staff):
    shared = vinh_staff["shared"]
    services.user_set_password(by=people.vgcl_admin, user=shared, password=NEW_PASSWORD)
    services.user_set_active(by=people.vgcl_admin, user=shared, active=False)
    shared.refresh_from_db()
    assert shared.check_password(NEW_PASSWORD) and not shared.is_active
