"""Sponsorship projects: who sees and changes them, money in foreign currency, reports to the donor,
linked activities, and lists that do not grow their queries with their rows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.meetings.models import Meeting
from solidarity.sponsorship import services
from solidarity.sponsorship.models import Disbursement, DonorReport, Project

from .conftest import make_project

pytestmark = pytest.mark.django_db


def project_form(unit, donor, project=None, **changes):
    data = {
        "owner_unit": unit.pk,
        "title": "Dự án EI: công đoàn giáo dục",
        "donor": donor.pk,
        "partner": "",
        "objectives": "Tập huấn 500 cán bộ công đoàn cơ sở",
        "start_on": "01/01/2025",
        "end_on": "31/12/2026",
        "status": "approved",
        "currency": "USD",
        "budget_amount": "50000",
        "budget_rate": "25400",
        "version": project.version if project else "",
    }
    return data | changes


def test_anonymous_users_are_sent_to_sign_in(client, na_project):
    for url in [reverse("sponsorship:list"), na_project.get_absolute_url(), reverse("sponsorship:create")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("persona", "detail", "edit"),
    [
        ("outsider", 404, 404),
        ("hn_officer", 404, 404),
        ("vinh_officer", 404, 404),
        ("na_viewer", 200, 403),
        ("na_officer", 200, 200),
        ("vgcl_leader", 200, 200),
    ],
)
def test_who_sees_and_edits_nghe_an_projects(client, people, na_project, persona, detail, edit):
    client.force_login(getattr(people, persona))
    assert client.get(na_project.get_absolute_url()).status_code == detail
    assert client.get(reverse("sponsorship:edit", args=[na_project.pk])).status_code == edit
    money = client.post(
        reverse("sponsorship:disbursement_add", args=[na_project.pk]),
        {"money-received_on": "01/05/2024", "money-currency": "VND", "money-amount": "5000000"},
    )
    assert money.status_code == {200: 302, 403: 403, 404: 404}[edit]
    archive = client.post(reverse("sponsorship:archive", args=[na_project.pk]))
    assert archive.status_code == {200: 302, 403: 403, 404: 404}[edit]


def test_a_sibling_never_sees_projects_in_the_list_search_filters_or_totals(
    client, people, tree, na_project, hn_project, ei
):
    client.force_login(people.hn_officer)
    for query in [
        "",
        "?q=an toàn",
        f"?donor={ei.pk}",
        "?country=BE",
        f"?unit={tree.nghe_an.pk}",
        "?overdue=1",
    ]:
        page = client.get(reverse("sponsorship:list") + query).content.decode()
        assert "an toàn trường học" not in page and "246.505.000" not in page, query
    page = client.get(reverse("sponsorship:list")).content.decode()
    assert "việc làm bền vững" in page and "999.000.000 ₫" in page
    client.force_login(people.na_viewer)
    page = client.get(reverse("sponsorship:list") + "?q=an toàn").content.decode()
    assert "an toàn trường học" in page and "246.505.000 ₫" in page and "việc làm bền vững" not in page


def test_a_level_above_sees_its_projects_and_those_below(client, people, na_project, hn_project):
    client.force_login(people.vgcl_leader)
    response = client.get(reverse("sponsorship:list"))
    assert {p.pk for p in response.context["page_obj"]} == {na_project.pk, hn_project.pk}
    assert response.context["received"]["total"] == 246_505_000 + 999_000_000


def test_an_officer_creates_a_project_in_dollars_valued_in_dong(client, people, tree, ei):
    client.force_login(people.na_officer)
    response = client.post(reverse("sponsorship:create"), project_form(tree.nghe_an, ei))
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.budget_vnd == 1_270_000_000 and project.currency == "USD"
    assert project.created_by == people.na_officer and project.status == "approved"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"budget_rate": ""}, "budget_rate", "Give the exchange rate"),
        ({"currency": "VND", "budget_rate": "", "budget_amount": "1500.5"}, "budget_amount", "whole đồng"),
        ({"end_on": "01/01/2024"}, "end_on", "before the start date"),
        ({"budget_amount": "-5"}, "budget_amount", ""),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    client, people, tree, ei, changes, field, message
):
    client.force_login(people.na_officer)
    response = client.post(reverse("sponsorship:create"), project_form(tree.nghe_an, ei, **changes))
    assert response.status_code == 200 and not Project.objects.exists()
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])


def test_a_project_cannot_be_recorded_for_a_sibling_unit(people, tree, ei):
    with pytest.raises(Exception) as refused:
        make_project(people.na_officer, tree.ha_noi, ei)
    assert "PermissionDenied" in type(refused.value).__name__ and not Project.objects.exists()


def test_two_edits_of_one_project_conflict(client, people, tree, ei, na_project):
    client.force_login(people.na_officer)
    stale = project_form(tree.nghe_an, ei, na_project, title="Tên mới")
    services.project_update(
        project=na_project,
        by=people.na_leader,
        expected_version=na_project.version,
        **{name: getattr(na_project, name) for name in services.PROJECT_FIELDS if name != "owner_unit"}
        | {"status": "closed"},
    )
    response = client.post(reverse("sponsorship:edit", args=[na_project.pk]), stale)
    assert response.status_code == 409
    assert Project.objects.get().title != "Tên mới"


def test_money_received_in_dollars_is_valued_at_the_rate_of_the_day(client, people, na_project):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("sponsorship:disbursement_add", args=[na_project.pk]),
        {
            "money-received_on": "10/09/2024",
            "money-currency": "USD",
            "money-amount": "5000.25",
            "money-rate": "25310",
            "money-note": "Đợt 2",
        },
    )
    assert response.status_code == 302
    second = Disbursement.objects.get(note="Đợt 2")
    assert second.amount_vnd == 126_556_328  # 5000.25 × 25310 = 126.556.327,5 → rounded half up
    na_project.refresh_from_db()
    assert na_project.received_vnd == 246_505_000 + 126_556_328


def test_money_in_a_foreign_currency_needs_its_rate(client, people, na_project):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("sponsorship:disbursement_add", args=[na_project.pk]),
        {
            "money-received_on": "10/09/2024",
            "money-currency": "USD",
            "money-amount": "5000",
            "money-rate": "",
        },
    )
    assert response.status_code == 400
    assert "Give the exchange rate" in response.content.decode()
    assert Disbursement.objects.count() == 1


def test_reversing_a_disbursement_takes_it_off_the_total_and_keeps_both_lines(client, people, na_project):
    client.force_login(people.na_officer)
    line = na_project.disbursements.get()
    url = reverse("sponsorship:disbursement_reverse", args=[na_project.pk, line.pk])
    refused = client.post(url, {"received_on": "02/05/2024", "note": ""}, follow=True)
    assert "say why" in refused.content.decode() and Disbursement.objects.count() == 1
    response = client.post(url, {"received_on": "02/05/2024", "note": "Nhập trùng"})
    assert response.status_code == 302
    na_project.refresh_from_db()
    assert na_project.received_vnd == 0 and Disbursement.objects.count() == 2
    page = client.get(na_project.get_absolute_url()).content.decode()
    assert "reverses the entry of" in page and "Nhập trùng" in page


def test_a_sibling_cannot_reverse_money_of_a_project_it_does_not_see(client, people, na_project):
    client.force_login(people.hn_officer)
    line = na_project.disbursements.get()
    url = reverse("sponsorship:disbursement_reverse", args=[na_project.pk, line.pk])
    assert client.post(url, {"received_on": "02/05/2024", "note": "x"}).status_code == 404
    assert Disbursement.objects.count() == 1


def test_an_overdue_report_to_the_donor_is_visible_on_the_page_and_in_the_list(client, people, na_project):
    DonorReport.objects.create(project=na_project, title="Báo cáo 6 tháng", due_on=datetime.date(2024, 7, 31))
    DonorReport.objects.create(project=na_project, title="Báo cáo cuối kỳ", due_on=datetime.date(2030, 1, 31))
    client.force_login(people.na_viewer)
    page = client.get(na_project.get_absolute_url()).content.decode()
    assert page.count("Overdue") == 1
    listed = client.get(reverse("sponsorship:list") + "?overdue=1")
    assert [p.pk for p in listed.context["page_obj"]] == [na_project.pk]
    assert "Report overdue" in listed.content.decode()


def test_a_submitted_report_is_no_longer_overdue(client, people, na_project):
    report = DonorReport.objects.create(
        project=na_project, title="Báo cáo", due_on=datetime.date(2024, 7, 31)
    )
    client.force_login(people.na_officer)
    response = client.post(
        reverse("sponsorship:report_submitted", args=[na_project.pk, report.pk]),
        {"submitted_on": "05/08/2024"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.submitted_on == datetime.date(2024, 8, 5) and not report.is_overdue()
    listed = client.get(reverse("sponsorship:list") + "?overdue=1")
    assert list(listed.context["page_obj"]) == []


def test_an_officer_adds_a_report_deadline(client, people, na_project):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("sponsorship:report_add", args=[na_project.pk]),
        {"report-title": "Báo cáo tài chính năm", "report-due_on": "31/01/2025"},
    )
    assert response.status_code == 302
    assert na_project.donor_reports.get().due_on == datetime.date(2025, 1, 31)


def _meeting(unit, title):
    return Meeting.objects.create(
        owner_unit=unit,
        title=title,
        kind="conference",
        start_on=datetime.date(2024, 5, 6),
        end_on=datetime.date(2024, 5, 7),
    )


def test_only_activities_the_user_sees_can_be_linked(client, people, tree, na_project):
    ours = _meeting(tree.ky_son, "Hội thảo an toàn trường học Kỳ Sơn")
    theirs = _meeting(tree.ha_noi, "Hội thảo Hà Nội")
    client.force_login(people.na_officer)
    url = reverse("sponsorship:link_add", args=[na_project.pk])
    assert client.post(url, {"link-meeting": theirs.pk}).status_code == 400
    assert client.post(url, {"link-meeting": ours.pk}).status_code == 302
    assert list(na_project.meetings.all()) == [ours]
    page = client.get(na_project.get_absolute_url()).content.decode()
    assert "Hội thảo an toàn trường học Kỳ Sơn" in page
    client.post(reverse("sponsorship:link_remove", args=[na_project.pk, "meeting", ours.pk]))
    assert not na_project.meetings.exists()


def test_the_list_reads_a_page_in_the_same_queries_whatever_its_rows(
    client, people, tree, ei, ilo, django_assert_max_num_queries
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("sponsorship:list")).status_code == 200
        return len(captured)

    first = make_project(people.na_officer, tree.nghe_an, ei)
    # Some money from the start: the breakdown by donor then names its donors (one query for all).
    services.disbursement_add(
        project=first, by=people.na_officer, received_on=datetime.date(2024, 4, 1), amount=10, currency="VND"
    )
    client.force_login(people.vgcl_leader)
    few = queries()
    for index in range(12):
        project = make_project(
            people.na_officer, tree.ky_son, ilo if index % 2 else ei, title=f"Dự án {index}"
        )
        services.disbursement_add(
            project=project,
            by=people.na_officer,
            received_on=datetime.date(2024, 5, 1),
            amount=Decimal(1000),
            currency="VND",
        )
        DonorReport.objects.create(project=project, title="Báo cáo", due_on=datetime.date(2024, 1, 1))
    assert queries() == few
    with django_assert_max_num_queries(few):
        client.get(reverse("sponsorship:list") + "?received_from=01/01/2024&overdue=1&q=dự")


def test_the_detail_page_reads_in_the_same_queries_whatever_its_lines(client, people, tree, na_project):
    client.force_login(people.na_officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(na_project.get_absolute_url()).status_code == 200
        return len(captured)

    few = queries()
    for day in range(1, 9):
        services.disbursement_add(
            project=na_project,
            by=people.na_officer,
            received_on=datetime.date(2024, 6, day),
            amount=Decimal(100),
            currency="VND",
        )
        DonorReport.objects.create(
            project=na_project, title=f"Báo cáo {day}", due_on=datetime.date(2024, 7, day)
        )
        na_project.meetings.add(_meeting(tree.nghe_an, f"Hội thảo {day}"))
    assert queries() <= few + 2  # the first meeting adds its list's read; nothing per line


def test_archiving_and_restoring_a_project(client, people, na_project):
    client.force_login(people.na_officer)
    client.post(reverse("sponsorship:archive", args=[na_project.pk]))
    assert Project.objects.get().is_archived
    listed = client.get(reverse("sponsorship:list"))
    assert list(listed.context["page_obj"]) == []
    money = client.post(
        reverse("sponsorship:disbursement_add", args=[na_project.pk]),
        {"money-received_on": "01/05/2024", "money-currency": "VND", "money-amount": "5000000"},
    )
    assert money.status_code == 400 and Disbursement.objects.count() == 1
    client.post(reverse("sponsorship:archive", args=[na_project.pk]), {"restore": "1"})
    assert not Project.objects.get().is_archived


def test_the_history_tells_who_added_money(client, people, na_project):
    client.force_login(people.na_viewer)
    response = client.get(na_project.get_absolute_url())
    assert response.status_code == 200 and response.context["history"]
