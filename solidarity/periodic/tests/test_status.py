"""Where each child stands for a period, the reporting rate, and the whole tree by level."""

import datetime

import pytest

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import add_child, make_user
from solidarity.periodic import selectors, services
from solidarity.periodic.choices import PeriodKind, ReportingStatus
from solidarity.units.choices import UnitKind, UnitLevel

from .helpers import at

pytestmark = pytest.mark.django_db
ANNUAL = PeriodKind.ANNUAL
S = ReportingStatus
# Annual period 2025: 15/12/2024 - 14/12/2025, due 20/12/2025 (PERIODIC_REPORT_DUE_DAYS = 6).
BEFORE_DUE = datetime.date(2025, 12, 18)
AFTER_DUE = datetime.date(2026, 1, 10)


def submitted_on(day, unit, by):
    report = services.periodic_prepare(by=by, unit=unit, kind=ANNUAL, year=2025)
    report = services.periodic_update(
        report=report, by=by, expected_version=report.version, results="Kết quả."
    )
    with at(day):
        return services.periodic_submit(report=report, by=by)


@pytest.fixture
def sector(tree):
    """A fourth child of VGCL, and a fifth that ended before the period began (not expected)."""
    add_child(
        tree.vgcl,
        name="Công đoàn Nông nghiệp",
        code="CDNN",
        level=UnitLevel.PROVINCE_SECTOR,
        kind=UnitKind.SECTORAL_UNION,
    )
    return add_child(
        tree.vgcl,
        name="Công đoàn đã giải thể",
        code="OLD",
        level=UnitLevel.PROVINCE_SECTOR,
        kind=UnitKind.SECTORAL_UNION,
        valid_to=datetime.date(2024, 7, 1),
    )


def test_the_due_date_follows_the_setting(settings):
    period = selectors.period_of(ANNUAL, 2025)
    assert selectors.due_date(period) == datetime.date(2025, 12, 20)
    settings.PERIODIC_REPORT_DUE_DAYS = 30
    assert selectors.due_date(period) == datetime.date(2026, 1, 13)


def test_the_latest_periods_are_the_ended_ones():
    assert selectors.latest_periods(datetime.date(2026, 1, 10)) == [
        (ANNUAL, 2025),
        (PeriodKind.HALF_YEAR, 2025),
    ]
    assert selectors.latest_periods(datetime.date(2025, 7, 1)) == [
        (PeriodKind.HALF_YEAR, 2025),
        (ANNUAL, 2024),
    ]


def test_each_child_has_its_status_and_the_rate_counts_what_reached_the_level_above(tree, people, sector):
    """GIVEN VGCL's children for the 2025 annual period: Nghệ An on time then accepted, Hà Nội late,
    the education union returned, the agriculture union nothing, a union dissolved in 2024
    THEN before the due date the one with nothing is "not started"; after it, "missing";
    the rate is 2 of 4 expected (accepted and late; the returned one waits for corrections)."""
    na = submitted_on(datetime.date(2025, 12, 16), tree.nghe_an, people.na_officer)
    services.periodic_accept(report=na, by=people.vgcl_leader)
    submitted_on(datetime.date(2025, 12, 28), tree.ha_noi, people.hn_officer)
    edu_officer = make_user("edu_officer", (tree.education, Role.OFFICER))
    edu = submitted_on(datetime.date(2025, 12, 19), tree.education, edu_officer)
    services.periodic_return(report=edu, by=people.vgcl_leader, comment="Thiếu số liệu.")

    status = selectors.children_status(
        unit=tree.vgcl,
        kind=ANNUAL,
        year=2025,
        today=AFTER_DUE,
        children=selectors.expected_children(unit=tree.vgcl, period=selectors.period_of(ANNUAL, 2025)),
    )
    by_code = {row.unit.code: row.status for row in status.rows}
    assert by_code == {"NA": S.ACCEPTED, "HN": S.LATE, "CDGD": S.RETURNED, "CDNN": S.MISSING}
    counts = status.counts
    assert (
        counts.expected,
        counts.accepted,
        counts.late,
        counts.on_time,
        counts.returned,
        counts.missing,
    ) == (4, 1, 1, 0, 1, 1)
    assert counts.rate == 50

    before = selectors.children_status(
        unit=tree.vgcl,
        kind=ANNUAL,
        year=2025,
        today=BEFORE_DUE,
        children=[tree.ha_noi.__class__.objects.get(code="CDNN")],
    )
    assert before.rows[0].status == S.NOT_STARTED
    assert before.counts.missing == 0


def test_a_draft_is_draft_before_the_due_date_and_missing_after(tree, people):
    report = services.periodic_prepare(by=people.na_officer, unit=tree.nghe_an, kind=ANNUAL, year=2025)
    period = report.period()
    assert selectors.status_of(report, period=period, today=BEFORE_DUE) == S.DRAFT
    assert selectors.status_of(report, period=period, today=AFTER_DUE) == S.MISSING
    assert selectors.status_of(None, period=period, today=BEFORE_DUE) == S.NOT_STARTED


def test_lateness_is_judged_by_the_first_submission(tree, people):
    report = submitted_on(datetime.date(2025, 12, 20), tree.nghe_an, people.na_officer)  # the due day itself
    period = report.period()
    assert selectors.status_of(report, period=period, today=AFTER_DUE) == S.ON_TIME
    services.periodic_return(report=report, by=people.vgcl_leader, comment="Bổ sung.")
    with at(datetime.date(2026, 1, 5)):
        report = services.periodic_submit(report=report, by=people.na_officer)
    assert selectors.status_of(report, period=period, today=AFTER_DUE) == S.ON_TIME
    late = submitted_on(datetime.date(2025, 12, 21), tree.ha_noi, people.hn_officer)
    assert selectors.status_of(late, period=period, today=AFTER_DUE) == S.LATE


def test_the_whole_tree_by_level_in_two_queries(tree, people, sector, django_assert_max_num_queries):
    submitted_on(datetime.date(2025, 12, 16), tree.nghe_an, people.na_officer)
    ks_officer = make_user("ks_officer", (tree.ky_son, Role.OFFICER))
    ks = submitted_on(datetime.date(2026, 1, 2), tree.ky_son, ks_officer)
    services.periodic_accept(report=ks, by=people.na_leader)
    with django_assert_max_num_queries(2):
        levels = selectors.tree_status(kind=ANNUAL, year=2025, today=AFTER_DUE)
    by_level = {row.level: row.counts for row in levels}
    province = by_level[UnitLevel.PROVINCE_SECTOR]
    assert (province.expected, province.on_time, province.missing, province.rate) == (4, 1, 3, 25)
    district = by_level[UnitLevel.INTERMEDIATE]
    assert (district.expected, district.accepted, district.missing) == (2, 1, 1)
    assert by_level[UnitLevel.GRASSROOTS].expected == 1


def test_the_home_panel_counts_as_the_status_page_in_three_queries(
    tree, people, django_assert_max_num_queries
):
    from solidarity.accounts.models import Membership

    submitted_on(datetime.date(2025, 12, 16), tree.nghe_an, people.na_officer)
    submitted_on(datetime.date(2025, 12, 28), tree.ha_noi, people.hn_officer)
    memberships = list(Membership.objects.filter(user=people.vgcl_leader).select_related("unit"))
    with django_assert_max_num_queries(3):
        panel = selectors.home_reporting(user=people.vgcl_leader, today=AFTER_DUE, memberships=memberships)
    annual = next(line for line in panel["lines"] if line.kind == ANNUAL)
    page = selectors.children_status(unit=tree.vgcl, kind=ANNUAL, year=2025, today=AFTER_DUE).counts
    assert annual.children == page
    assert (annual.children.on_time, annual.children.late, annual.children.missing) == (1, 1, 1)
    mine = selectors.home_reporting(user=people.na_officer, today=AFTER_DUE)
    own = next(line for line in mine["lines"] if line.kind == ANNUAL)
    assert own.own_status == S.ON_TIME
