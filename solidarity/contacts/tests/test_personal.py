"""A contact's personal data (Decree 356/2025/NĐ-CP): encrypted, masked, for grant holders, logged."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import Role
from solidarity.accounts.testing import PASSWORD
from solidarity.contacts import services
from solidarity.contacts.models import Contact
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.models import AccessLog
from solidarity.privacy.persons import SENSITIVE_SHOWN

pytestmark = pytest.mark.django_db

PASSPORT = "P7712345"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def refused_for_grant(errors) -> bool:
    text = " ".join(errors)
    return "personal-data permission" in text or "quyền dữ liệu cá nhân" in text


def grant(user):
    Membership.objects.filter(user=user).update(personal_data=True)


@pytest.fixture
def contact(tree, people):
    grant(people.na_admin)
    return services.contact_create(
        by=people.na_admin,
        owner_unit=tree.nghe_an,
        full_name="Bua Khăm",
        title="Phó Chủ tịch",
        email="bua@example.la",
        phone="+856 20 555 1234",
        union_membership="Liên hiệp Công đoàn Lào, thẻ số 4411",
        id_document_number=PASSPORT,
    )


def test_sensitive_fields_are_ciphertext_in_the_database(contact):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_document_number, union_membership FROM contacts_contact WHERE id = %s", [contact.pk]
        )
        stored = cursor.fetchone()
    assert PASSPORT not in stored[0] and "4411" not in stored[1]
    assert Contact.objects.get(pk=contact.pk).id_document_number == PASSPORT


def test_a_grant_holder_sees_the_sensitive_values_masked_until_asking(client, people, contact):
    grant(people.na_officer)
    login(client, people.na_officer)
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "bua@example.la" in page and PASSPORT not in page and "••••••45" in page
    assert AccessLog.objects.filter(action=AccessAction.VIEW, user=people.na_officer, detail="").count() == 1

    shown = client.get(contact.get_absolute_url() + "?show=1").content.decode()
    assert PASSPORT in shown and "4411" in shown
    assert AccessLog.objects.filter(action=AccessAction.VIEW, detail=SENSITIVE_SHOWN).count() == 1


def test_without_the_grant_the_page_shows_no_personal_data(client, people, contact):
    login(client, people.na_officer)
    page = client.get(contact.get_absolute_url() + "?show=1").content.decode()
    assert "Bua Khăm" in page  # the name stays: their work identity
    for value in ("bua@example.la", "555 1234", PASSPORT, "••••••45", "4411"):
        assert value not in page
    log = AccessLog.objects.get(action=AccessAction.VIEW)
    assert log.user == people.na_officer and log.detail == "" and log.unit == contact.owner_unit


def test_a_sibling_unit_gets_404_and_leaves_no_view_logged(client, people, contact):
    grant(people.hn_officer)
    login(client, people.hn_officer)
    assert client.get(contact.get_absolute_url() + "?show=1").status_code == 404
    assert not AccessLog.objects.filter(action=AccessAction.VIEW).exists()


def test_the_list_never_shows_personal_data(client, people, contact):
    grant(people.na_officer)
    login(client, people.na_officer)
    page = client.get(reverse("contacts:list")).content.decode()
    assert "Bua Khăm" in page
    for value in ("bua@example.la", PASSPORT, "••••", "4411"):
        assert value not in page


def test_an_edit_without_the_grant_keeps_the_stored_personal_data(client, people, contact):
    login(client, people.na_officer)
    form = client.get(reverse("contacts:edit", args=[contact.pk])).context["form"]
    assert not {"email", "phone", "notes", "id_document_number", "union_membership"} & set(form.fields)
    response = client.post(
        reverse("contacts:edit", args=[contact.pk]),
        {"full_name": "Bua Khăm", "title": "Chủ tịch", "version": contact.version},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.title == "Chủ tịch"
    assert contact.email == "bua@example.la" and contact.id_document_number == PASSPORT
    change = AccessLog.objects.get(action=AccessAction.CHANGE)
    assert change.detail == "title" and change.user == people.na_officer


def test_a_user_without_the_grant_who_sends_personal_fields_is_refused(client, people, contact):
    login(client, people.na_officer)
    response = client.post(
        reverse("contacts:edit", args=[contact.pk]),
        {"full_name": "Bua Khăm", "id_document_number": "X0000001", "version": contact.version},
    )
    assert response.status_code == 200
    assert refused_for_grant(response.context["form"].non_field_errors())
    contact.refresh_from_db()
    assert contact.id_document_number == PASSPORT and contact.version == 1


def test_the_service_refuses_personal_values_from_a_user_without_the_grant(people, contact):
    with pytest.raises(ValidationError) as refused:
        services.contact_update(
            contact=contact, by=people.na_officer, expected_version=1, phone="0912 000 000"
        )
    assert "Điện thoại" in " ".join(refused.value.messages) or "phone" in " ".join(refused.value.messages)
    # Empty values (a form or a file without them) and the stored ones keep what is stored.
    saved = services.contact_update(
        contact=contact, by=people.na_officer, expected_version=1, title="Chủ tịch", email="", phone=None
    )
    assert saved.email == "bua@example.la" and saved.phone == "+856 20 555 1234"


def test_a_grant_holder_changes_a_sensitive_field_and_the_log_names_it_only(people, contact):
    grant(people.na_officer)
    services.contact_update(
        contact=contact, by=people.na_officer, expected_version=1, id_document_number="B9999999"
    )
    change = AccessLog.objects.get(action=AccessAction.CHANGE)
    assert change.detail == "id_document_number"
    assert "B9999999" not in change.detail and PASSPORT not in change.detail


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_an_export_has_no_personal_columns_unless_a_grant_holder_asks(client, people, contact, tree):
    login(client, people.na_officer)
    rows = _csv(client.get(reverse("contacts:list") + "?format=csv&personal=1"))
    assert "Email" not in rows[0] and all(PASSPORT not in cell for row in rows for cell in row)
    assert not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()

    grant(people.na_officer)
    plain = _csv(client.get(reverse("contacts:list") + "?format=csv"))
    assert len(plain[0]) == len(rows[0]) and not AccessLog.objects.filter(action=AccessAction.EXPORT).exists()

    personal = _csv(client.get(reverse("contacts:list") + "?format=csv&personal=1"))
    assert len(personal[0]) == len(plain[0]) + 5
    assert PASSPORT in personal[1] and "bua@example.la" in personal[1]
    log = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert log.unit == tree.nghe_an and log.object_id == 0 and log.detail.startswith("1 | csv")


def test_a_personal_export_leaves_the_cells_of_rows_outside_the_grant_empty(client, people, contact, tree):
    # The VGCL leader sees Nghệ An's contacts; the grant is on Nghệ An only (a second membership).
    Membership.objects.create(
        user=people.vgcl_leader, unit=tree.nghe_an, role=Role.VIEWER, personal_data=True
    )
    grant(people.hn_officer)
    services.contact_create(
        by=people.hn_officer, owner_unit=tree.ha_noi, full_name="Khăm Phăn", email="kp@example.la"
    )
    login(client, people.vgcl_leader)
    rows = _csv(client.get(reverse("contacts:list") + "?format=csv&personal=1"))
    by_name = {row[3]: row for row in rows[1:]}
    assert "bua@example.la" in by_name["Bua Khăm"]
    assert "kp@example.la" not in by_name["Khăm Phăn"]
    assert AccessLog.objects.filter(action=AccessAction.EXPORT).count() == 1


def test_the_export_toggle_is_offered_to_grant_holders_only(client, people, contact):
    login(client, people.na_officer)
    assert "export-personal" not in client.get(reverse("contacts:list")).content.decode()
    grant(people.na_officer)
    assert "export-personal" in client.get(reverse("contacts:list")).content.decode()


def test_the_edit_form_showing_sensitive_values_to_a_grant_holder_is_logged(client, people, contact):
    grant(people.na_officer)
    login(client, people.na_officer)
    form = client.get(reverse("contacts:edit", args=[contact.pk])).context["form"]
    assert form.initial["id_document_number"] == PASSPORT
    assert AccessLog.objects.get(action=AccessAction.VIEW).detail == SENSITIVE_SHOWN
