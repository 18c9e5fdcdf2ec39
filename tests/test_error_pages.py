"""Refusals and missing pages explain themselves inside the app's layout."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_refusal_shows_the_reason(client, people):
    client.force_login(people.na_viewer)
    response = client.get(reverse("partners:create"))
    assert response.status_code == 403
    assert "navbar" in response.content.decode()


def test_a_record_of_another_unit_is_simply_not_found(client, people, tree):
    from solidarity.contacts.models import Contact

    contact = Contact.objects.create(owner_unit=tree.nghe_an, full_name="X")
    client.force_login(people.hn_officer)
    response = client.get(contact.get_absolute_url())
    assert response.status_code == 404
    assert "navbar" in response.content.decode()
