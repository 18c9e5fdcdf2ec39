"""A partner's timeline: everything done with it, in date order, within the user's scope only."""

import datetime

import pytest

from solidarity.agreements.models import Agreement, Commitment
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.partners.models import Partner
from solidarity.records.timeline import record_timeline
from solidarity.support.models import Support

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(tree):
    partner = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind="regional_union", country="LA"
    )
    agreement = Agreement.objects.create(
        owner_unit=tree.nghe_an,
        title="Biên bản hợp tác 2017",
        agreement_type="cooperation_agreement",
        signed_on=datetime.date(2017, 8, 18),
        status="in_force",
    )
    agreement.partners.add(partner)
    delegation = Delegation.objects.create(
        owner_unit=tree.nghe_an,
        direction="incoming",
        title="Đoàn Xiêng Khoảng thăm Nghệ An",
        start_on=datetime.date(2022, 6, 1),
        end_on=datetime.date(2022, 6, 4),
    )
    delegation.partners.add(partner)
    meeting = Meeting.objects.create(
        owner_unit=tree.nghe_an,
        kind="seminar",
        title="Tọa đàm 29/7/2024",
        start_on=datetime.date(2024, 7, 29),
    )
    meeting.partners.add(partner)
    Support.objects.create(
        owner_unit=tree.nghe_an,
        direction="given",
        partner=partner,
        given_on=datetime.date(2023, 4, 10),
        form="gifts",
        total_vnd=14_000_000,
        funding_source="union_budget",
    )
    Commitment.objects.create(
        owner_unit=tree.nghe_an,
        agreement=agreement,
        meeting=meeting,
        description="Đoàn Nghệ An sang Xiêng Khoảng",
        due_year=2025,
    )
    hn_delegation = Delegation.objects.create(
        owner_unit=tree.ha_noi,
        direction="outgoing",
        title="Đoàn Hà Nội sang Lào",
        start_on=datetime.date(2024, 1, 1),
        end_on=datetime.date(2024, 1, 3),
    )
    hn_delegation.partners.add(partner)
    return partner


def test_the_timeline_lists_every_kind_of_record_newest_first(story, people):
    timeline = record_timeline(about=story, user=people.na_officer)
    titles = [entry.title for entry in timeline]
    assert "Biên bản hợp tác 2017" in titles and "Tọa đàm 29/7/2024" in titles
    assert "Đoàn Nghệ An sang Xiêng Khoảng" in titles and len(timeline) == 5
    assert [entry.date for entry in timeline] == sorted((entry.date for entry in timeline), reverse=True)


def test_a_sibling_unit_sees_only_its_own_work_with_the_partner(story, people):
    titles = [entry.title for entry in record_timeline(about=story, user=people.hn_officer)]
    assert titles == ["Đoàn Hà Nội sang Lào"]


def test_the_partner_page_shows_the_timeline_in_a_fixed_number_of_queries(
    client, story, people, tree, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.vgcl_leader)
    with CaptureQueriesContext(connection) as few:
        assert client.get(story.get_absolute_url()).status_code == 200
    for year in range(2010, 2016):
        extra = Delegation.objects.create(
            owner_unit=tree.vinh,
            direction="outgoing",
            title=f"Đoàn {year}",
            start_on=datetime.date(year, 1, 1),
            end_on=datetime.date(year, 1, 2),
        )
        extra.partners.add(story)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(story.get_absolute_url()).content.decode()
    assert "Đoàn 2012" in page
