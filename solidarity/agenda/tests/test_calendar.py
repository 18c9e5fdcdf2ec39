"""The calendar page and its feed: events on their days, filters, scope, caps, query counts."""

import datetime
import re
from html import unescape as html_unescape

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.agenda import selectors, views
from solidarity.agenda.models import CalendarFeed
from solidarity.agenda.periods import period_from
from solidarity.agenda.services import feed_reset
from solidarity.agreements.models import Commitment
from solidarity.core.choices import ApprovalState
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting

pytestmark = pytest.mark.django_db
D = datetime.date


def delegation(unit, title, start, end, direction="outgoing", state=ApprovalState.APPROVED):
    return Delegation.objects.create(
        owner_unit=unit, direction=direction, title=title, start_on=start, end_on=end, state=state
    )


@pytest.fixture
def records(tree):
    return {
        "trip": delegation(tree.ky_son, "Đoàn Kỳ Sơn sang Xiêng Khoảng", D(2025, 6, 16), D(2025, 6, 19)),
        "visit": delegation(
            tree.nghe_an, "Đoàn Xiêng Khoảng thăm Nghệ An", D(2025, 6, 3), D(2025, 6, 4), direction="incoming"
        ),
        "rejected": delegation(
            tree.nghe_an, "Đoàn bị từ chối", D(2025, 6, 10), D(2025, 6, 11), state=ApprovalState.REJECTED
        ),
        "hn_trip": delegation(tree.ha_noi, "Đoàn Hà Nội sang Lào", D(2025, 6, 16), D(2025, 6, 18)),
        "meeting": Meeting.objects.create(
            owner_unit=tree.nghe_an,
            kind="conference",
            title="Hội thảo tại Vinh",
            start_on=D(2025, 6, 25),
            hosted=True,
            is_international=False,
        ),
        "hn_meeting": Meeting.objects.create(
            owner_unit=tree.ha_noi, kind="conference", title="Hội thảo Hà Nội", start_on=D(2025, 6, 25)
        ),
        "commitment": Commitment.objects.create(
            owner_unit=tree.nghe_an, description="Tặng máy tính cho Xiêng Khoảng", due_on=D(2025, 6, 30)
        ),
        "hn_commitment": Commitment.objects.create(
            owner_unit=tree.ha_noi, description="Cam kết Hà Nội", due_on=D(2025, 6, 30)
        ),
    }


def cell(html: str, day: str) -> str:
    """The grid cell of ``day`` (YYYY-MM-DD) in a month or week page."""
    start = html.index('<td class="cal-day')
    marker = f'data-date="{day}"'
    at = html.index(marker, start)
    return html[at : html.index("</td>", at)]


def test_the_month_shows_each_event_on_its_days(client, people, records):
    client.force_login(people.na_viewer)
    html = client.get("/calendar/?month=2025-06").content.decode()
    for day in ("2025-06-16", "2025-06-17", "2025-06-18", "2025-06-19"):
        assert "Đoàn Kỳ Sơn sang Xiêng Khoảng" in cell(html, day)
    assert "Đoàn Kỳ Sơn sang Xiêng Khoảng" not in cell(html, "2025-06-15")
    assert "Đoàn Kỳ Sơn sang Xiêng Khoảng" not in cell(html, "2025-06-20")
    assert "Đoàn Xiêng Khoảng thăm Nghệ An" in cell(html, "2025-06-03")
    assert "Hội thảo tại Vinh" in cell(html, "2025-06-25")
    assert "Tặng máy tính cho Xiêng Khoảng" in cell(html, "2025-06-30")
    # The post-trip report is due 15 days after the return.
    assert "Đoàn Kỳ Sơn sang Xiêng Khoảng" in cell(html, "2025-07-04")
    assert "Đoàn bị từ chối" not in html
    assert f'href="/delegations/{records["trip"].pk}/"' in html


def test_a_sibling_unit_never_sees_the_others_events(client, people, records):
    client.force_login(people.na_viewer)
    html = client.get("/calendar/?month=2025-06").content.decode()
    assert "Hà Nội" not in html.split('data-testid="calendar-grid"')[1]
    client.force_login(people.hn_officer)
    html = client.get("/calendar/?month=2025-06").content.decode()
    assert "Đoàn Hà Nội sang Lào" in html and "Hội thảo Hà Nội" in html and "Cam kết Hà Nội" in html
    assert "Xiêng Khoảng" not in html and "Vinh" not in html
    # A unit of the other branch cannot be asked for: nothing of it comes back.
    html = client.get(f"/calendar/?month=2025-06&unit={records['trip'].owner_unit.pk}").content.decode()
    assert "Xiêng Khoảng" not in html


def test_the_week_view_and_the_day_view(client, people, records):
    client.force_login(people.na_viewer)
    html = client.get("/calendar/?week=2025-W25").content.decode()  # 16 to 22 June 2025
    assert 'data-date="2025-06-16"' in html and 'data-date="2025-06-22"' in html
    assert 'data-date="2025-06-15"' not in html
    assert "Đoàn Kỳ Sơn sang Xiêng Khoảng" in cell(html, "2025-06-17")
    assert "?week=2025-W24" in html and "?week=2025-W26" in html
    html = client.get("/calendar/?day=2025-06-17").content.decode()
    assert "Đoàn Kỳ Sơn sang Xiêng Khoảng" in html and "Hội thảo tại Vinh" not in html


def test_filters_by_unit_and_kind(client, people, records, tree):
    client.force_login(people.na_viewer)
    html = client.get(f"/calendar/?month=2025-06&unit={tree.ky_son.pk}").content.decode()
    assert "Đoàn Kỳ Sơn sang Xiêng Khoảng" in html
    assert "Đoàn Xiêng Khoảng thăm Nghệ An" not in html and "Hội thảo tại Vinh" not in html
    html = client.get("/calendar/?month=2025-06&kind=incoming&kind=meeting").content.decode()
    grid = html.split('data-testid="calendar-grid"')[1]
    assert "Đoàn Xiêng Khoảng thăm Nghệ An" in grid and "Hội thảo tại Vinh" in grid
    assert "Đoàn Kỳ Sơn sang Xiêng Khoảng" not in grid and "Tặng máy tính" not in grid
    # The filters go with the previous and next links.
    assert "?month=2025-05&amp;kind=incoming&amp;kind=meeting" in html
    html = client.get("/calendar/?month=2025-06&kind=commitment").content.decode()
    grid = html.split('data-testid="calendar-grid"')[1]
    assert "Tặng máy tính cho Xiêng Khoảng" in grid and "Đoàn" not in grid


@pytest.mark.parametrize(
    "query",
    [
        "month=2025-13",
        "month=abc",
        "week=2025-W60",
        "day=2025-02-30",
        "month=0001-01",
        "unit=abc",
        "kind=x",
        "unit=99999999999999999999",
        "month=9999-12",
        "day=\x00",
    ],
)
def test_junk_in_the_address_shows_a_calendar(client, people, query):
    client.force_login(people.na_viewer)
    assert client.get(f"/calendar/?{query}").status_code == 200


def test_periods():
    today = D(2026, 11, 30)
    month = period_from({"month": "2025-06"}, today)
    assert (month.start, month.end) == (D(2025, 5, 26), D(2025, 7, 6))  # 1 June 2025 is a Sunday
    assert (month.previous, month.next) == ("2025-05", "2025-07")
    week = period_from({"week": "2025-W01"}, today)
    assert (week.first, week.last, week.previous) == (D(2024, 12, 30), D(2025, 1, 5), "2024-W52")
    assert period_from({}, today).value == "2026-11"
    assert period_from({"month": "1800-01"}, today).value == "2026-11"


def test_a_crowded_month_caps_each_day_and_says_how_many_more(client, people, tree, monkeypatch):
    for n in range(30):
        delegation(tree.nghe_an, f"Đoàn số {n}", D(2025, 6, 10), D(2025, 6, 12))
    client.force_login(people.na_viewer)
    html = client.get("/calendar/?month=2025-06&kind=outgoing").content.decode()
    day = cell(html, "2025-06-11")
    assert day.count('class="cal-event') == views.PER_DAY["month"]
    assert "+27" in day and "?day=2025-06-11" in day
    # Beyond the rows read at once: counted per day, each day still reads its first few.
    monkeypatch.setattr(selectors, "LIMIT", 5)
    days = selectors.calendar_days(
        user=people.na_viewer, start=D(2025, 6, 1), end=D(2025, 6, 30), kinds=["outgoing"], per_day=3, limit=5
    )
    by_date = {d.date: d for d in days}
    for on in (D(2025, 6, 10), D(2025, 6, 11), D(2025, 6, 12)):
        assert len(by_date[on].events) == 3 and by_date[on].more == 27
    assert by_date[D(2025, 6, 13)].total == 0


def test_the_page_costs_a_fixed_number_of_queries(client, people, tree, django_assert_max_num_queries):
    client.force_login(people.na_viewer)
    client.get("/calendar/?month=2025-06")
    with CaptureQueriesContext(connection) as few:
        client.get("/calendar/?month=2025-06")
    for n in range(40):
        delegation(tree.ky_son, f"Đoàn {n}", D(2025, 6, 1 + n % 28), D(2025, 6, 2 + n % 28))
        Meeting.objects.create(
            owner_unit=tree.vinh, kind="conference", title=f"Họp {n}", start_on=D(2025, 6, 5)
        )
        Commitment.objects.create(owner_unit=tree.nghe_an, description=f"Cam kết {n}", due_on=D(2025, 6, 9))
    with CaptureQueriesContext(connection) as many:
        client.get("/calendar/?month=2025-06")
    assert len(many) == len(few)
    with django_assert_max_num_queries(len(few)):
        client.get("/calendar/?week=2025-W23")


def test_a_crowded_range_stays_bounded(people, tree, django_assert_max_num_queries):
    for n in range(12):
        delegation(tree.nghe_an, f"Đoàn {n}", D(2025, 6, 1 + n), D(2025, 6, 3 + n))
    # Past the limit: a grouped count and at most one short query per day of the grid.
    with django_assert_max_num_queries(3 + 35 + 8):
        selectors.calendar_days(
            user=people.na_viewer, start=D(2025, 6, 2), end=D(2025, 7, 6), kinds=["outgoing"], limit=2
        )


# --- The feed ---------------------------------------------------------------------------------


def feed_events(client, token):
    response = client.get(reverse("agenda:feed_ics", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_lists_the_same_events_as_the_page(client, people, records, monkeypatch):
    monkeypatch.setattr(views.timezone, "localdate", lambda: D(2025, 6, 15))
    feed = feed_reset(user=people.na_viewer)
    found = feed_events(client, feed.token)
    start = D(2025, 6, 15) - datetime.timedelta(days=views.FEED_DAYS_BACK)
    end = D(2025, 6, 15) + datetime.timedelta(days=views.FEED_DAYS_AHEAD)
    page = selectors.events_between(user=people.na_viewer, start=start, end=end).items
    assert {f"{e.uid}@solidarity" for e in page} == set(found)
    trip = found[f"delegation-{records['trip'].pk}@solidarity"]
    assert trip.decoded("DTSTART") == D(2025, 6, 16)
    assert trip.decoded("DTEND") == D(2025, 6, 20)  # the day after the last: all-day, exclusive
    assert str(trip["SUMMARY"]) == "Delegations going abroad: Đoàn Kỳ Sơn sang Xiêng Khoảng" or str(
        trip["SUMMARY"]
    ).endswith(": Đoàn Kỳ Sơn sang Xiêng Khoảng")
    assert str(trip["URL"]).endswith(f"/delegations/{records['trip'].pk}/")
    assert "DTSTAMP" in trip
    assert not any("Hà Nội" in str(e["SUMMARY"]) for e in found.values())
    # The month page shows the same events as the feed, on the same days.
    client.force_login(people.na_viewer)
    html = client.get("/calendar/?month=2025-06").content.decode()
    grid = html.split('data-testid="calendar-grid"')[1].split('data-testid="calendar-list"')[0]
    on_page = set()
    for match in re.finditer(r'data-date="([\d-]+)"(.*?)</td>', grid, re.S):
        for title in re.findall(
            r'class="cal-event[^"]*"[^>]*>.*?</span>(?:<span aria-hidden="true">… </span>)?([^<]+)</a>',
            match[2],
        ):
            on_page.add((match[1], html_unescape(title)))
    in_feed = set()
    for event in found.values():
        day, last = event.decoded("DTSTART"), event.decoded("DTEND")
        while day < last:
            if D(2025, 5, 26) <= day <= D(2025, 7, 6):
                in_feed.add((day.isoformat(), str(event["SUMMARY"]).split(": ", 1)[1]))
            day += datetime.timedelta(days=1)
    assert on_page == in_feed and len(on_page) >= 8


def test_the_feed_summary_is_in_vietnamese(client, people, records, monkeypatch, settings):
    settings.LANGUAGE_CODE = "vi"
    monkeypatch.setattr(views.timezone, "localdate", lambda: D(2025, 6, 15))
    feed = feed_reset(user=people.na_viewer)
    found = feed_events(client, feed.token)
    trip = found[f"delegation-{records['trip'].pk}@solidarity"]
    assert str(trip["SUMMARY"]) == "Đoàn ra: Đoàn Kỳ Sơn sang Xiêng Khoảng"


def test_the_sibling_units_feed_holds_only_its_own(client, people, records, monkeypatch):
    monkeypatch.setattr(views.timezone, "localdate", lambda: D(2025, 6, 15))
    found = feed_events(client, feed_reset(user=people.hn_officer).token)
    summaries = " ".join(str(e["SUMMARY"]) for e in found.values())
    assert "Đoàn Hà Nội sang Lào" in summaries and "Hội thảo Hà Nội" in summaries
    assert "Xiêng Khoảng" not in summaries and "Vinh" not in summaries


def test_reset_invalidates_the_old_address_and_an_inactive_user_has_none(client, people):
    client.force_login(people.na_viewer)
    assert client.get("/calendar/feed/").status_code == 200
    client.post("/calendar/feed/reset/")
    old = CalendarFeed.objects.get(user=people.na_viewer).token
    assert old in client.get("/calendar/feed/").content.decode()
    client.post("/calendar/feed/reset/")
    new = CalendarFeed.objects.get(user=people.na_viewer).token
    assert new != old
    client.logout()
    assert client.get(f"/calendar/feed/{old}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{new}.ics").status_code == 200
    assert client.get("/calendar/feed/nonsense.ics").status_code == 404
    people.na_viewer.is_active = False
    people.na_viewer.save()
    assert client.get(f"/calendar/feed/{new}.ics").status_code == 404


def test_the_feed_pages_need_a_sign_in_and_reset_needs_a_post(client, people):
    assert client.get("/calendar/").status_code == 302
    assert client.get("/calendar/feed/").status_code == 302
    client.force_login(people.na_viewer)
    assert client.get("/calendar/feed/reset/").status_code == 405
    assert not CalendarFeed.objects.exists()


def test_the_feed_costs_a_fixed_number_of_queries(client, people, tree, monkeypatch):
    monkeypatch.setattr(views.timezone, "localdate", lambda: D(2025, 6, 15))
    token = feed_reset(user=people.na_viewer).token
    client.get(f"/calendar/feed/{token}.ics")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/calendar/feed/{token}.ics")
    for n in range(30):
        delegation(tree.ky_son, f"Đoàn {n}", D(2025, 7, 1 + n % 28), D(2025, 7, 2 + n % 28))
        Meeting.objects.create(
            owner_unit=tree.vinh, kind="conference", title=f"Họp {n}", start_on=D(2025, 8, 5)
        )
        Commitment.objects.create(owner_unit=tree.nghe_an, description=f"Cam kết {n}", due_on=D(2025, 9, 9))
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"/calendar/feed/{token}.ics")
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) >= 90
    assert len(many) == len(few)
