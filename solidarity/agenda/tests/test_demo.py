"""Issue 13's "done when": the calendar shows the 2025 visit to Xiêng Khoảng, and the feed lists it too."""

import datetime

import icalendar
import pytest
from django.db import transaction
from django.urls import reverse

from solidarity.accounts.models import User
from solidarity.agenda import views
from solidarity.agenda.services import feed_reset
from solidarity.delegations.models import Delegation
from solidarity.demo.loader import load_demo

pytestmark = pytest.mark.django_db
VISIT = "Đoàn Liên đoàn Lao động tỉnh Nghệ An thăm, làm việc tại tỉnh Xiêng Khoảng năm 2025"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(password="demo-test-password")
        yield
        transaction.set_rollback(True)


def test_the_calendar_and_the_feed_show_the_2025_visit_to_xieng_khoang(client, monkeypatch):
    visit = Delegation.objects.get(title=VISIT)
    assert (visit.start_on, visit.end_on) == (datetime.date(2025, 6, 16), datetime.date(2025, 6, 19))
    officer = User.objects.get(username="nghean.canbo")
    client.force_login(officer)
    html = client.get("/calendar/?month=2025-06").content.decode()
    for day in range(16, 20):
        at = html.index(f'data-date="2025-06-{day}"')
        assert VISIT in html[at : html.index("</td>", at)]
    assert VISIT in client.get("/calendar/?week=2025-W25").content.decode()
    assert VISIT in client.get("/calendar/?day=2025-06-18").content.decode()

    # A phone subscribed to the feed in June 2025 lists the same visit on the same days.
    monkeypatch.setattr(views.timezone, "localdate", lambda: datetime.date(2025, 6, 1))
    client.logout()
    feed = client.get(reverse("agenda:feed_ics", args=[feed_reset(user=officer).token]))
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    found = [e for e in events if str(e["SUMMARY"]).endswith(VISIT)]
    assert len(found) == 1
    assert found[0].decoded("DTSTART") == datetime.date(2025, 6, 16)
    assert found[0].decoded("DTEND") == datetime.date(2025, 6, 20)

    # Subscribed today (the demo's 30/11/2026), the phone still lists last year's visit, and what is coming.
    monkeypatch.setattr(views.timezone, "localdate", lambda: datetime.date(2026, 11, 30))
    feed = client.get(reverse("agenda:feed_ics", args=[feed_reset(user=officer).token]))
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events if str(e["SUMMARY"]).endswith(VISIT)] == [
        datetime.date(2025, 6, 16)
    ]
    assert any(e.decoded("DTSTART") >= datetime.date(2026, 11, 30) for e in events)

    # Hà Nội's officer, a sibling province, sees it neither on the page nor in the feed.
    other = User.objects.get(username="hanoi.canbo")
    client.force_login(other)
    assert VISIT not in client.get("/calendar/?month=2025-06").content.decode()
    feed = client.get(reverse("agenda:feed_ics", args=[feed_reset(user=other).token]))
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")]
    assert not any(VISIT in summary for summary in summaries)
