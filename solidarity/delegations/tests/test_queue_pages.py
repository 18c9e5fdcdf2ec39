"""The leaders' queue a page at a time: the same rows as before, each kind paged on its own,
the same queries on every page, the home page's count equal to what the queue holds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import PASSWORD, make_user
from solidarity.delegations import selectors
from solidarity.delegations.views import QUEUE_PAGE
from solidarity.home.mywork import my_work
from solidarity.meetings.models import Meeting
from solidarity.records.workflow import ApprovalState, waiting_for

from .factories import make_delegation

pytestmark = pytest.mark.django_db
S = ApprovalState
D = datetime.date


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def submitted_delegations(unit, n, *, tag):
    return [
        make_delegation(
            unit, state=S.SUBMITTED, title=f"{tag} {i:03d}", start=D(2025, 1, 1) + datetime.timedelta(days=i)
        )
        for i in range(n)
    ]


def submitted_meetings(unit, n, *, tag):
    return [
        Meeting.objects.create(
            owner_unit=unit,
            kind="seminar",
            title=f"{tag} {i:03d}",
            hosted=True,
            is_international=True,
            start_on=D(2025, 6, 1) + datetime.timedelta(days=i),
            state=S.SUBMITTED,
        )
        for i in range(n)
    ]


def test_each_kind_of_the_queue_pages_on_its_own_with_the_same_queries(client, people, tree):
    """GIVEN more submitted delegations and meetings of Nghệ An's units than a page holds
    WHEN the Nghệ An leader pages through the queue
    THEN every waiting row is shown once, in date order, and every page costs the same queries."""
    submitted_delegations(tree.vinh, QUEUE_PAGE + 3, tag="Đoàn Vinh")
    submitted_meetings(tree.ky_son, QUEUE_PAGE + 1, tag="Tọa đàm Kỳ Sơn")
    login(client, people.na_leader)
    url = reverse("delegations:queue")
    client.get(url)  # the first request after signing in writes the session

    with CaptureQueriesContext(connection) as first:
        response = client.get(url)
    delegations, meetings = response.context["delegations"], response.context["meetings"]
    assert [d.title for d in delegations] == [f"Đoàn Vinh {i:03d}" for i in range(QUEUE_PAGE)]
    assert delegations.has_next and meetings.has_next and len(meetings) == QUEUE_PAGE
    html = response.content.decode()
    assert 'href="?delegations=2#queue-delegations"' in html and 'href="?meetings=2#queue-meetings"' in html

    with CaptureQueriesContext(connection) as second:
        response = client.get(url, {"delegations": 2})
    assert [d.title for d in response.context["delegations"]] == [
        f"Đoàn Vinh {i:03d}" for i in range(QUEUE_PAGE, QUEUE_PAGE + 3)
    ]
    assert not response.context["delegations"].has_next
    # The meetings stay on their first page while the delegations move on.
    assert response.context["meetings"].number == 1 and len(response.context["meetings"]) == QUEUE_PAGE
    assert len(second.captured_queries) == len(first.captured_queries)

    response = client.get(url, {"delegations": 2, "meetings": 2})
    assert [m.title for m in response.context["meetings"]] == [f"Tọa đàm Kỳ Sơn {QUEUE_PAGE:03d}"]
    assert 'href="?delegations=2#queue-meetings"' in response.content.decode()  # back, keeping the other
    for nonsense in ("0", "-3", "x", "99999999999"):
        assert client.get(url, {"delegations": nonsense}).status_code == 200


def test_the_queue_holds_what_waiting_for_holds_and_the_home_page_counts_it(client, people, tree):
    submitted_delegations(tree.vinh, QUEUE_PAGE + 2, tag="Đoàn Vinh")
    submitted_delegations(tree.nghe_an, 2, tag="Đoàn tỉnh")  # waits for VGCL, not for Nghệ An
    submitted_meetings(tree.ky_son, 3, tag="Tọa đàm Kỳ Sơn")
    login(client, people.na_leader)
    shown = []
    for page in (1, 2):
        shown += [
            d.pk
            for d in client.get(reverse("delegations:queue"), {"delegations": page}).context["delegations"]
        ]
    assert shown == [d.pk for d in selectors.delegation_queue(user=people.na_leader)]
    assert len(shown) == QUEUE_PAGE + 2
    assert len(selectors.meeting_queue(user=people.na_leader)) == 3
    # The home page's "waiting for my decision" counts both queues (up to its cap).
    panel = {s.name: s for s in my_work(user=people.na_leader, count_only=True)}
    assert panel["decide"].total == QUEUE_PAGE + 2 + 3
    assert waiting_for(user=people.na_officer, queryset=Meeting.objects.all()).count() == 0  # not a leader


def test_a_sibling_units_proposals_never_reach_the_queue_on_any_page(client, people, tree):
    hn_leader = make_user("hn_leader", (tree.ha_noi, Role.LEADER), full_name="Lãnh đạo Hà Nội")
    submitted_delegations(tree.vinh, QUEUE_PAGE + 2, tag="Đoàn Vinh")
    submitted_meetings(tree.ky_son, 2, tag="Tọa đàm Kỳ Sơn")
    login(client, hn_leader)
    for page in (1, 2, 3):
        response = client.get(reverse("delegations:queue"), {"delegations": page, "meetings": page})
        assert not list(response.context["delegations"]) and not list(response.context["meetings"])
        html = response.content.decode()
        assert "Đoàn Vinh" not in html and "Tọa đàm Kỳ Sơn" not in html
