"""Two people editing the same contact: the second save is refused with the differences."""

import pytest
from django.urls import reverse

from solidarity.contacts.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(tree):
    return Contact.objects.create(owner_unit=tree.nghe_an, full_name="Phu Von Si Khăm On", title="Chủ tịch")


def edit(client, user, contact, **changes):
    client.force_login(user)
    data = {"full_name": contact.full_name, "title": contact.title, "version": 1, **changes}
    return client.post(reverse("contacts:edit", args=[contact.pk]), data)


def test_a_stale_contact_edit_is_refused_with_the_differences(client, people, chair):
    """
    GIVEN two officers opened the same contact
    WHEN the first saves a new title and the second then saves another one
    THEN the second is refused (409) with both values shown, and the first edit stays
    """
    assert edit(client, people.na_officer, chair, title="Nguyên Chủ tịch").status_code == 302

    response = edit(client, people.vgcl_leader, chair, title="Phó Chủ tịch")

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this record while you were editing it." in page
    assert "Nguyên Chủ tịch" in page and "Phó Chủ tịch" in page
    chair.refresh_from_db()
    assert chair.title == "Nguyên Chủ tịch" and chair.version == 2


def test_the_refused_form_can_be_saved_again_on_top_of_the_latest_version(client, people, chair):
    edit(client, people.na_officer, chair, title="Nguyên Chủ tịch")
    refused = edit(client, people.vgcl_leader, chair, title="Phó Chủ tịch")

    assert refused.context["form"]["version"].value() == "2"
    assert edit(client, people.vgcl_leader, chair, title="Phó Chủ tịch", version=2).status_code == 302
    chair.refresh_from_db()
    assert chair.title == "Phó Chủ tịch"


def test_a_form_opened_before_a_contact_was_deactivated_does_not_save_over_it(client, people, chair):
    client.force_login(people.na_officer)
    client.post(reverse("contacts:set_active", args=[chair.pk]), {"active": "0"})

    assert edit(client, people.vgcl_leader, chair, title="Phó Chủ tịch").status_code == 409
    chair.refresh_from_db()
    assert chair.title == "Chủ tịch" and not chair.is_active


def test_an_edit_without_the_version_it_started_from_is_refused(client, people, chair):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("contacts:edit", args=[chair.pk]), {"full_name": chair.full_name, "title": "Mới"}
    )

    assert response.status_code == 200 and "version" in response.context["form"].errors
    chair.refresh_from_db()
    assert chair.title == "Chủ tịch"
