"""The calendar pages and the feed: thin, every event through the selectors and the one permission rule."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import icalendar
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors
from .forms import CalendarFilterForm
from .models import CalendarFeed
from .periods import period_from, period_of
from .services import feed_reset

PER_DAY = {"month": 3, "week": 12}
DAY_LIMIT = 100  # events of each kind listed on a day's page
FEED_DAYS_BACK = 731  # the feed: two years back (last year's visits) and one ahead
FEED_DAYS_AHEAD = 366
FEED_LIMIT = 2000  # events of each kind in the feed, ahead and behind: the nearest to today


def _filter_query(units, kinds) -> dict:
    """The valid filters, carried over to the previous/next/today and view links."""
    query = {}
    if units:
        query["unit"] = units[0].pk
    if kinds:
        query["kind"] = kinds
    return query


def _link(params: dict, filters: dict) -> str:
    return "?" + urlencode({**params, **filters}, doseq=True)


def _anchor(period, today: datetime.date) -> datetime.date:
    return today if period.first <= today <= period.last else period.first


def _today_params(view: str, today: datetime.date) -> dict:
    return {} if view == "month" else {view: period_of(view, today).value}


@login_required
@require_GET
def calendar(request):
    today = timezone.localdate()
    period = period_from(request.GET, today)
    form = CalendarFilterForm(request.GET, user=request.user)
    units, kinds = form.chosen()
    filters = _filter_query(units, kinds)
    context = {
        "section": "calendar",
        "period": period,
        "form": form,
        "today": today,
        "links": {
            "previous": _link({period.view: period.previous}, filters) if period.previous else None,
            "next": _link({period.view: period.next}, filters) if period.next else None,
            "today": _link(_today_params(period.view, today), filters),
            "month": _link({"month": period_of("month", period.first).value}, filters),
            # The week of today when the month holds it, else the month's first week.
            "week": _link({"week": period_of("week", _anchor(period, today)).value}, filters),
        },
        "filters": filters,
    }
    if period.view == "day":
        found = selectors.events_between(
            user=request.user, start=period.first, end=period.last, units=units, kinds=kinds, limit=DAY_LIMIT
        )
        context["events"] = found.items
        context["truncated"] = [
            (str(selectors.KIND_LABELS[kind]), _list_link(kind, period.first, units))
            for kind in sorted(found.truncated)
        ]
        return render(request, "agenda/day.html", context)
    days = selectors.calendar_days(
        user=request.user,
        start=period.start,
        end=period.end,
        units=units,
        kinds=kinds,
        per_day=PER_DAY[period.view],
        in_range=(period.first, period.last),
        today=today,
    )
    for day in days:
        day.link = _link({"day": day.date.isoformat()}, filters)
    context["weeks"] = [days[n : n + 7] for n in range(0, len(days), 7)]
    context["listed_days"] = [day for day in days if day.in_range and day.total]
    return render(request, "agenda/calendar.html", context)


def _list_link(kind: str, day: datetime.date, units) -> str | None:
    """The record list holding a day's events of ``kind`` (for more than a day's page lists)."""
    unit = {"unit": units[0].pk} if units else {}
    on = day.isoformat()
    if kind in (selectors.OUTGOING, selectors.INCOMING):
        query = {"direction": kind, "start_to": on, "end_from": on, **unit}
        return reverse("delegations:list") + "?" + urlencode(query)
    if kind == selectors.MEETING:
        return reverse("meetings:list") + "?" + urlencode({"start_from": on, "start_to": on, **unit})
    return None


@login_required
@require_GET
def feed_page(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(reverse("agenda:feed_ics", args=[feed.token])) if feed else None
    # webcal:// opens the phone's or the computer's calendar app on the same address.
    webcal = "webcal://" + url.split("://", 1)[1] if url else None
    return render(
        request,
        "agenda/feed.html",
        {"section": "calendar", "feed": feed, "feed_url": url, "webcal_url": webcal},
    )


@login_required
@require_POST
def feed_reset_view(request):
    had_one = CalendarFeed.objects.filter(user=request.user).exists()
    feed_reset(user=request.user)
    if had_one:
        messages.success(request, _("Your calendar has a new address: the old one no longer works."))
    else:
        messages.success(request, _("Your calendar address is ready."))
    return redirect("agenda:feed")


@require_GET
def feed_ics(request, token: str):
    """The owner's calendar as iCalendar, for whoever holds the secret address: no session needed."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    today = timezone.localdate()
    # What is coming first, then the past: a national scope's earliest thousands never crowd out the
    # year ahead. Read from the past: what ended before today (an event still going on is ahead).
    ahead = selectors.events_between(
        user=feed.user, start=today, end=today + datetime.timedelta(days=FEED_DAYS_AHEAD), limit=FEED_LIMIT
    ).items
    behind = selectors.events_between(
        user=feed.user,
        start=today - datetime.timedelta(days=FEED_DAYS_BACK),
        end=today - datetime.timedelta(days=1),
        limit=FEED_LIMIT,
    ).items
    events = ahead + [event for event in behind if event.end < today]
    with translation.override(settings.LANGUAGE_CODE):
        body = _ical(request, events)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="solidarity.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def _ical(request, events) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Solidarity//Calendar//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Solidarity: " + _("Calendar"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now()
    for event in events:
        item = icalendar.Event()
        item.add("uid", f"{event.uid}@solidarity")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.start)  # a date: an all-day event
        after = event.end + datetime.timedelta(days=1) if event.end < datetime.date.max else event.end
        item.add("dtend", after)  # the day after the last: DTEND of an all-day event is exclusive
        item.add("summary", f"{event.kind_label}: {event.title}")
        item.add("url", request.build_absolute_uri(event.url))
        item.add("description", f"{event.unit}\n{request.build_absolute_uri(event.url)}")
        item.add("categories", [event.kind_label])
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    return calendar.to_ical()
