"""The privacy kit: the personal-data grant, encryption at rest, masking, the deploy check."""

import pytest
from django.core.checks import run_checks
from django.db import connection

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import forget_scope, may_see_personal, personal_scope_q
from solidarity.privacy.fields import EncryptedCharField, mask
from solidarity.units.models import Unit

pytestmark = pytest.mark.django_db


def grant(user, unit):
    Membership.objects.filter(user=user, unit=unit).update(personal_data=True)
    forget_scope(user)


def test_a_role_alone_never_shows_personal_data(tree, people):
    for user in (people.na_viewer, people.na_officer, people.na_leader, people.na_admin, people.outsider):
        assert not may_see_personal(user, tree.nghe_an)
        assert not Unit.objects.filter(personal_scope_q(user, field="")).exists()


def test_the_grant_reaches_the_unit_and_below_never_a_sibling_or_the_parent(tree, people):
    grant(people.na_viewer, tree.nghe_an)
    assert may_see_personal(people.na_viewer, tree.nghe_an)
    assert may_see_personal(people.na_viewer, tree.school)
    assert not may_see_personal(people.na_viewer, tree.ha_noi)
    assert not may_see_personal(people.na_viewer, tree.vgcl)
    visible = set(
        Unit.objects.filter(personal_scope_q(people.na_viewer, field="")).values_list("pk", flat=True)
    )
    assert visible == {tree.nghe_an.pk, tree.ky_son.pk, tree.vinh.pk, tree.school.pk}


def test_the_grant_is_read_with_the_roles_in_one_query(tree, people, django_assert_num_queries):
    grant(people.na_officer, tree.nghe_an)
    with django_assert_num_queries(1):
        assert may_see_personal(people.na_officer, tree.vinh)
        assert not may_see_personal(people.na_officer, tree.ha_noi)


def test_an_encrypted_field_holds_only_ciphertext_in_the_database(db):
    field = EncryptedCharField(max_length=50)
    stored = field.get_db_prep_value("B1234567", connection)
    assert "B1234567" not in stored
    assert field.from_db_value(stored, None, connection) == "B1234567"


def test_masking_keeps_only_the_last_characters():
    assert mask("B1234567") == "••••••67"
    assert mask("") == ""
    assert "12" not in mask("123")


def test_production_without_its_own_salt_fails_the_deploy_check(settings):
    settings.SALT_KEY = ["local-only-solidarity-salt"]
    assert "solidarity.E101" in {m.id for m in run_checks(include_deployment_checks=True)}
    settings.SALT_KEY = ["a-long-random-production-salt"]
    assert "solidarity.E101" not in {m.id for m in run_checks(include_deployment_checks=True)}
