"""The Django admin of units is a superuser's back door, nobody else's."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_superuser_opens_the_units_and_successions_in_the_admin(client, people, tree):
    client.force_login(people.superuser)
    assert client.get(reverse("admin:units_unit_changelist")).status_code == 200
    assert client.get(reverse("admin:units_unit_change", args=[tree.vinh.pk])).status_code == 200
    assert client.get(reverse("admin:units_unitsuccession_changelist")).status_code == 200


def test_nobody_deletes_a_unit_in_the_admin(client, people, tree):
    client.force_login(people.superuser)
    assert client.get(reverse("admin:units_unit_delete", args=[tree.vinh.pk])).status_code == 403


def test_a_unit_administrator_is_not_let_into_the_admin(client, people):
    people.vgcl_admin.is_staff = True
    people.vgcl_admin.save()
    client.force_login(people.vgcl_admin)
    assert client.get(reverse("admin:units_unit_changelist")).status_code == 403
