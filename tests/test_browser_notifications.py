"""The bell and the notifications list in a real browser, on the demo (issue 13's "done when").

Mường Xén's officer finds the delegation Nghệ An's leaders returned on their bell and in their mail;
Nghệ An's leader is reminded 40 days before the hosted conference; laptop and phone."""

import datetime

import pytest
from django.core import mail

from solidarity.accounts.testing import PASSWORD
from solidarity.demo.loader import load_demo
from solidarity.notifications.reminders import run_reminders
from tests.browser import ARTIFACTS, MARKS, sign_in

pytestmark = MARKS
SHOTS = ARTIFACTS / "notifications"
DEMO_TODAY = datetime.date(2026, 11, 30)  # the demo's conference starts 40 days after it


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.fixture
def demo(settings):
    settings.LANGUAGE_CODE = "vi"
    load_demo(password=PASSWORD)
    run_reminders(DEMO_TODAY)


def test_the_returned_delegation_on_the_bell_and_in_the_mail_and_the_conference_reminder(
    live_server, page_factory, demo
):
    """
    GIVEN the demo, where Nghệ An's leader returned Mường Xén's delegation to Noọng Hét
    WHEN muongxen.canbo signs in
    THEN the bell shows 1 unread, the list shows the returned delegation with the leader's comment,
     opening it marks it read and leads to the delegation; and the mail reached them, in Vietnamese
    """
    returned_mail = [m for m in mail.outbox if m.to == ["muongxen.canbo@demo.congdoan.vn"]]
    assert len(returned_mail) == 1
    assert "Đã trả lại để chỉnh sửa" in returned_mail[0].subject
    assert "Mường Xén" in returned_mail[0].subject and "/delegations/" in returned_mail[0].body

    page = page_factory(viewport=(1366, 768))
    sign_in(page, live_server, "muongxen.canbo")
    page.wait_for_selector("[data-testid=bell-count]")
    assert page.inner_text("[data-testid=bell-count]") == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    shot(page, "1-bell-officer-1366")
    page.click("[data-testid=bell]")
    page.wait_for_selector("[data-testid=notification-list]")
    item = page.locator("[data-testid=notification]").first
    assert "Noọng Hét" in item.inner_text() and "Đề nghị bổ sung danh sách thành viên" in item.inner_text()
    shot(page, "2-list-officer-1366")
    item.locator("form[action$='/open/'] button").click()
    page.wait_for_url("**/delegations/**")
    page.wait_for_load_state("networkidle")  # the bell's count has come (or not)
    assert page.locator("[data-testid=bell-count]").count() == 0

    # Nghệ An's leader: the conference of 9 January 2027 needs its approval filed now.
    phone = page_factory(viewport=(390, 844))
    sign_in(phone, live_server, "nghean.lanhdao")
    phone.wait_for_selector("[data-testid=bell-count]")
    assert phone.locator("[data-testid=bell]").is_visible()  # outside the folded menu
    shot(phone, "3-bell-leader-390")
    phone.click("[data-testid=bell]")
    phone.wait_for_selector("[data-testid=notification-list]")
    text = phone.inner_text("[data-testid=notification-list]")
    assert "Hội nghị tổng kết hợp tác" in text and "40 ngày" in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "4-list-leader-390")
    phone.click("[data-testid=read-all]")
    phone.wait_for_selector("[data-testid=notification-list]")
    assert phone.locator(".notification-unread").count() == 0
    phone.goto(f"{live_server.url}/notifications/settings/")
    shot(phone, "5-preferences-390")
