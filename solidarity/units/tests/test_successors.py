"""Succession hands an ended unit's records on to its successors, not the administration of the unit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from solidarity.accounts import selectors as account_selectors
from solidarity.accounts import services as account_services
from solidarity.accounts.choices import Role
from solidarity.accounts.permissions import has_role_on
from solidarity.accounts.testing import make_user
from solidarity.contacts.models import Contact
from solidarity.units import services
from solidarity.units.models import Unit

pytestmark = pytest.mark.django_db

ENDED_ON = datetime.date(2025, 7, 1)


@pytest.fixture
def ended(tree):
    """Kỳ Sơn district ended on 1 July 2025; the Vinh Phú ward union carries its work on."""
    services.unit_dissolve(unit=tree.ky_son, on=ENDED_ON, successors=[tree.vinh])
    return Unit.objects.get(pk=tree.ky_son.pk)


@pytest.fixture
def successor_admin(tree):
    return make_user("vinh_admin", (tree.vinh, Role.ADMIN))


def test_a_successors_administrator_cannot_rename_edit_or_move_the_ended_unit(tree, ended, successor_admin):
    """
    GIVEN Vinh Phú succeeds the ended Kỳ Sơn district
    WHEN Vinh Phú's administrator renames Kỳ Sơn, edits it or moves it under Vinh Phú
    THEN each is refused and Kỳ Sơn is unchanged
    """
    with pytest.raises(PermissionDenied):
        services.unit_rename(unit=ended, name="Đổi tên", by=successor_admin)
    with pytest.raises(PermissionDenied):
        services.unit_update(
            unit=ended, name="Đổi tên", code="X", level=ended.level, kind=ended.kind, by=successor_admin
        )
    with pytest.raises(PermissionDenied):
        services.unit_move(unit=ended, new_parent=tree.vinh, by=successor_admin)
    after = Unit.objects.get(pk=ended.pk)
    assert (after.name, after.code, after.path) == (ended.name, ended.code, ended.path)


@pytest.mark.parametrize("operation", ["edit", "move", "merge", "split", "dissolve", "add_child"])
def test_the_ended_units_operation_pages_are_forbidden_to_its_successors_administrator(
    client, ended, successor_admin, operation
):
    client.force_login(successor_admin)
    assert client.get(reverse(f"units:{operation}", args=[ended.pk])).status_code == 403
    page = client.get(reverse("units:detail", args=[ended.pk]))
    assert page.status_code == 200  # still seen
    assert page.context["can_admin"] is False


def test_a_successor_still_sees_and_carries_on_the_ended_units_records(tree, ended, successor_admin):
    contact = Contact.objects.create(owner_unit=ended, full_name="Chủ tịch LĐLĐ Kỳ Sơn cũ")
    officer = make_user("vinh_canbo", (tree.vinh, Role.OFFICER))
    for user in (officer, successor_admin):
        assert contact in Contact.objects.visible_to(user)
        assert contact in Contact.objects.editable_by(user)
    assert has_role_on(successor_admin, ended, Role.LEADER)
    assert not has_role_on(successor_admin, ended, Role.ADMIN)


def test_the_ended_units_users_stay_with_the_administrators_above_it(tree, ended, successor_admin, people):
    former = make_user("ks_canbo", (ended, Role.OFFICER))
    assert former not in account_selectors.users_visible_to(successor_admin)
    with pytest.raises(PermissionDenied):
        account_services.user_set_active(by=successor_admin, user=former, active=False)
    account_services.user_set_active(by=people.na_admin, user=former, active=False)


def test_the_province_still_administers_the_ended_unit(tree, ended, people):
    services.unit_rename(unit=ended, name="LĐLĐ huyện Kỳ Sơn (đã giải thể)", by=people.na_admin)
    assert Unit.objects.get(pk=ended.pk).name == "LĐLĐ huyện Kỳ Sơn (đã giải thể)"


def test_nothing_moves_under_an_ended_unit(tree, ended, people):
    with pytest.raises(ValidationError, match="no longer in force"):
        services.unit_move(unit=tree.school, new_parent=ended, by=people.na_admin)
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree.school.pk)) == tree.vinh
