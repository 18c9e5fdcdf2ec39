"""Who gave whom which role, and when, is kept."""

import pytest
from django.urls import reverse

from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership
from solidarity.accounts.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_granting_and_removing_a_role_leaves_an_audit_trail(client, people, tree):
    """
    GIVEN the Nghệ An administrator and a Vinh Phú officer
    WHEN the administrator makes the officer a leader of Kỳ Sơn and then removes that role
    THEN the history names the administrator for both changes
    """
    client.login(username=people.na_admin.username, password=PASSWORD)
    client.post(
        reverse("accounts:membership_add", args=[people.vinh_officer.pk]),
        {"unit": tree.ky_son.pk, "role": Role.LEADER},
    )
    membership = Membership.objects.get(user=people.vinh_officer, unit=tree.ky_son)
    client.post(reverse("accounts:membership_remove", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    trail = Membership.history.filter(id=membership.pk).order_by("history_date")
    assert [(row.history_type, row.role, row.history_user) for row in trail] == [
        ("+", Role.LEADER, people.na_admin),
        ("-", Role.LEADER, people.na_admin),
    ]


def test_password_hashes_never_enter_the_user_history(people):
    people.na_officer.full_name = "Cán bộ đối ngoại Nghệ An"
    people.na_officer.save()
    record = people.na_officer.history.first()
    assert record.full_name == "Cán bộ đối ngoại Nghệ An"
    assert not hasattr(record, "password")
