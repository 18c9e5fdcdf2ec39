"""Deadlines: each kind on its day, only in the user's scope, the limit, a unit's subtree."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.agreements.models import Agreement, Commitment
from solidarity.core.choices import ApprovalState
from solidarity.deadlines.selectors import DeadlineKind, deadlines_between, period_report_dues
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def records(tree):
    return {
        "trip": Delegation.objects.create(
            owner_unit=tree.ky_son,
            direction="outgoing",
            title="Đoàn Kỳ Sơn sang Xiêng Khoảng",
            start_on=D(2025, 3, 1),
            end_on=D(2025, 3, 5),
            state=ApprovalState.APPROVED,
        ),
        "reported": Delegation.objects.create(
            owner_unit=tree.ky_son,
            direction="outgoing",
            title="Đoàn đã báo cáo",
            start_on=D(2025, 3, 1),
            end_on=D(2025, 3, 5),
            state=ApprovalState.REPORTED,
        ),
        "hn_trip": Delegation.objects.create(
            owner_unit=tree.ha_noi,
            direction="outgoing",
            title="Đoàn Hà Nội",
            start_on=D(2025, 3, 1),
            end_on=D(2025, 3, 5),
            state=ApprovalState.APPROVED,
        ),
        "commitment": Commitment.objects.create(
            owner_unit=tree.nghe_an, description="Đón đoàn Xiêng Khoảng", due_on=D(2025, 3, 10)
        ),
        "year_only": Commitment.objects.create(
            owner_unit=tree.nghe_an, description="Hỗ trợ máy tính", due_year=2025
        ),
        "done": Commitment.objects.create(
            owner_unit=tree.nghe_an, description="Đã xong", due_on=D(2025, 3, 10), status="done"
        ),
        "agreement": Agreement.objects.create(
            owner_unit=tree.nghe_an,
            title="Biên bản hợp tác Nghệ An – Xiêng Khoảng",
            agreement_type="cooperation_agreement",
            status="in_force",
            renewal_warning_on=D(2025, 3, 15),
        ),
        "conference": Meeting.objects.create(
            owner_unit=tree.nghe_an,
            kind="conference",
            title="Hội nghị quốc tế tại Vinh",
            start_on=D(2025, 4, 30),
            hosted=True,
            is_international=True,
        ),
        "attended": Meeting.objects.create(
            owner_unit=tree.nghe_an,
            kind="conference",
            title="Hội nghị ở nước ngoài",
            start_on=D(2025, 4, 30),
            hosted=False,
            is_international=True,
        ),
    }


def test_each_kind_falls_on_its_day(records, people, settings):
    settings.DELEGATION_REPORT_DAYS = 15
    found = deadlines_between(D(2025, 3, 1), D(2025, 3, 31), user=people.na_leader)
    by_key = {d.key: d for d in found.items}
    assert [(d.kind, d.on) for d in found.items] == [
        (DeadlineKind.COMMITMENT, D(2025, 3, 10)),
        (DeadlineKind.RENEWAL, D(2025, 3, 15)),
        (DeadlineKind.TRIP_REPORT, D(2025, 3, 20)),  # back on 5/3, report 15 days later
        (DeadlineKind.HOSTING_APPROVAL, D(2025, 3, 21)),  # 40 days before 30/4
    ]
    assert by_key[f"delegation:{records['trip'].pk}:2025-03-20"].record == records["trip"]
    assert (
        by_key[f"meeting:{records['conference'].pk}:2025-03-21"].url
        == records["conference"].get_absolute_url()
    )


def test_a_commitment_known_only_by_its_year_falls_due_on_its_last_day(records, people):
    found = deadlines_between(D(2025, 12, 1), D(2025, 12, 31), user=people.na_leader, kinds=["commitment"])
    assert [(d.kind, d.on, d.record) for d in found.items] == [
        (DeadlineKind.COMMITMENT, D(2025, 12, 31), records["year_only"])
    ]
    before = deadlines_between(D(2025, 1, 1), D(2025, 12, 30), user=people.na_leader, kinds=["commitment"])
    assert records["year_only"] not in {d.record for d in before.items}


def test_a_sibling_units_deadlines_are_never_seen(records, people):
    hn = deadlines_between(D(2025, 1, 1), D(2025, 12, 31), user=people.hn_officer)
    assert {d.record for d in hn.items if d.record} == {records["hn_trip"]}
    na = deadlines_between(D(2025, 1, 1), D(2025, 12, 31), user=people.na_leader)
    assert records["hn_trip"] not in {d.record for d in na.items}


def test_everywhere_for_the_job_and_one_subtree_for_a_filter(records, tree):
    everywhere = deadlines_between(D(2025, 3, 1), D(2025, 3, 31), kinds=[DeadlineKind.TRIP_REPORT])
    assert {d.record for d in everywhere.items} == {records["trip"], records["hn_trip"]}
    ky_son = deadlines_between(D(2025, 1, 1), D(2025, 12, 31), units=[tree.ky_son])
    assert {d.record for d in ky_son.items} == {records["trip"]}


def test_at_most_the_limit_of_a_kind_and_it_says_so(records, people):
    Commitment.objects.create(
        owner_unit=records["commitment"].owner_unit, description="Hai", due_on=D(2025, 3, 2)
    )
    found = deadlines_between(D(2025, 3, 1), D(2025, 3, 31), user=people.na_leader, limit=1)
    assert [d.on for d in found.items if d.kind == DeadlineKind.COMMITMENT] == [D(2025, 3, 2)]
    assert found.truncated == {DeadlineKind.COMMITMENT}


def test_period_reports_are_owed_by_units_below_the_top(records, people, tree, settings):
    settings.PERIODIC_REPORT_DUE_DAYS = 6
    dues = period_report_dues(D(2025, 1, 1), D(2025, 12, 31))
    assert dues, "a year holds the 6-month and annual due dates"
    first_kind, first_year, first_day = dues[0]
    found = deadlines_between(first_day, first_day, user=people.na_leader, kinds=[DeadlineKind.PERIOD_REPORT])
    assert [(d.unit, d.on) for d in found.items] == [(tree.nghe_an, first_day)]
    assert not deadlines_between(first_day, first_day, user=people.vgcl_leader, kinds=["period_report"]).items


def test_a_few_queries_whatever_the_number_of_records(records, people, tree):
    for i in range(20):
        Commitment.objects.create(owner_unit=tree.vinh, description=f"C{i}", due_on=D(2025, 3, 11))
    with CaptureQueriesContext(connection) as queries:
        found = deadlines_between(D(2025, 3, 1), D(2025, 3, 31), user=people.na_leader)
        [str(d.unit) for d in found.items]
    assert len(found.items) > 20
    assert len(queries) <= 8
