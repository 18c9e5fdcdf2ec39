"""Period reports: prepared, frozen at submission, numbered, sent to the parent's leaders only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import make_user
from solidarity.core.choices import Action
from solidarity.periodic import services
from solidarity.periodic.choices import PeriodKind, ReportState
from solidarity.periodic.models import DocumentNumber
from solidarity.reports.report import Report

from .helpers import at

pytestmark = pytest.mark.django_db
ANNUAL = PeriodKind.ANNUAL


def written(report, by, **fields):
    fields = {"results": "Duy trì hợp tác với Xiêng Khoảng.", **fields}
    return services.periodic_update(report=report, by=by, expected_version=report.version, **fields)


def prepared(unit, by, year=2025, kind=ANNUAL):
    return written(services.periodic_prepare(by=by, unit=unit, kind=kind, year=year), by)


def test_preparing_twice_opens_the_same_draft(tree, people):
    first = services.periodic_prepare(by=people.na_officer, unit=tree.nghe_an, kind=ANNUAL, year=2025)
    again = services.periodic_prepare(by=people.na_officer, unit=tree.nghe_an, kind=ANNUAL, year=2025)
    assert first.pk == again.pk and first.state == ReportState.DRAFT
    assert first.period().start == datetime.date(2024, 12, 15)


def test_a_viewer_or_a_sibling_cannot_prepare_it(tree, people):
    for user in (people.na_viewer, people.hn_officer):
        with pytest.raises(PermissionDenied):
            services.periodic_prepare(by=user, unit=tree.nghe_an, kind=ANNUAL, year=2025)


def test_submitting_needs_the_results_written(tree, people):
    report = services.periodic_prepare(by=people.na_officer, unit=tree.nghe_an, kind=ANNUAL, year=2025)
    with pytest.raises(ValidationError):
        services.periodic_submit(report=report, by=people.na_officer)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and not report.number
    assert not DocumentNumber.objects.exists()  # the failed submission took no number


def test_submission_freezes_the_figures_and_later_changes_do_not_reach_them(tree, people, figures):
    """GIVEN Nghệ An's draft while its records add up to 6 outgoing delegations
    WHEN it is submitted, and afterwards the records change (now 3 times as many)
    THEN the submitted report still says 6; a re-submission after a return freezes the new figures."""
    report = prepared(tree.nghe_an, people.na_officer)
    report = services.periodic_submit(report=report, by=people.na_officer)
    assert report.state == ReportState.SUBMITTED
    assert Report.from_data(report.figures).figure("delegations_out").value == 6
    figures.scale = 3
    report.refresh_from_db()
    assert Report.from_data(report.figures).figure("delegations_out").value == 6
    services.periodic_return(report=report, by=people.vgcl_leader, comment="Bổ sung số liệu hỗ trợ.")
    report = services.periodic_submit(report=report, by=people.na_officer)
    assert Report.from_data(report.figures).figure("delegations_out").value == 18


def test_numbers_run_01_02_per_unit_and_year_and_stay_on_resubmission(tree, people):
    with at(datetime.date(2025, 6, 16)):
        half = services.periodic_submit(
            report=prepared(tree.nghe_an, people.na_officer, kind=PeriodKind.HALF_YEAR), by=people.na_officer
        )
    with at(datetime.date(2025, 12, 16)):
        annual = services.periodic_submit(
            report=prepared(tree.nghe_an, people.na_officer), by=people.na_officer
        )
        other = services.periodic_submit(
            report=prepared(tree.ha_noi, people.hn_officer), by=people.hn_officer
        )
    assert (half.number, annual.number) == ("01/BC-LĐLĐ", "02/BC-LĐLĐ")
    assert other.number == "01/BC-LĐLĐ"  # each unit has its own register
    services.periodic_return(report=annual, by=people.vgcl_leader, comment="Sửa lại phần kiến nghị.")
    annual = services.periodic_submit(report=annual, by=people.na_officer)
    assert annual.number == "02/BC-LĐLĐ"
    with at(datetime.date(2026, 1, 5)):
        next_year = services.periodic_submit(
            report=prepared(tree.nghe_an, people.na_officer, year=2026, kind=PeriodKind.HALF_YEAR),
            by=people.na_officer,
        )
    assert next_year.number == "01/BC-LĐLĐ"  # a new year, a new register


def test_a_return_needs_a_comment(tree, people):
    report = services.periodic_submit(report=prepared(tree.nghe_an, people.na_officer), by=people.na_officer)
    with pytest.raises(ValidationError):
        services.periodic_return(report=report, by=people.vgcl_leader, comment="  ")
    report = services.periodic_return(report=report, by=people.vgcl_leader, comment="Thiếu phần khó khăn.")
    assert report.state == ReportState.RETURNED
    written(report, people.na_officer, difficulties="Cán bộ kiêm nhiệm.")  # editable again


def test_only_the_parents_leaders_accept_even_when_the_unit_approves_its_own(tree, people):
    tree.nghe_an.approves_own = True
    tree.nghe_an.save()
    report = services.periodic_submit(report=prepared(tree.nghe_an, people.na_officer), by=people.na_officer)
    for user in (people.na_leader, people.na_admin, people.na_officer, people.hn_officer):
        with pytest.raises(PermissionDenied):
            services.periodic_accept(report=report, by=user)
    report = services.periodic_accept(report=report, by=people.vgcl_leader)
    assert report.state == ReportState.ACCEPTED
    assert report.get_state_display() == "Accepted"


def test_a_district_reports_to_its_province_not_to_the_top(tree, people):
    ks_officer = make_user("ks_officer", (tree.ky_son, Role.OFFICER))
    report = services.periodic_submit(report=prepared(tree.ky_son, ks_officer), by=ks_officer)
    with pytest.raises(PermissionDenied):
        services.periodic_accept(report=report, by=people.vgcl_leader)
    assert services.periodic_accept(report=report, by=people.na_leader).state == ReportState.ACCEPTED


def test_a_submitted_report_cannot_be_edited_until_returned(tree, people):
    report = services.periodic_submit(report=prepared(tree.nghe_an, people.na_officer), by=people.na_officer)
    with pytest.raises(ValidationError):
        written(report, people.na_officer, results="Đổi sau khi nộp.")


def test_withdrawing_takes_a_submitted_report_back_but_not_an_accepted_one(tree, people):
    report = services.periodic_submit(report=prepared(tree.nghe_an, people.na_officer), by=people.na_officer)
    report = services.periodic_withdraw(report=report, by=people.na_officer, comment="Bổ sung số liệu.")
    assert report.state == ReportState.DRAFT
    report = services.periodic_submit(report=report, by=people.na_officer)
    report = services.periodic_accept(report=report, by=people.vgcl_leader)
    with pytest.raises(ValidationError):
        services.periodic_withdraw(report=report, by=people.na_officer, comment="Muốn sửa.")


def test_the_parent_quotes_a_childs_submitted_text(tree, people):
    ks_officer = make_user("ks_officer", (tree.ky_son, Role.OFFICER))
    child = prepared(tree.ky_son, ks_officer)
    child = written(child, ks_officer, proposals="Đề nghị tập huấn ngoại ngữ cho cán bộ.")
    mine = services.periodic_prepare(by=people.na_officer, unit=tree.nghe_an, kind=ANNUAL, year=2025)
    with pytest.raises(ValidationError):  # a draft is not quotable
        services.periodic_quote(report=mine, source=child, field="proposals", by=people.na_officer)
    child = services.periodic_submit(report=child, by=ks_officer)
    mine = services.periodic_quote(report=mine, source=child, field="proposals", by=people.na_officer)
    assert mine.proposals == "LĐLĐ Kỳ Sơn: Đề nghị tập huấn ngoại ngữ cho cán bộ."
    sibling = prepared(tree.ha_noi, people.hn_officer)
    sibling = services.periodic_submit(report=sibling, by=people.hn_officer)
    with pytest.raises(ValidationError):  # not a unit below Nghệ An
        services.periodic_quote(report=mine, source=sibling, field="results", by=people.na_officer)


def test_the_workflow_events_name_each_step(tree, people):
    from solidarity.records.workflow import workflow_events

    report = services.periodic_submit(report=prepared(tree.nghe_an, people.na_officer), by=people.na_officer)
    services.periodic_accept(report=report, by=people.vgcl_leader, comment="Đã tiếp nhận.")
    steps = [(e.action, e.by.username) for e in workflow_events(report).order_by("at", "pk")]
    assert steps == [(Action.SUBMIT, "na_officer"), (Action.APPROVE, "vgcl_leader")]


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_the_same_moment_never_share_a_number(tree, people):
    """GIVEN two reports of Nghệ An, and no register row for the year yet
    WHEN both are submitted at the same moment from two connections
    THEN the register hands out 01 and 02 (the row is locked in each submission's transaction)."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers anyway; two connections at once are a PostgreSQL matter")
    reports = [
        prepared(tree.nghe_an, people.na_officer, kind=PeriodKind.HALF_YEAR),
        prepared(tree.nghe_an, people.na_officer),
    ]
    barrier = threading.Barrier(len(reports))
    numbers, errors = [], []

    def submit(report):
        try:
            barrier.wait()
            numbers.append(services.periodic_submit(report=report, by=people.na_officer).number)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(report,)) for report in reports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == ["01/BC-LĐLĐ", "02/BC-LĐLĐ"]
    assert DocumentNumber.objects.get(unit=tree.nghe_an).last == 2
