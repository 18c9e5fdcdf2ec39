"""The one permission rule: own / child / sibling / parent, for each role."""

import datetime

import pytest

from solidarity.accounts.choices import Role
from solidarity.accounts.permissions import forget_scope, has_role_on, scope_paths, unit_scope_q
from solidarity.accounts.testing import make_user
from solidarity.contacts.models import Contact
from solidarity.units import services as unit_services
from solidarity.units.models import Unit

pytestmark = pytest.mark.django_db


def contact_at(unit, name):
    return Contact.objects.create(owner_unit=unit, full_name=name)


@pytest.fixture
def contacts(tree):
    return {
        "vgcl": contact_at(tree.vgcl, "at VGCL"),
        "nghe_an": contact_at(tree.nghe_an, "at Nghe An"),
        "vinh": contact_at(tree.vinh, "at Vinh"),
        "school": contact_at(tree.school, "at school"),
        "ha_noi": contact_at(tree.ha_noi, "at Ha Noi"),
    }


def visible_names(user):
    return set(Contact.objects.visible_to(user).values_list("full_name", flat=True))


def editable_names(user):
    return set(Contact.objects.editable_by(user).values_list("full_name", flat=True))


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OFFICER, Role.LEADER, Role.ADMIN])
def test_a_member_sees_own_and_child_units_but_never_sibling_or_parent(tree, contacts, role):
    user = make_user(f"user{role}", (tree.nghe_an, role))
    assert visible_names(user) == {"at Nghe An", "at Vinh", "at school"}


def test_a_viewer_cannot_edit_anything(tree, contacts):
    viewer = make_user("v", (tree.nghe_an, Role.VIEWER))
    assert editable_names(viewer) == set()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEADER, Role.ADMIN])
def test_officers_and_above_edit_own_and_child_units_only(tree, contacts, role):
    user = make_user(f"user{role}", (tree.nghe_an, role))
    assert editable_names(user) == {"at Nghe An", "at Vinh", "at school"}


def test_a_child_unit_officer_sees_nothing_of_the_parent(tree, contacts):
    officer = make_user("vinh", (tree.vinh, Role.OFFICER))
    assert visible_names(officer) == {"at Vinh", "at school"}
    assert not has_role_on(officer, tree.nghe_an, Role.VIEWER)


def test_the_level_above_sees_everything_below(tree, contacts):
    leader = make_user("top", (tree.vgcl, Role.LEADER))
    assert visible_names(leader) == set(Contact.objects.values_list("full_name", flat=True))


def test_roles_in_two_units_combine_without_leaking_a_third(tree, contacts):
    user = make_user("two", (tree.vinh, Role.OFFICER), (tree.ha_noi, Role.VIEWER))
    assert visible_names(user) == {"at Vinh", "at school", "at Ha Noi"}
    assert editable_names(user) == {"at Vinh", "at school"}


def test_an_outsider_and_an_anonymous_user_see_nothing(tree, contacts, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    outsider = make_user("nobody")
    assert visible_names(outsider) == set()
    assert visible_names(AnonymousUser()) == set()


def test_an_inactive_user_sees_nothing(tree, contacts):
    user = make_user("gone", (tree.vgcl, Role.ADMIN), is_active=False)
    assert visible_names(user) == set()


def test_a_superuser_sees_everything(people, contacts):
    assert scope_paths(people.superuser) is None
    assert len(visible_names(people.superuser)) == 5


def test_whoever_sees_the_successor_sees_the_records_of_the_ended_unit(tree):
    """
    GIVEN the Kỳ Sơn district union owns a 2017 contact
    WHEN it is dissolved on 1 July 2025 with the Vinh Phú union as successor
    THEN an officer of the successor sees (and may edit) that contact, and a Hà Nội officer still does not
    """
    old = contact_at(tree.ky_son, "from 2017")
    unit_services.unit_dissolve(unit=tree.ky_son, on=datetime.date(2025, 7, 1), successors=[tree.vinh])
    vinh_officer = make_user("vinh", (tree.vinh, Role.OFFICER))
    hn_officer = make_user("hn", (tree.ha_noi, Role.OFFICER))
    assert "from 2017" in visible_names(vinh_officer)
    assert "from 2017" in editable_names(vinh_officer)
    assert "from 2017" not in visible_names(hn_officer)
    assert Contact.objects.get(pk=old.pk).owner_unit_id == tree.ky_son.pk  # still its own


def test_succession_chains_are_followed(tree):
    """A merged into B, B later merged into C: C's officers see A's records."""
    a = contact_at(tree.ky_son, "A's record")
    unit_services.unit_merge(units=[tree.ky_son], into=tree.vinh, on=datetime.date(2025, 7, 1))
    unit_services.unit_merge(
        units=[Unit.objects.get(pk=tree.vinh.pk)], into=tree.ha_noi, on=datetime.date(2026, 1, 1)
    )
    hn_officer = make_user("hn", (tree.ha_noi, Role.OFFICER))
    assert a.full_name in visible_names(hn_officer)


def test_filtering_the_units_table_itself_uses_the_same_rule(tree):
    officer = make_user("na", (tree.nghe_an, Role.OFFICER))
    codes = set(
        Unit.objects.filter(unit_scope_q(officer, Role.VIEWER, field="")).values_list("code", flat=True)
    )
    assert codes == {"NA", "NA-KS", "NA-VP", "NA-VP-LL"}


def test_the_scope_is_one_query_per_request(tree, django_assert_max_num_queries):
    user = make_user("na", (tree.nghe_an, Role.OFFICER))
    with django_assert_max_num_queries(3):
        scope_paths(user, Role.VIEWER)
    with django_assert_max_num_queries(0):
        scope_paths(user, Role.VIEWER)


def test_every_role_of_a_page_shares_the_same_three_queries(tree, django_assert_max_num_queries):
    """A page asks viewer (rows), officer ("New"), leader and admin (the menu): one scope look-up."""
    user = make_user("na", (tree.nghe_an, Role.LEADER), (tree.ha_noi, Role.ADMIN))
    with django_assert_max_num_queries(3):  # memberships, successions, roots
        scopes = {role: scope_paths(user, role) for role in Role.values}
    assert scopes[Role.LEADER] == sorted([tree.nghe_an.path, tree.ha_noi.path])
    assert scopes[Role.ADMIN] == [tree.ha_noi.path]


def test_a_change_of_roles_within_a_request_is_seen_after_forget_scope(tree):
    user = make_user("na", (tree.nghe_an, Role.VIEWER))
    assert scope_paths(user, Role.OFFICER) == []
    user.memberships.update(role=Role.OFFICER)
    forget_scope(user)
    assert scope_paths(user, Role.OFFICER) == [tree.nghe_an.path]


def test_a_role_at_every_root_skips_filtering_but_still_excludes_nothing_when_negated(tree, contacts):
    national = make_user("national", (tree.vgcl, Role.VIEWER))
    assert scope_paths(national) is None
    assert Contact.objects.exclude(unit_scope_q(national, Role.VIEWER, field="owner_unit")).count() == 0
    assert scope_paths(national, Role.OFFICER) == []  # a viewer still edits nothing


def test_a_path_prefix_never_matches_a_sibling_with_a_longer_code(tree):
    """Paths are compared as ranges on SQLite; 'NA' must not reach a sibling whose path merely sorts next."""
    officer = make_user("na", (tree.nghe_an, Role.OFFICER))
    codes = set(
        Unit.objects.filter(unit_scope_q(officer, Role.VIEWER, field="")).values_list("code", flat=True)
    )
    assert "HN" not in codes and "CDGD" not in codes and "VGCL" not in codes
