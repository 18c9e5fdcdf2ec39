"""An unchanged edit keeps a link that a level above made to its own record, even when the
editor cannot open that record (issue 6: an edit that changes nothing saves nothing)."""

import datetime

import pytest
from django.urls import reverse

from solidarity.agreements import services as agreements
from solidarity.delegations.tests.factories import make_delegation
from solidarity.meetings import services as meetings
from solidarity.partners.models import Partner
from solidarity.support import services as support_services
from tests.test_edit_roundtrip import browser_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return Partner.objects.create(name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", country="LA")


def save_unchanged(client, url):
    response = client.post(url, browser_submission(client.get(url).content.decode()))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_ward_officer_saving_a_meeting_keeps_the_provinces_agreement_it_serves(
    client, tree, people, partner
):
    agreement = agreements.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[partner],
        title="Biên bản hợp tác",
        agreement_type="cooperation_agreement",
    )
    meeting = meetings.meeting_create(
        by=people.na_officer,
        owner_unit=tree.vinh,
        kind="working_session",
        title="Buổi làm việc của phường Vinh",
        start_on=datetime.date(2024, 7, 29),
        agreement=agreement,
    )
    client.force_login(people.vinh_officer)
    save_unchanged(client, reverse("meetings:edit", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.agreement_id == agreement.pk


def test_a_ward_officer_saving_support_keeps_the_provinces_delegation_it_came_with(
    client, tree, people, partner
):
    delegation = make_delegation(tree.nghe_an)
    support = support_services.support_create(
        by=people.na_officer,
        owner_unit=tree.vinh,
        partner=partner,
        direction="given",
        form="equipment",
        given_on=datetime.date(2024, 7, 29),
        delegation=delegation,
        total_vnd=36_000_000,
        funding_source="union_budget",
    )
    client.force_login(people.vinh_officer)
    save_unchanged(client, reverse("support:edit", args=[support.pk]))
    support.refresh_from_db()
    assert support.delegation_id == delegation.pk
