"""The calendar in a real browser (demo data): the month grid on a desk, the week, a list by day on a
phone, and the feed page's copy and reset buttons under the Content-Security-Policy."""

import pytest

from solidarity.agenda.models import CalendarFeed
from solidarity.demo.loader import load_demo
from tests.browser import ARTIFACTS, MARKS

pytestmark = MARKS
SHOTS = ARTIFACTS / "calendar"
PASSWORD = "demo12345"
VISIT = "Đoàn Liên đoàn Lao động tỉnh Nghệ An thăm, làm việc tại tỉnh Xiêng Khoảng năm 2025"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def demo(settings):
    settings.LANGUAGE_CODE = "vi"
    load_demo(password=PASSWORD)


def test_the_month_the_week_and_the_phone_list_show_the_2025_visit(live_server, page_factory, demo):
    """GIVEN the demo WHEN Nghệ An's officer opens the calendar from the user menu and goes to June 2025
    THEN the visit to Xiêng Khoảng fills 16 to 19 June in the month and the week; on a phone, a list."""
    page = page_factory(viewport=(1366, 900))
    sign_in(page, live_server, "nghean.canbo")
    page.click(".nav-user")
    page.click("[data-testid=nav-calendar]")
    page.wait_for_selector("[data-testid=calendar-grid]")
    page.goto(f"{live_server.url}/calendar/?month=2025-06")
    for day in range(16, 20):
        assert VISIT in page.inner_text(f"[data-testid=calendar-grid] td[data-date='2025-06-{day}']")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    shot(page, "1-month-1366")
    page.click("[data-testid=cal-next]")
    page.wait_for_url("**/calendar/?month=2025-07")
    page.click("[data-testid=cal-previous]")
    page.wait_for_url("**/calendar/?month=2025-06")
    page.click("a:has-text('Tuần')")
    page.wait_for_url("**week=2025-W22")  # the week of 1 June
    page.goto(f"{live_server.url}/calendar/?week=2025-W25")
    assert VISIT in page.inner_text("[data-testid=calendar-grid] td[data-date='2025-06-17']")
    shot(page, "2-week-1366")
    # Filter: only incoming delegations; the outgoing visit is gone and the filter stays on the links.
    page.check("input[name=kind][value=incoming]")
    page.click("[data-testid=calendar-filters] button[type=submit]")
    page.wait_for_url("**kind=incoming**")
    assert VISIT not in page.inner_text("[data-testid=calendar-grid]")
    assert "kind=incoming" in page.get_attribute("[data-testid=cal-next]", "href")

    phone = page_factory(viewport=(390, 844))
    sign_in(phone, live_server, "nghean.canbo")
    phone.goto(f"{live_server.url}/calendar/?month=2025-06")
    assert not phone.is_visible("[data-testid=calendar-grid]")
    assert not phone.is_visible("[data-testid=calendar-filters]")  # folded away behind a button
    phone.click("[data-testid=calendar-filters-toggle]")
    phone.wait_for_selector("[data-testid=calendar-filters].collapse.show")  # opened, not opening
    phone.click("[data-testid=calendar-filters-toggle]")
    phone.wait_for_selector("[data-testid=calendar-filters]", state="hidden")
    assert VISIT in phone.inner_text("[data-testid=calendar-list] section[data-date='2025-06-16']")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "3-month-phone-390")


def test_the_feed_page_copies_and_resets_the_address(live_server, page_factory, demo):
    page = page_factory(viewport=(1366, 900))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(page, live_server, "nghean.canbo")
    page.goto(f"{live_server.url}/calendar/feed/")
    page.click("[data-testid=feed-create]")
    first = page.input_value("[data-testid=feed-url]")
    assert first.startswith(live_server.url + "/calendar/feed/") and first.endswith(".ics")
    page.click("[data-copy]")
    page.wait_for_selector("[data-copy]:has-text('Đã sao chép')")
    assert page.evaluate("navigator.clipboard.readText()") == first
    shot(page, "4-feed")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-testid=feed-reset]")
    assert page.input_value("[data-testid=feed-url]") == first  # dismissed: nothing changed
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=feed-reset]")
    page.wait_for_selector(".alert-success")
    second = page.input_value("[data-testid=feed-url]")
    assert second != first and CalendarFeed.objects.get(user__username="nghean.canbo").token in second
    response = page.request.get(first)
    assert response.status == 404
    response = page.request.get(second)
    assert response.status == 200 and "BEGIN:VCALENDAR" in response.text()
