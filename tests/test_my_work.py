"""My work: each user's drafts, returns, proposals, decisions, reports owed and commitments.

Only what the permission rule lets them see (never a sibling unit's), a fixed number of
queries whatever the rows, and the menus offering only what the user's roles can use.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from solidarity.agreements.models import Commitment
from solidarity.core.choices import Action, ApprovalState
from solidarity.core.models import WorkflowEvent
from solidarity.delegations.models import Delegation
from solidarity.home.mywork import my_work
from solidarity.meetings.models import Meeting
from solidarity.periodic.models import PeriodicReport
from solidarity.plans.models import Plan

pytestmark = pytest.mark.django_db
S = ApprovalState


def delegation(unit, state=S.DRAFT, *, by=None, title=None, end_days_ago=-30):
    end = timezone.localdate() - datetime.timedelta(days=end_days_ago)
    return Delegation.objects.create(
        owner_unit=unit,
        direction="outgoing",
        title=title or f"Đoàn {unit.code} {state}",
        start_on=end - datetime.timedelta(days=5),
        end_on=end,
        state=state,
        created_by=by,
    )


def submitted_by(record, user):
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        action=Action.SUBMIT,
        from_state=S.DRAFT,
        to_state=S.SUBMITTED,
        by=user,
    )


def sections(user):
    return {section.name: section for section in my_work(user=user)}


def titles(section):
    return [item.title for item in section.items]


def test_my_drafts_are_the_drafts_i_created(tree, people):
    delegation(tree.nghe_an, by=people.na_officer, title="Đoàn của tôi")
    delegation(tree.nghe_an, by=people.na_leader, title="Đoàn của lãnh đạo")
    delegation(tree.nghe_an, S.SUBMITTED, by=people.na_officer, title="Đã trình")
    Plan.objects.create(owner_unit=tree.nghe_an, year=2026, created_by=people.na_officer)
    assert titles(sections(people.na_officer)["drafts"]) == ["Plan 2026 of LĐLĐ Nghệ An", "Đoàn của tôi"]


def test_returned_to_me_is_what_i_created_or_submitted_and_may_still_edit(tree, people):
    delegation(tree.nghe_an, S.RETURNED, by=people.na_officer, title="Tôi lập")
    colleagues = delegation(tree.nghe_an, S.RETURNED, by=people.na_leader, title="Tôi trình")
    submitted_by(colleagues, people.na_officer)
    delegation(tree.nghe_an, S.RETURNED, by=people.na_leader, title="Không liên quan")
    assert sorted(titles(sections(people.na_officer)["returned"])) == ["Tôi lập", "Tôi trình"]
    # A viewer edits nothing: no list of returns, even for what they once created.
    delegation(tree.nghe_an, S.RETURNED, by=people.na_viewer, title="Người xem lập")
    assert "returned" not in sections(people.na_viewer)


def test_my_proposals_waiting_for_approval(tree, people):
    mine = delegation(tree.nghe_an, S.SUBMITTED, by=people.na_officer, title="Chờ duyệt")
    meeting = Meeting.objects.create(
        owner_unit=tree.nghe_an,
        kind="conference",
        title="Hội nghị quốc tế tại Vinh",
        start_on=timezone.localdate() + datetime.timedelta(days=90),
        hosted=True,
        is_international=True,
        state=S.SUBMITTED,
    )
    submitted_by(meeting, people.na_officer)
    delegation(tree.nghe_an, S.APPROVED, by=people.na_officer, title="Đã duyệt")
    assert sorted(titles(sections(people.na_officer)["submitted"])) == sorted([str(mine), str(meeting)])


def test_only_leaders_have_a_decision_list_and_it_holds_their_queue(tree, people):
    delegation(tree.vinh, S.SUBMITTED, title="Đoàn Vinh Phú")
    Plan.objects.create(owner_unit=tree.ky_son, year=2026, state=S.SUBMITTED)
    tree.nghe_an.approves_own = True  # delegations, not plans or period reports: those go up
    tree.nghe_an.save()
    PeriodicReport.objects.create(owner_unit=tree.nghe_an, kind="annual_report", year=2025, state=S.SUBMITTED)
    assert "decide" not in sections(people.na_officer)
    assert "decide" not in sections(people.na_viewer)
    leader = sections(people.na_leader)["decide"]
    assert sorted(titles(leader)) == ["Plan 2026 of LĐLĐ Kỳ Sơn", "Đoàn Vinh Phú"]
    assert [str(item.title) for item in sections(people.vgcl_leader)["decide"].items] == [
        str(PeriodicReport.objects.get())
    ]


def test_reports_i_owe_are_my_own_units_with_their_deadline(tree, people, settings):
    settings.DELEGATION_REPORT_DAYS = 15
    delegation(tree.nghe_an, S.CARRIED_OUT, title="Đoàn về đã lâu", end_days_ago=40)
    delegation(tree.nghe_an, S.APPROVED, title="Đoàn sắp về", end_days_ago=5)
    delegation(tree.vinh, S.CARRIED_OUT, title="Đoàn của phường", end_days_ago=40)
    delegation(tree.ha_noi, S.CARRIED_OUT, title="Đoàn Hà Nội", end_days_ago=40)
    owed = sections(people.na_officer)["owed"]
    reports = [item for item in owed.items if item.title.startswith("Đoàn")]
    assert [(item.title, item.overdue) for item in reports] == [
        ("Đoàn về đã lâu", True),
        ("Đoàn sắp về", False),
    ]
    assert [item.title for item in sections(people.vinh_officer)["owed"].items if "Đoàn" in item.title] == [
        "Đoàn của phường"
    ]
    assert list(sections(people.na_viewer)) == ["commitments"]  # a viewer owes nothing


def test_a_period_report_already_sent_is_not_owed(tree, people):
    from solidarity.deadlines.selectors import period_report_dues

    today = timezone.localdate()
    kind, year, _day = period_report_dues(today - datetime.timedelta(days=300), today)[-1]
    owed = [i.title for i in sections(people.na_officer)["owed"].items if i.kind == "Period report due"]
    assert any(str(year) in title for title in owed)
    PeriodicReport.objects.create(owner_unit=tree.nghe_an, kind=kind, year=year, state=S.SUBMITTED)
    again = [i.title for i in sections(people.na_officer)["owed"].items if i.kind == "Period report due"]
    assert len(again) == len(owed) - 1


def test_commitments_my_units_are_responsible_for(tree, people):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    Commitment.objects.create(owner_unit=tree.nghe_an, description="Đón đoàn Lào", due_on=soon)
    Commitment.objects.create(
        owner_unit=tree.nghe_an, responsible_unit=tree.vinh, description="Phường làm", due_on=soon
    )
    Commitment.objects.create(owner_unit=tree.ha_noi, description="Hà Nội làm", due_on=soon)
    assert titles(sections(people.na_officer)["commitments"]) == ["Đón đoàn Lào"]
    assert titles(sections(people.na_viewer)["commitments"]) == ["Đón đoàn Lào"]


def test_nothing_of_a_sibling_unit_appears_in_my_work(tree, people, settings):
    settings.DELEGATION_REPORT_DAYS = 15
    for state in (S.DRAFT, S.RETURNED, S.SUBMITTED):
        delegation(tree.ha_noi, state, by=people.na_officer, title=f"Hà Nội {state}")
    delegation(tree.ha_noi, S.CARRIED_OUT, by=people.na_officer, title="Hà Nội về", end_days_ago=40)
    Commitment.objects.create(
        owner_unit=tree.ha_noi,
        responsible_unit=tree.nghe_an,
        description="Hà Nội giao",
        due_on=timezone.localdate(),
    )
    for user in (people.na_officer, people.na_leader, people.na_viewer):
        for section in my_work(user=user):
            assert not any("Hà Nội" in item.title for item in section.items), (user, section.name)
    client_page = _page(people.na_officer)
    assert "Hà Nội" not in client_page


def _page(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.get(reverse("my_work"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lists_the_first_few_and_says_there_are_more(tree, people):
    for n in range(7):
        delegation(tree.nghe_an, by=people.na_officer, title=f"Nháp {n}")
    drafts = sections(people.na_officer)["drafts"]
    assert len(drafts.items) == 5 and drafts.more and drafts.shown == "5+"
    page = _page(people.na_officer)
    assert 'data-testid="section-drafts"' in page
    assert reverse("delegations:list") + "?state=draft" in page


def test_the_page_costs_the_same_queries_for_one_row_as_for_many(client, tree, people, settings):
    settings.DELEGATION_REPORT_DAYS = 15
    client.force_login(people.na_leader)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("my_work")).status_code == 200
        return len(captured)

    delegation(tree.vinh, S.SUBMITTED, by=people.vinh_officer)
    few = queries()
    for n in range(12):
        delegation(tree.nghe_an, S.DRAFT, by=people.na_leader, title=f"Nháp {n}")
        delegation(tree.nghe_an, S.RETURNED, by=people.na_leader, title=f"Trả {n}")
        delegation(tree.vinh, S.SUBMITTED, by=people.vinh_officer, title=f"Trình {n}")
        delegation(tree.nghe_an, S.CARRIED_OUT, title=f"Về {n}", end_days_ago=40)
        Commitment.objects.create(
            owner_unit=tree.nghe_an, description=f"Cam kết {n}", due_on=timezone.localdate()
        )
    assert queries() == few
    assert few <= 40


def test_the_home_panel_costs_the_same_queries_for_one_row_as_for_many(client, tree, people):
    client.force_login(people.na_leader)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("home")).content.decode()
        return len(captured), page

    queries()  # the first request fills the caches (content types, the user's roles)
    few, _page_text = queries()
    for n in range(8):
        delegation(tree.nghe_an, S.DRAFT, by=people.na_leader, title=f"Nháp {n}")
        delegation(tree.vinh, S.SUBMITTED, by=people.vinh_officer, title=f"Trình {n}")
    many, page = queries()
    assert many == few
    # The panel counts what it does not read: eight drafts, not "5+".
    assert 'data-testid="panel-drafts"' in page and ">8<" in page


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("my_work"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_home_page_summarises_my_work(client, tree, people):
    delegation(tree.nghe_an, S.RETURNED, by=people.na_officer, title="Trả lại")
    client.force_login(people.na_officer)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="my-work-panel"' in page
    assert 'data-testid="panel-returned"' in page
    assert 'data-testid="panel-decide"' not in page  # an officer decides nothing


# -- the leaders' queue button and the menus: only what the user's roles can use ----------------


def test_the_decision_button_shows_for_leaders_only_with_their_count(client, tree, people):
    delegation(tree.vinh, S.SUBMITTED)
    delegation(tree.ky_son, S.SUBMITTED)
    for user in (people.na_officer, people.na_viewer):
        client.force_login(user)
        assert 'data-testid="queue-button"' not in client.get(reverse("delegations:list")).content.decode()
    client.force_login(people.na_leader)
    page = client.get(reverse("delegations:list")).content.decode()
    assert 'data-testid="queue-button"' in page
    assert 'Waiting for my decision <span class="badge text-bg-warning">2</span>' in page


def href(name):
    return f'href="{reverse(name)}"'


def test_a_viewer_is_offered_nothing_to_create_import_or_administer(client, tree, people):
    client.force_login(people.na_viewer)
    for name in ("delegations:list", "meetings:list", "agreements:list", "partners:list", "home"):
        page = client.get(reverse(name)).content.decode()
        assert "+ New" not in page, name
        assert href("imports:index") not in page, name
        assert href("accounts:user_list") not in page, name
        assert href("privacy:requests") not in page, name
        assert href("my_work") in page, name


def test_an_officer_may_create_and_import_but_not_administer(client, tree, people):
    client.force_login(people.na_officer)
    page = client.get(reverse("delegations:list")).content.decode()
    assert "+ New delegation" in page
    assert href("imports:index") in page
    assert href("accounts:user_list") not in page
    assert href("privacy_admin:index") not in page


def test_an_administrator_manages_users_and_answers_data_requests(client, tree, people):
    client.force_login(people.na_admin)
    page = client.get(reverse("home")).content.decode()
    assert href("accounts:user_list") in page
    assert href("privacy:requests") in page
