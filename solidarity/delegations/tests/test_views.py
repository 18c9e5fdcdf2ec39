"""Delegation pages: scope, roles, forms, the workflow over HTTP, the queue."""

import datetime

import pytest
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.delegations.models import Cost, Delegation, Member
from solidarity.delegations.selectors import overdue_reports
from solidarity.records.workflow import ApprovalState, workflow_events

from .factories import add_member, complete, make_delegation

pytestmark = pytest.mark.django_db
S = ApprovalState


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def na_delegation(tree):
    delegation = make_delegation(tree.nghe_an, title="Đoàn Nghệ An thăm Xiêng Khoảng")
    add_member(delegation, "Kha Văn Tám", tree.nghe_an, key=True, role="head")
    return delegation


def form_data(delegation=None, **changes):
    data = {
        "direction": "outgoing",
        "title": "Đoàn công tác Lào 2025",
        "purpose": "Làm việc với LHCĐ Xiêng Khoảng",
        "countries": ["LA"],
        "cities": "Phônsavẳn",
        "start_on": "10/03/2025",
        "end_on": "15/03/2025",
        "out_of_plan_reason": "Lời mời đột xuất",
    }
    if delegation is not None:
        data["version"] = delegation.version
    data.update(changes)
    return data


def test_anonymous_users_are_sent_to_sign_in(client, na_delegation):
    for url in [
        reverse("delegations:list"),
        reverse("delegations:queue"),
        na_delegation.get_absolute_url(),
        reverse("delegations:create"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("persona", ["hn_officer", "outsider"])
def test_a_sibling_unit_never_sees_a_delegation(client, people, na_delegation, persona):
    login(client, getattr(people, persona))
    assert "Xiêng Khoảng" not in client.get(reverse("delegations:list")).content.decode()
    assert client.get(na_delegation.get_absolute_url()).status_code == 404
    assert client.get(reverse("delegations:edit", args=[na_delegation.pk])).status_code == 404
    assert client.post(reverse("delegations:act", args=[na_delegation.pk, "submit"])).status_code == 404
    na_delegation.state = S.SUBMITTED
    na_delegation.save()
    assert "Xiêng Khoảng" not in client.get(reverse("delegations:queue")).content.decode()


@pytest.mark.parametrize("persona", ["na_viewer", "na_officer", "vgcl_leader", "superuser"])
def test_the_unit_and_levels_above_see_it(client, people, na_delegation, persona):
    login(client, getattr(people, persona))
    assert "Xiêng Khoảng" in client.get(reverse("delegations:list")).content.decode()
    page = client.get(na_delegation.get_absolute_url()).content.decode()
    assert "Kha Văn Tám" in page


def test_a_viewer_cannot_change_anything(client, people, na_delegation):
    login(client, people.na_viewer)
    assert client.get(reverse("delegations:edit", args=[na_delegation.pk])).status_code == 403
    assert (
        client.post(
            reverse("delegations:edit", args=[na_delegation.pk]), form_data(na_delegation)
        ).status_code
        == 403
    )
    assert client.post(reverse("delegations:act", args=[na_delegation.pk, "submit"])).status_code == 403
    assert (
        client.post(
            reverse("delegations:member_add", args=[na_delegation.pk]), {"member-full_name": "X"}
        ).status_code
        == 403
    )
    assert client.post(reverse("delegations:archive", args=[na_delegation.pk])).status_code == 403
    assert client.get(reverse("delegations:create")).status_code == 403
    na_delegation.refresh_from_db()
    assert na_delegation.state == S.DRAFT and na_delegation.members.count() == 1


def test_an_officer_creates_a_draft(client, people, tree):
    login(client, people.na_officer)
    response = client.post(reverse("delegations:create"), form_data(owner_unit=tree.nghe_an.pk))
    delegation = Delegation.objects.get()
    assert response.status_code == 302 and response.url == delegation.get_absolute_url()
    assert delegation.owner_unit == tree.nghe_an and delegation.state == S.DRAFT
    assert delegation.created_by == people.na_officer
    assert [c.code for c in delegation.countries] == ["LA"]
    assert delegation.start_on == datetime.date(2025, 3, 10)


def test_bad_input_saves_nothing(client, people, tree):
    login(client, people.na_officer)
    response = client.post(
        reverse("delegations:create"),
        form_data(owner_unit=tree.nghe_an.pk, end_on="01/03/2025", in_plan="", out_of_plan_reason=""),
    )
    assert response.status_code == 200 and not Delegation.objects.exists()
    form = response.context["form"]
    assert "end_on" in form.errors and "out_of_plan_reason" in form.errors
    assert form.data["title"] == "Đoàn công tác Lào 2025"  # the user's input is kept


def test_an_officer_cannot_create_for_a_sibling_unit(client, people, tree):
    login(client, people.na_officer)
    response = client.post(reverse("delegations:create"), form_data(owner_unit=tree.ha_noi.pk))
    assert response.status_code == 200 and not Delegation.objects.exists()


def test_an_officer_edits_a_draft_and_the_history_shows_it(client, people, na_delegation):
    login(client, people.na_officer)
    response = client.post(
        reverse("delegations:edit", args=[na_delegation.pk]), form_data(na_delegation, title="Đoàn sửa tên")
    )
    assert response.status_code == 302
    na_delegation.refresh_from_db()
    assert na_delegation.title == "Đoàn sửa tên" and na_delegation.version == 2
    page = client.get(na_delegation.get_absolute_url()).content.decode()
    assert "Đoàn sửa tên" in page and people.na_officer.display_name in page


def test_editing_is_refused_once_submitted(client, people, na_delegation):
    na_delegation.state = S.SUBMITTED
    na_delegation.save()
    login(client, people.na_officer)
    response = client.get(reverse("delegations:edit", args=[na_delegation.pk]), follow=True)
    assert response.redirect_chain[-1][0] == na_delegation.get_absolute_url()
    assert "nothing on it can change until they return it" in response.content.decode()
    client.post(reverse("delegations:edit", args=[na_delegation.pk]), form_data(na_delegation, title="Khác"))
    na_delegation.refresh_from_db()
    assert na_delegation.title != "Khác"


def test_a_version_conflict_is_refused_with_the_changes_shown(client, people, na_delegation):
    login(client, people.na_officer)
    stale = form_data(na_delegation, title="Bản của tôi")
    client.post(
        reverse("delegations:edit", args=[na_delegation.pk]), form_data(na_delegation, title="Bản trước")
    )
    response = client.post(reverse("delegations:edit", args=[na_delegation.pk]), stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bản trước" in page and "Bản của tôi" in page
    assert response.context["form"]["version"].value() == "2"  # the input again, on version 2
    assert Delegation.objects.get(pk=na_delegation.pk).title == "Bản trước"


def test_archive_and_restore(client, people, na_delegation):
    login(client, people.na_officer)
    client.post(reverse("delegations:archive", args=[na_delegation.pk]))
    na_delegation.refresh_from_db()
    assert na_delegation.is_archived
    assert "Xiêng Khoảng" not in client.get(reverse("delegations:list")).content.decode()
    assert "Xiêng Khoảng" in client.get(reverse("delegations:list") + "?archived=1").content.decode()
    client.post(reverse("delegations:archive", args=[na_delegation.pk]), {"restore": "1"})
    na_delegation.refresh_from_db()
    assert not na_delegation.is_archived


def test_members_programme_and_costs_are_added_on_the_detail_page(client, people, tree, na_delegation):
    login(client, people.na_officer)
    url = na_delegation.get_absolute_url()
    client.post(
        reverse("delegations:member_add", args=[na_delegation.pk]),
        {
            "member-full_name": "Lê Thị Hoa",
            "member-unit": tree.ky_son.pk,
            "member-title": "Phó Chủ tịch",
            "member-role": "member",
        },
    )
    client.post(
        reverse("delegations:programme_add", args=[na_delegation.pk]),
        {"programme-day": "11/03/2025", "programme-place": "Phônsavẳn", "programme-activity": "Hội đàm"},
    )
    client.post(
        reverse("delegations:cost_add", args=[na_delegation.pk]),
        {
            "cost-kind": "estimated",
            "cost-source": "union_budget",
            "cost-currency": "VND",
            "cost-amount": "50000000",
        },
    )
    client.post(
        reverse("delegations:cost_add", args=[na_delegation.pk]),
        {
            "cost-kind": "estimated",
            "cost-source": "partner",
            "cost-currency": "USD",
            "cost-amount": "400",
            "cost-amount_vnd": "10000000",
        },
    )
    page = client.get(url).content.decode()
    assert "Lê Thị Hoa" in page and "Hội đàm" in page
    assert "60.000.000 ₫" in page  # estimated total
    assert na_delegation.members.count() == 2 and na_delegation.costs.count() == 2
    member = Member.objects.get(full_name="Lê Thị Hoa")
    client.post(reverse("delegations:member_remove", args=[na_delegation.pk, member.pk]))
    assert na_delegation.members.count() == 1


def test_a_bad_cost_is_shown_with_its_error_and_not_saved(client, people, na_delegation):
    login(client, people.na_officer)
    response = client.post(
        reverse("delegations:cost_add", args=[na_delegation.pk]),
        {"cost-kind": "estimated", "cost-source": "partner", "cost-currency": "USD", "cost-amount": "400"},
    )
    assert response.status_code == 200 and "amount_vnd" in response.context["cost_form"].errors
    assert not Cost.objects.exists()


def test_the_person_count_uses_the_planned_count_until_members_are_known(client, people, tree):
    delegation = make_delegation(tree.nghe_an, planned_count=6)
    login(client, people.na_officer)
    response = client.get(delegation.get_absolute_url())
    assert response.context["person_count"] == 6
    add_member(delegation, "Kha Văn Tám", tree.nghe_an)
    assert client.get(delegation.get_absolute_url()).context["person_count"] == 1


def test_the_whole_workflow_over_http(client, people, na_delegation):
    """
    GIVEN a Nghệ An draft with a member
    WHEN the officer submits, the Nghệ An leader tries to approve, the VGCL leader approves,
     the officer marks it carried out and files the report, and the VGCL leader closes it
    THEN the Nghệ An leader gets 403, every other step is taken and is on the timeline
    """
    complete(na_delegation)
    act = lambda action: reverse("delegations:act", args=[na_delegation.pk, action])  # noqa: E731
    login(client, people.na_officer)
    assert client.get(act("submit")).status_code == 200
    assert client.post(act("submit"), {"comment": ""}).status_code == 302
    client.logout()
    login(client, people.na_leader)
    assert client.post(act("approve"), {"comment": ""}).status_code == 403
    client.logout()
    login(client, people.vgcl_leader)
    assert "Đoàn Nghệ An" in client.get(reverse("delegations:queue")).content.decode()
    response = client.post(act("return"), {"comment": ""})
    assert response.status_code == 200 and "comment" in response.context["form"].errors
    assert client.post(act("approve"), {"comment": "Đồng ý"}).status_code == 302
    assert "Đoàn Nghệ An" not in client.get(reverse("delegations:queue")).content.decode()
    client.logout()
    login(client, people.na_officer)
    response = client.post(act("file_report"), {"report_text": "Kết quả"}, follow=True)
    assert "cannot be done" in response.content.decode()
    client.post(act("carry_out"))
    response = client.post(act("file_report"), {"report_text": ""})
    assert "report_text" in response.context["form"].errors
    client.post(act("file_report"), {"report_text": "Hai bên thống nhất nội dung năm 2026"})
    client.logout()
    login(client, people.vgcl_leader)
    client.post(act("close"))
    na_delegation.refresh_from_db()
    assert na_delegation.state == S.CLOSED
    assert [(e.action, e.by) for e in workflow_events(na_delegation)] == [
        ("submit", people.na_officer),
        ("approve", people.vgcl_leader),
        ("carry_out", people.na_officer),
        ("file_report", people.na_officer),
        ("close", people.vgcl_leader),
    ]
    page = client.get(na_delegation.get_absolute_url()).content.decode()
    assert "Đồng ý" in page and "Hai bên thống nhất" in page


def test_an_unknown_action_is_not_found(client, people, na_delegation):
    login(client, people.na_officer)
    assert client.get(reverse("delegations:act", args=[na_delegation.pk, "explode"])).status_code == 404


def test_the_wrong_leader_is_refused_the_confirmation_page(client, people, na_delegation):
    na_delegation.state = S.SUBMITTED
    na_delegation.save()
    login(client, people.na_leader)
    assert client.get(reverse("delegations:act", args=[na_delegation.pk, "approve"])).status_code == 403


def test_the_rule_warnings_show_on_the_detail_and_submit_pages(client, people, tree, na_delegation):
    add_member(na_delegation, "Phó Chủ tịch Nghệ An", tree.nghe_an, key=True)
    complete(na_delegation)
    login(client, people.na_officer)
    for url in [
        na_delegation.get_absolute_url(),
        reverse("delegations:act", args=[na_delegation.pk, "submit"]),
    ]:
        page = client.get(url).content.decode()
        assert 'data-testid="rule-warnings"' in page and "Phó Chủ tịch Nghệ An" in page
    # Warnings never block.
    client.post(reverse("delegations:act", args=[na_delegation.pk, "submit"]))
    na_delegation.refresh_from_db()
    assert na_delegation.state == S.SUBMITTED


def test_the_queue_of_a_leader_holds_what_waits_for_them(client, people, tree):
    make_delegation(tree.nghe_an, state=S.SUBMITTED, title="Đoàn của tỉnh")
    make_delegation(tree.vinh, state=S.SUBMITTED, title="Đoàn của phường")
    make_delegation(tree.nghe_an, state=S.DRAFT, title="Đoàn nháp")
    login(client, people.na_leader)
    page = client.get(reverse("delegations:queue")).content.decode()
    assert "Đoàn của phường" in page and "Đoàn của tỉnh" not in page and "Đoàn nháp" not in page
    client.logout()
    login(client, people.vgcl_leader)
    page = client.get(reverse("delegations:queue")).content.decode()
    assert "Đoàn của tỉnh" in page and "Đoàn nháp" not in page


def test_the_queue_lists_hosted_international_meetings_waiting(client, people, tree):
    from solidarity.meetings.models import Meeting

    Meeting.objects.create(
        owner_unit=tree.nghe_an,
        kind="seminar",
        title="Tọa đàm Việt – Lào",
        hosted=True,
        is_international=True,
        start_on=datetime.date(2025, 7, 29),
        state=S.SUBMITTED,
    )
    login(client, people.vgcl_leader)
    assert "Tọa đàm Việt – Lào" in client.get(reverse("delegations:queue")).content.decode()
    client.logout()
    login(client, people.hn_officer)
    assert "Tọa đàm Việt – Lào" not in client.get(reverse("delegations:queue")).content.decode()


def test_overdue_reports_are_flagged(client, people, tree, settings):
    settings.DELEGATION_REPORT_DAYS = 15
    today = datetime.date.today()
    late = make_delegation(
        tree.nghe_an,
        state=S.CARRIED_OUT,
        start=today - datetime.timedelta(days=30),
        days=5,
        title="Đoàn trễ báo cáo",
    )
    make_delegation(
        tree.nghe_an,
        state=S.CARRIED_OUT,
        start=today - datetime.timedelta(days=10),
        days=2,
        title="Đoàn còn hạn",
    )
    make_delegation(
        tree.nghe_an,
        state=S.REPORTED,
        start=today - datetime.timedelta(days=60),
        days=2,
        title="Đoàn đã báo cáo",
    )
    assert list(overdue_reports(user=people.na_officer)) == [late]
    assert list(overdue_reports(user=people.hn_officer)) == []
    login(client, people.na_officer)
    page = client.get(reverse("delegations:list")).content.decode()
    assert page.count("text-bg-danger") == 1
    page = client.get(reverse("delegations:list") + "?overdue=true").content.decode()
    assert "Đoàn trễ báo cáo" in page and "Đoàn còn hạn" not in page
    assert "Report overdue" in client.get(late.get_absolute_url()).content.decode() or "hạn" in page
    settings.DELEGATION_REPORT_DAYS = 40
    assert list(overdue_reports(user=people.na_officer)) == []


def test_the_list_filters_by_direction_unit_country_and_text(client, people, tree):
    make_delegation(tree.ky_son, title="Đoàn Kỳ Sơn sang Noọng Hét")
    make_delegation(
        tree.nghe_an, title="Đoàn Xiêng Khoảng thăm Nghệ An", direction="incoming", countries=["LA"]
    )
    make_delegation(tree.nghe_an, title="Đoàn sang Thái Lan", countries=["TH"])
    login(client, people.na_officer)

    def titles(query):
        return [d.title for d in client.get(reverse("delegations:list") + query).context["page_obj"]]

    assert titles(f"?unit={tree.ky_son.pk}") == ["Đoàn Kỳ Sơn sang Noọng Hét"]
    assert titles("?direction=incoming") == ["Đoàn Xiêng Khoảng thăm Nghệ An"]
    assert titles("?country=TH") == ["Đoàn sang Thái Lan"]
    assert titles("?q=noong het") == ["Đoàn Kỳ Sơn sang Noọng Hét"]
    assert titles("?start_from=01/01/2026") == []
    assert len(titles("?ordering=title")) == 3


def _rows(tree, n, state=S.DRAFT):
    for i in range(n):
        delegation = make_delegation(tree.nghe_an, state=state, title=f"Đoàn {i}")
        add_member(delegation, f"Người {i}", tree.nghe_an)
        add_member(delegation, f"Người khác {i}", tree.ky_son)


@pytest.mark.parametrize(
    "url_name,state", [("delegations:list", S.DRAFT), ("delegations:queue", S.SUBMITTED)]
)
def test_the_list_and_queue_do_not_issue_a_query_per_row(
    client, people, tree, django_assert_max_num_queries, url_name, state
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, people.vgcl_leader)
    _rows(tree, 3, state)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name)).status_code == 200
    _rows(tree, 9, state)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url_name))
    assert response.content.decode().count("Đoàn ") >= 12


def test_the_admin_lists_delegations_for_superusers(client, people, na_delegation):
    client.force_login(people.superuser)
    assert client.get(reverse("admin:delegations_delegation_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:delegations_delegation_change", args=[na_delegation.pk])).status_code == 200
    )


def test_the_report_is_filed_with_a_file_attached(client, people, tree, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from solidarity.records.attachments import attachments_of

    settings.MEDIA_ROOT = tmp_path
    delegation = make_delegation(tree.nghe_an, state=S.CARRIED_OUT)
    login(client, people.na_officer)
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%report\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        reverse("delegations:act", args=[delegation.pk, "file_report"]),
        {"report_text": "Báo cáo kết quả chuyến đi", "file": upload},
    )
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.state == S.REPORTED and delegation.report_filed_on == datetime.date.today()
    assert [a.original_name for a in attachments_of(delegation)] == ["bao-cao.pdf"]


def test_a_refused_report_file_files_nothing(client, people, tree, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    delegation = make_delegation(tree.nghe_an, state=S.CARRIED_OUT)
    login(client, people.na_officer)
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(
        reverse("delegations:act", args=[delegation.pk, "file_report"]),
        {"report_text": "Báo cáo", "file": upload},
    )
    assert "file" in response.context["form"].errors
    assert response.context["form"]["report_text"].value() == "Báo cáo"
    delegation.refresh_from_db()
    assert delegation.state == S.CARRIED_OUT and delegation.report_text == ""
