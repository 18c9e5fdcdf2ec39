"""Detail pages with lines that grow without bound: a unit's partners, an agreement's
commitments, a meeting's follow-ups and support, the partner and agreement timelines.

Each list shows a page at a time with "Next" (no count), pages on its own ``?param=``,
and the page costs the same queries whether the record has ten lines or ten thousand.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.accounts.testing import PASSWORD
from solidarity.agreements.models import Agreement, Commitment
from solidarity.agreements.views import LINES_PER_PAGE as COMMITMENTS_PAGE
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.meetings.views import LINES_PER_PAGE as MEETING_PAGE
from solidarity.partners.models import Partner, PartnerLink
from solidarity.records.timeline import PAGE
from solidarity.support.models import Support
from solidarity.units.views import LINKS_PER_PAGE

pytestmark = pytest.mark.django_db
D = datetime.date


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def queries_of(client, url, **params) -> tuple[int, object]:
    client.get(url, params)  # warm: the session, the URL resolver
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.fixture
def partner(tree):
    return Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind="regional_union", country="LA"
    )


@pytest.fixture
def agreement(tree, partner):
    agreement = Agreement.objects.create(
        owner_unit=tree.nghe_an,
        title="Biên bản hợp tác 2017",
        agreement_type="cooperation_agreement",
        signed_on=D(2017, 8, 18),
        status="in_force",
    )
    agreement.partners.add(partner)
    return agreement


def records(unit, n, *, partner, agreement, tag, start=0):
    """``n`` of each kind of timeline row of ``unit``, about the partner and the agreement."""
    for i in range(start, start + n):
        day = D(2020, 1, 1) + datetime.timedelta(days=i)
        delegation = Delegation.objects.create(
            owner_unit=unit,
            direction="outgoing",
            title=f"Đoàn {tag} {i}",
            start_on=day,
            end_on=day,
            agreement=agreement,
        )
        delegation.partners.add(partner)
        meeting = Meeting.objects.create(
            owner_unit=unit, kind="seminar", title=f"Tọa đàm {tag} {i}", start_on=day, agreement=agreement
        )
        meeting.partners.add(partner)
        Support.objects.create(
            owner_unit=unit,
            direction="given",
            partner=partner,
            given_on=day,
            form="gifts",
            total_vnd=1_000_000 + i,
            funding_source="union_budget",
            delegation=delegation,
        )
        Commitment.objects.create(
            owner_unit=unit,
            agreement=agreement,
            meeting=meeting,
            description=f"Cam kết {tag} {i}",
            due_on=day,
        )


def test_the_partner_and_agreement_pages_cost_the_same_queries_with_more_rows(
    client, people, tree, partner, agreement
):
    records(tree.nghe_an, 3, partner=partner, agreement=agreement, tag="Nghệ An")
    login(client, people.na_officer)
    few = {
        url: queries_of(client, url)[0] for url in (partner.get_absolute_url(), agreement.get_absolute_url())
    }
    records(tree.nghe_an, 40, partner=partner, agreement=agreement, tag="Nghệ An", start=3)
    records(tree.vinh, 20, partner=partner, agreement=agreement, tag="Vinh")
    for url, count in few.items():
        many, response = queries_of(client, url)
        assert many <= count, url
        assert len(response.context["timeline"]) == PAGE and response.context["timeline"].has_more
    commitments = queries_of(client, agreement.get_absolute_url())[1].context["commitments"]
    assert len(commitments) == COMMITMENTS_PAGE and commitments.has_next


def test_no_page_of_a_timeline_shows_a_sibling_units_records(client, people, tree, partner, agreement):
    """GIVEN Hà Nội and Nghệ An both working with the partner, more than a page each
    WHEN the Hà Nội officer reads every page of the partner's timeline
    THEN no entry of Nghệ An (or its units) appears on any of them, and all of Hà Nội's do."""
    records(tree.nghe_an, 30, partner=partner, agreement=agreement, tag="Nghệ An")
    records(tree.vinh, 10, partner=partner, agreement=agreement, tag="Vinh")
    hn_agreement = Agreement.objects.create(
        owner_unit=tree.ha_noi,
        title="Hợp tác Hà Nội",
        agreement_type="cooperation_agreement",
        signed_on=D(2019, 1, 1),
    )
    hn_agreement.partners.add(partner)
    records(tree.ha_noi, 20, partner=partner, agreement=hn_agreement, tag="Hà Nội")
    login(client, people.hn_officer)
    seen, params = [], {}
    while True:
        response = client.get(partner.get_absolute_url(), params)
        timeline = response.context["timeline"]
        seen += [entry.title for entry in timeline]
        if not timeline.has_more:
            break
        params = {"timeline": str(timeline.next_cursor)}
    assert len(seen) == 1 + 20 * 4 == len(set(seen))
    assert not [title for title in seen if "Nghệ An" in title or "Vinh" in title]
    assert client.get(agreement.get_absolute_url()).status_code == 404


def test_an_agreements_commitments_page_on_their_own(client, people, tree, partner, agreement):
    for i in range(COMMITMENTS_PAGE + 2):
        Commitment.objects.create(
            owner_unit=tree.nghe_an,
            agreement=agreement,
            description=f"Việc {i:03d}",
            due_on=D(2025, 1, 1) + datetime.timedelta(days=i),
        )
    Commitment.objects.create(owner_unit=tree.ha_noi, agreement=agreement, description="Việc của Hà Nội")
    login(client, people.na_officer)
    first = client.get(agreement.get_absolute_url()).context["commitments"]
    assert [c.description for c in first] == [f"Việc {i:03d}" for i in range(COMMITMENTS_PAGE)]
    html = client.get(agreement.get_absolute_url()).content.decode()
    assert 'href="?commitments=2#agreement-commitments"' in html
    second = client.get(agreement.get_absolute_url(), {"commitments": 2}).context["commitments"]
    assert [c.description for c in second] == [
        f"Việc {i:03d}" for i in range(COMMITMENTS_PAGE, COMMITMENTS_PAGE + 2)
    ]
    assert not second.has_next and second.has_previous


def test_a_units_partners_page_with_the_same_queries(client, people, tree):
    def link(n, start=0):
        for i in range(start, start + n):
            partner = Partner.objects.create(name=f"Đối tác {i:03d}", kind="trade_union", country="LA")
            PartnerLink.objects.create(partner=partner, unit=tree.nghe_an)

    link(3)
    login(client, people.na_officer)
    few, response = queries_of(client, tree.nghe_an.get_absolute_url())
    assert not response.context["links"].has_other_pages
    link(LINKS_PER_PAGE + 2, start=3)
    many, response = queries_of(client, tree.nghe_an.get_absolute_url())
    assert many <= few
    links = response.context["links"]
    assert len(links) == LINKS_PER_PAGE and links.has_next
    assert 'href="?links=2#unit-partners"' in response.content.decode()
    last = client.get(tree.nghe_an.get_absolute_url(), {"links": 2}).context["links"]
    assert [link.partner.name for link in last] == [
        f"Đối tác {i:03d}" for i in range(LINKS_PER_PAGE, LINKS_PER_PAGE + 5)
    ]


def test_a_meetings_follow_ups_and_support_page_with_the_same_queries(client, people, tree, partner):
    meeting = Meeting.objects.create(
        owner_unit=tree.nghe_an, kind="seminar", title="Tọa đàm", start_on=D(2024, 7, 29)
    )

    def follow_ups(n, start=0):
        for i in range(start, start + n):
            Commitment.objects.create(
                owner_unit=tree.nghe_an,
                meeting=meeting,
                description=f"Theo dõi {i:03d}",
                due_on=D(2025, 1, 1) + datetime.timedelta(days=i),
            )
            Support.objects.create(
                owner_unit=tree.nghe_an,
                direction="given",
                partner=partner,
                given_on=D(2024, 7, 29),
                form="gifts",
                total_vnd=1_000_000,
                funding_source="union_budget",
                meeting=meeting,
            )

    follow_ups(2)
    login(client, people.na_officer)
    few, _response = queries_of(client, meeting.get_absolute_url())
    follow_ups(MEETING_PAGE + 1, start=2)
    many, response = queries_of(client, meeting.get_absolute_url())
    assert many <= few
    assert len(response.context["follow_ups"]) == MEETING_PAGE and response.context["follow_ups"].has_next
    assert len(response.context["support"]) == MEETING_PAGE and response.context["support"].has_next
    last = client.get(meeting.get_absolute_url(), {"follow_ups": 2}).context["follow_ups"]
    assert [c.description for c in last] == [
        f"Theo dõi {i:03d}" for i in range(MEETING_PAGE, MEETING_PAGE + 3)
    ]
