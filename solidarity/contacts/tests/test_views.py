"""Contacts belong to the unit that recorded them and follow the permission rule."""

import pytest
from django.urls import reverse

from solidarity.accounts.models import Membership
from solidarity.accounts.testing import PASSWORD
from solidarity.contacts.models import Contact
from solidarity.partners.models import Partner

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def partner(tree):
    return Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind="regional_union", country="LA"
    )


@pytest.fixture
def chair(tree, partner):
    return Contact.objects.create(
        owner_unit=tree.nghe_an,
        partner=partner,
        full_name="Phu Von Si Khăm On",
        title="Chủ tịch",
        languages="Lào",
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("na_viewer", 200),
        ("na_officer", 200),
        ("vgcl_leader", 200),
        ("superuser", 200),
        ("vinh_officer", 404),
        ("hn_officer", 404),
        ("outsider", 404),
    ],
)
def test_a_contact_is_seen_by_its_unit_and_the_levels_above_only(client, people, chair, persona, status):
    login(client, getattr(people, persona))
    assert client.get(chair.get_absolute_url()).status_code == status
    listed = chair in client.get(reverse("contacts:list")).context["page_obj"]
    assert listed == (status == 200)


def test_anonymous_users_are_sent_to_sign_in(client, chair):
    response = client.get(chair.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("na_officer", 302),
        ("vgcl_leader", 302),
        ("na_viewer", 403),
        ("hn_officer", 404),
        ("vinh_officer", 404),
    ],
)
def test_only_officers_of_the_owning_unit_or_above_edit_it(client, people, chair, partner, persona, status):
    login(client, getattr(people, persona))
    response = client.post(
        reverse("contacts:edit", args=[chair.pk]),
        {"full_name": "Phu Von Si Khăm On", "title": "Nguyên Chủ tịch", "partner": partner.pk, "version": 1},
    )
    assert response.status_code == status
    chair.refresh_from_db()
    assert (chair.title == "Nguyên Chủ tịch") == (status == 302)


def test_an_officer_records_a_contact_at_a_partner(client, people, tree, partner):
    # The e-mail is personal data: only a holder of the personal-data grant enters it.
    Membership.objects.filter(user=people.na_officer).update(personal_data=True)
    login(client, people.na_officer)
    response = client.post(
        reverse("contacts:create"),
        {
            "owner_unit": tree.nghe_an.pk,
            "full_name": "Bua Khăm",
            "title": "Phó Chủ tịch",
            "partner": partner.pk,
            "email": "bua@example.la",
            "languages": "Lào, Việt",
        },
    )
    contact = Contact.objects.get(full_name="Bua Khăm")
    assert response.status_code == 302 and response.url == contact.get_absolute_url()
    assert contact.owner_unit == tree.nghe_an and contact.created_by == people.na_officer


def test_an_officer_cannot_record_a_contact_for_a_sibling_unit(client, people, tree):
    login(client, people.na_officer)
    response = client.post(reverse("contacts:create"), {"owner_unit": tree.ha_noi.pk, "full_name": "X"})
    assert response.status_code == 200 and "owner_unit" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_bad_input_is_explained_and_nothing_is_saved(client, people, tree, partner):
    Membership.objects.filter(user=people.na_officer).update(personal_data=True)
    login(client, people.na_officer)
    response = client.post(
        reverse("contacts:create"),
        {
            "owner_unit": tree.nghe_an.pk,
            "full_name": "",
            "email": "not-an-email",
            "partner": partner.pk,
            "organisation": "Also this",
        },
    )
    form = response.context["form"]
    assert {"full_name", "email"} <= form.errors.keys()
    assert not Contact.objects.exists()


def test_two_organisations_at_once_are_refused(client, people, tree, partner):
    login(client, people.na_officer)
    response = client.post(
        reverse("contacts:create"),
        {"owner_unit": tree.nghe_an.pk, "full_name": "Y", "partner": partner.pk, "organisation": "Other"},
    )
    assert response.context["form"].non_field_errors()
    assert not Contact.objects.exists()


def test_viewers_cannot_create_contacts(client, people):
    login(client, people.na_viewer)
    assert client.get(reverse("contacts:create")).status_code == 403


def test_the_owning_unit_of_an_existing_contact_cannot_be_changed(client, people, tree, chair, partner):
    login(client, people.vgcl_leader)
    client.post(
        reverse("contacts:edit", args=[chair.pk]),
        {"owner_unit": tree.ha_noi.pk, "full_name": chair.full_name, "partner": partner.pk},
    )
    chair.refresh_from_db()
    assert chair.owner_unit == tree.nghe_an


def test_search_folds_diacritics(client, people, chair):
    login(client, people.na_officer)
    assert list(client.get(reverse("contacts:list"), {"q": "kham on"}).context["page_obj"]) == [chair]
    assert list(client.get(reverse("contacts:list"), {"q": "xieng khoang"}).context["page_obj"]) == [chair]


def test_deactivating_hides_it_from_the_default_list(client, people, chair):
    login(client, people.na_officer)
    client.post(reverse("contacts:set_active", args=[chair.pk]), {"active": "0"})
    chair.refresh_from_db()
    assert not chair.is_active
    assert list(client.get(reverse("contacts:list")).context["page_obj"]) == []
    assert client.get(chair.get_absolute_url()).status_code == 200  # nothing is lost


def test_a_sibling_cannot_deactivate_it(client, people, chair):
    login(client, people.hn_officer)
    assert client.post(reverse("contacts:set_active", args=[chair.pk]), {"active": "0"}).status_code == 404


def test_the_contact_list_does_not_issue_a_query_per_row(
    client, people, tree, partner, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, people.na_officer)
    Contact.objects.create(owner_unit=tree.nghe_an, partner=partner, full_name="A")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("contacts:list"))
    for i in range(20):
        Contact.objects.create(owner_unit=tree.vinh, unit=tree.school, full_name=f"B{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("contacts:list"))


def test_history_keeps_who_changed_what(client, people, chair, partner):
    login(client, people.na_officer)
    client.post(
        reverse("contacts:edit", args=[chair.pk]),
        {"full_name": chair.full_name, "title": "Nguyên Chủ tịch", "partner": partner.pk, "version": 1},
    )
    latest = chair.history.first()
    assert latest.history_user == people.na_officer and latest.title == "Nguyên Chủ tịch"
