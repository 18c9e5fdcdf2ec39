"""Delegation members' personal data: encrypted, masked on the page, grant holders only, logged."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from solidarity.accounts.models import Membership
from solidarity.accounts.testing import PASSWORD
from solidarity.delegations import services
from solidarity.delegations.models import Member
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.models import AccessLog
from solidarity.privacy.persons import SENSITIVE_SHOWN

from .factories import make_delegation

pytestmark = pytest.mark.django_db

PASSPORT = "C1234567"
PASSPORT_HEADER = "Passport number"  # the tests' language


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def refused_for_grant(errors) -> bool:
    text = " ".join(errors)
    return "personal-data permission" in text or "quyền dữ liệu cá nhân" in text


def grant(user):
    Membership.objects.filter(user=user).update(personal_data=True)


@pytest.fixture
def delegation(tree, people):
    grant(people.na_admin)
    delegation = make_delegation(tree.nghe_an)
    for name, passport in (("Nguyễn Văn An", PASSPORT), ("Lê Thị Bình", "C7654321")):
        services.member_add(
            delegation=delegation,
            by=people.na_admin,
            full_name=name,
            unit=tree.nghe_an,
            passport_number=passport,
            health_notes="Ăn chay",
            date_of_birth=datetime.date(1970, 5, 1),
        )
    return delegation


def test_a_members_passport_is_ciphertext_in_the_database(delegation):
    member = delegation.members.get(full_name="Nguyễn Văn An")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT passport_number, health_notes FROM delegations_member WHERE id = %s", [member.pk]
        )
        passport, health = cursor.fetchone()
    assert PASSPORT not in passport and "chay" not in health
    assert Member.objects.get(pk=member.pk).passport_number == PASSPORT


def test_a_grant_holder_sees_members_masked_and_each_shown_member_is_logged(client, people, delegation):
    grant(people.na_officer)
    login(client, people.na_officer)
    page = client.get(delegation.get_absolute_url()).content.decode()
    assert "01/05/1970" in page and PASSPORT not in page and "••••••67" in page
    assert AccessLog.objects.filter(action=AccessAction.VIEW, detail="").count() == 2

    page = client.get(delegation.get_absolute_url() + "?show=1").content.decode()
    assert PASSPORT in page and "Ăn chay" in page
    assert AccessLog.objects.filter(action=AccessAction.VIEW, detail=SENSITIVE_SHOWN).count() == 2


def test_the_log_is_one_query_whatever_the_number_of_members(client, people, delegation, tree):
    from django.test.utils import CaptureQueriesContext

    grant(people.na_officer)
    login(client, people.na_officer)
    with CaptureQueriesContext(connection) as two:
        client.get(delegation.get_absolute_url())
    for i in range(10):
        services.member_add(
            delegation=delegation, by=people.na_admin, full_name=f"Người {i}", passport_number=f"X{i:07}"
        )
    with CaptureQueriesContext(connection) as twelve:
        client.get(delegation.get_absolute_url())
    assert len(twelve.captured_queries) <= len(two.captured_queries)


def test_without_the_grant_the_page_shows_no_member_personal_data_and_logs_none(client, people, delegation):
    login(client, people.na_officer)
    page = client.get(delegation.get_absolute_url() + "?show=1").content.decode()
    assert "Nguyễn Văn An" in page
    for value in (PASSPORT, "••••••67", "Ăn chay", "01/05/1970"):
        assert value not in page
    assert not AccessLog.objects.filter(action=AccessAction.VIEW).exists()


def test_a_sibling_unit_never_sees_the_members(client, people, delegation):
    grant(people.hn_officer)
    login(client, people.hn_officer)
    assert client.get(delegation.get_absolute_url() + "?show=1").status_code == 404
    url = reverse("delegations:member_personal", args=[delegation.pk, delegation.members.first().pk])
    assert client.get(url).status_code == 404


def test_the_add_member_form_has_personal_inputs_only_for_grant_holders(client, people, delegation):
    login(client, people.na_officer)
    form = client.get(delegation.get_absolute_url()).context["member_form"]
    assert "passport_number" not in form.fields
    response = client.post(
        reverse("delegations:member_add", args=[delegation.pk]),
        {"member-full_name": "Trần C", "member-role": "member", "member-passport_number": "Z1"},
    )
    assert response.status_code == 200 and not delegation.members.filter(full_name="Trần C").exists()
    assert refused_for_grant(response.context["member_form"].non_field_errors())

    grant(people.na_officer)
    form = client.get(delegation.get_absolute_url()).context["member_form"]
    assert {"passport_number", "health_notes", "date_of_birth"} <= set(form.fields)
    client.post(
        reverse("delegations:member_add", args=[delegation.pk]),
        {"member-full_name": "Trần C", "member-role": "member", "member-passport_number": "Z1234567"},
    )
    assert delegation.members.get(full_name="Trần C").passport_number == "Z1234567"


def test_a_grant_holder_changes_a_members_passport_and_the_log_names_the_field(client, people, delegation):
    grant(people.na_officer)
    login(client, people.na_officer)
    member = delegation.members.get(full_name="Nguyễn Văn An")
    url = reverse("delegations:member_personal", args=[delegation.pk, member.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "personal-passport_number": "N0000001",
            "personal-health_notes": "Ăn chay",
            "personal-date_of_birth": "01/05/1970",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.passport_number == "N0000001"
    change = AccessLog.objects.get(action=AccessAction.CHANGE)
    assert change.detail == "passport_number" and "N0000001" not in change.detail


def test_the_personal_page_is_refused_without_the_grant(client, people, delegation):
    login(client, people.na_officer)
    member = delegation.members.first()
    url = reverse("delegations:member_personal", args=[delegation.pk, member.pk])
    assert client.get(url).status_code == 403


def test_the_service_refuses_a_passport_from_a_user_without_the_grant(people, delegation):
    member = delegation.members.first()
    with pytest.raises(ValidationError):
        services.member_personal_update(member=member, by=people.na_officer, passport_number="Q1")
    with pytest.raises(ValidationError):
        services.member_add(delegation=delegation, by=people.na_officer, full_name="D", id_number="0123")
    member.refresh_from_db()
    assert member.passport_number == PASSPORT


def test_the_members_tab_has_personal_columns_only_on_a_grant_holders_request(client, people, delegation):
    login(client, people.na_officer)

    def members_tab(query):
        response = client.get(reverse("delegations:list") + query)
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
        return [list(row) for row in workbook.worksheets[1].iter_rows(values_only=True)]

    assert PASSPORT_HEADER not in members_tab("?format=xlsx&personal=1")[0]
    grant(people.na_officer)
    assert PASSPORT_HEADER not in members_tab("?format=xlsx")[0]
    rows = members_tab("?format=xlsx&personal=1")
    assert PASSPORT_HEADER in rows[0] and PASSPORT in rows[1]
    log = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert log.detail.startswith("2 | xlsx") and log.content_type.model == "member"
