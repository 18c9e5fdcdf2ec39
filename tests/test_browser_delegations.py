"""Real-browser test of a delegation's whole life: draft, submit, approve, carry out, report.

Headless Debian Chromium driven by Playwright; screenshots land in test-artifacts/.
"""

import datetime

from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def add_member(page, name, title, role, key_leader=False):
    page.click("#add-member summary")
    page.fill("#id_member-full_name", name)
    page.fill("#id_member-title", title)
    page.select_option("#id_member-role", role)
    if key_leader:
        page.check("#id_member-is_key_leader")
    page.click("form[action$='/members/'] button[type=submit]")
    page.wait_for_selector(f"[data-testid=members] >> text={name}")


def test_a_nghe_an_delegation_is_drafted_submitted_approved_by_vgcl_carried_out_and_reported(
    live_server, people, tree, page_factory
):
    """
    GIVEN the Nghệ An officer and a VGCL leader (Nghệ An's approver is the level above)
    WHEN the officer drafts an outgoing delegation (past dates) with two members and submits it,
     the VGCL leader finds it in the queue and approves it,
     and the officer marks it carried out and files the post-trip report
    THEN the detail page's timeline and history show submit, approve, carry out and report,
     each with the right person
    """
    start = datetime.date.today() - datetime.timedelta(days=20)
    end = start + datetime.timedelta(days=4)
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)

    page.goto(f"{live_server.url}/delegations/new/")
    assert page.locator("#id_owner_unit option:checked").inner_text() == tree.nghe_an.name
    page.select_option("#id_direction", "outgoing")
    page.fill("#id_title", "Đoàn LĐLĐ Nghệ An thăm LHCĐ Xiêng Khoảng")
    page.fill("#id_purpose", "Trao đổi kinh nghiệm phát triển đoàn viên trong doanh nghiệp tư nhân.")
    page.select_option("#id_countries", ["LA"])
    page.fill("#id_cities", "Phônsavẳn")
    page.fill("#id_start_on", start.strftime("%d/%m/%Y"))
    page.fill("#id_end_on", end.strftime("%d/%m/%Y"))
    page.fill("#id_out_of_plan_reason", "Lời mời đột xuất của bạn.")
    shot(page, "delegation-01-draft-form")
    page.click("main button.btn-primary[type=submit]")
    page.wait_for_url("**/delegations/*/")
    detail_url = page.url

    add_member(page, "Kha Văn Tám", "Chủ tịch LĐLĐ tỉnh", "head", key_leader=True)
    add_member(page, "Nguyễn Thị Lan", "Cán bộ Ban Quốc tế", "interpreter")
    assert page.inner_text("[data-testid=person-count]").startswith("2")
    # Submission needs the whole proposal: the page lists what is still missing.
    assert "programme" in page.inner_text("[data-testid=missing]")
    page.click("#add-programme summary")
    page.fill("#id_programme-day", start.strftime("%d/%m/%Y"))
    page.fill("#id_programme-activity", "Hội đàm với LHCĐ tỉnh Xiêng Khoảng.")
    page.click("form[action$='/programme/'] button[type=submit]")
    page.wait_for_selector("#programme + ul >> text=Hội đàm")
    page.click("#add-cost summary")
    page.select_option("#id_cost-kind", "estimated")
    page.select_option("#id_cost-source", "union_budget")
    page.fill("#id_cost-amount", "45000000")
    page.click("form[action$='/costs/'] button[type=submit]")
    page.wait_for_selector("[data-testid=estimated-total] >> text=45.000.000")
    assert page.locator("[data-testid=missing]").count() == 0
    shot(page, "delegation-02-draft-with-members")

    page.click("a:has-text('…') >> nth=0")  # "Submit for approval…"
    page.wait_for_url("**/act/submit/")
    shot(page, "delegation-03-submit-confirmation")
    page.click("main form button.btn-primary[type=submit]")
    page.wait_for_url(detail_url)
    assert page.locator("[data-testid=workflow-timeline] li").count() == 1
    assert page.locator("a[href$='/edit/']").count() == 0  # no longer editable

    leader = page_factory()
    sign_in(leader, live_server, people.vgcl_leader.username)
    leader.goto(f"{live_server.url}/delegations/queue/")
    leader.click("[data-testid=queue-delegations] >> text=Đoàn LĐLĐ Nghệ An thăm LHCĐ Xiêng Khoảng")
    shot(leader, "delegation-04-queue-and-detail-for-vgcl-leader")
    leader.fill("#id_comment", "Đồng ý cho đoàn đi.")
    leader.click("button[value=approve]")
    leader.wait_for_url(detail_url)
    leader.goto(f"{live_server.url}/delegations/queue/")
    assert "Xiêng Khoảng" not in leader.inner_text("[data-testid=queue-delegations]")

    page.goto(detail_url)
    page.click("button[value=carry_out]")
    page.wait_for_url(detail_url)
    page.click("a[href$='/act/file_report/']")
    page.wait_for_url("**/act/file_report/")
    page.fill(
        "#id_report_text", "Hai bên thống nhất nội dung hợp tác năm 2026 và gặp gỡ giữa Kỳ Sơn và Noọng Hét."
    )
    shot(page, "delegation-05-report-form")
    page.click("main form button.btn-primary[type=submit]")
    page.wait_for_url(detail_url)
    shot(page, "delegation-06-reported-with-timeline")

    timeline = page.inner_text("[data-testid=workflow-timeline]")
    officer, vgcl = people.na_officer.display_name, people.vgcl_leader.display_name
    rows = [row.inner_text() for row in page.locator("[data-testid=workflow-timeline] li").all()]
    assert len(rows) == 4, timeline
    for row, who in zip(rows, [officer, vgcl, officer, officer], strict=True):
        assert who in row
    assert "Đồng ý cho đoàn đi." in timeline
    assert "Hai bên thống nhất" in page.inner_text("[data-testid=report]")
    history = page.inner_text("h2:has-text('History') + ol, h2:has-text('Lịch sử') + ol")
    assert officer in history and vgcl in history

    phone = page_factory(viewport=(390, 844))
    sign_in(phone, live_server, people.na_officer.username)
    for name, path in [("list", "/delegations/"), ("detail", detail_url.removeprefix(live_server.url))]:
        phone.goto(f"{live_server.url}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways on a phone ({width}px)"
        shot(phone, f"delegation-phone-{name}")
