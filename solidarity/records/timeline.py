"""One timeline for every page that tells a story: a partner's, an agreement's, later a unit's.

This module knows no record app. Each record app declares what it puts on a
timeline in its own ``timeline.py`` (a :class:`TimelineSource` per kind of
row) and registers it from its ``AppConfig.ready()``. A source says, for each
kind of page (the model of the thing the page is about), how its rows reach
that thing; rows are always scoped by the one permission rule
(``visible_to(user)``). Showing a new page's timeline is then a line per
source, not a new builder.

A timeline costs one query per source that speaks about the page's model,
whatever the number of entries: each source fetches its newest rows (one more
than shown, to know whether there are more), already ordered by the date its
entries show, and the merge keeps the newest.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_

from django.db.models import F, Model, Q, QuerySet
from django.utils import timezone

PAGE = 50  # entries shown at first; "show older entries" adds as many again
MAX = 1000  # never more on one page, whatever the query string asks


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    kind: str  # a short translated label: "Outgoing (đoàn ra)", "Commitment", "Signing"...
    title: str
    url: str = ""
    badge: str = ""  # the state, "Overdue", an amount...
    tone: str = "secondary"  # the badge's colour: secondary, success, warning, danger, light
    unit: str = ""  # the owning unit, for pages that gather several units' work
    source: str = ""  # the registered source's name, filled in by the timeline


# What a source may say about how its rows reach a page's subject: one lookup
# path ("partners"), several ("delegation__agreement", "meeting__agreement";
# a row reaching it by any of them), or a function of the subject giving a Q
# (e.g. a unit and its subtree).
Lookup = str | tuple[str, ...] | Callable[[Model], Q]


class TimelineSource:
    """What one kind of row puts on timelines. Subclass it in the app's ``timeline.py``.

    ``about`` maps a subject's model label ("partners.Partner") to how this
    model's rows reach it. ``date`` is the field (or expression) an entry
    shows; rows without it stay off the timeline. :meth:`entry` turns one row,
    which carries that date as ``timeline_date``, into an entry.
    """

    name: str
    model: type[Model]
    date: str | object
    about: dict[str, Lookup]
    related: tuple[str, ...] = ("owner_unit",)

    def visible(self, user) -> QuerySet:
        """The rows ``user`` may see, by the one permission rule; archived ones left out."""
        return self.model.objects.visible_to(user).active()

    def entry(self, row) -> TimelineEntry:
        raise NotImplementedError

    def rows(self, *, about: Model, user, limit: int) -> QuerySet:
        lookup = self.about[about._meta.label]
        if callable(lookup):
            reach = lookup(about)
        else:
            paths = (lookup,) if isinstance(lookup, str) else lookup
            reach = reduce(or_, (Q(**{path: about}) for path in paths))
            if len(paths) > 1:
                # Two paths may both lead to the subject; a subquery keeps
                # each row once without DISTINCT fighting the ORDER BY.
                reach = Q(pk__in=self.model._default_manager.filter(reach).values("pk"))
        date = F(self.date) if isinstance(self.date, str) else self.date
        return (
            self.visible(user)
            .filter(reach)
            .annotate(timeline_date=date)
            .filter(timeline_date__isnull=False)
            .select_related(*self.related)
            .order_by("-timeline_date", "-pk")[:limit]
        )


_sources: list[TimelineSource] = []


def register(source: TimelineSource) -> None:
    """Put ``source`` on every timeline it speaks about; called from an app's ``ready()``."""
    if not any(type(known) is type(source) for known in _sources):
        _sources.append(source)


def sources_about(label: str) -> list[TimelineSource]:
    return [source for source in _sources if label in source.about]


@dataclass(frozen=True)
class Timeline:
    """The newest ``limit`` entries, newest first, and whether older ones exist."""

    entries: list[TimelineEntry]
    limit: int
    has_more: bool
    today: datetime.date = field(default_factory=timezone.localdate)

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def next_limit(self) -> int | None:
        return min(self.limit + PAGE, MAX) if self.has_more and self.limit < MAX else None

    @property
    def today_index(self) -> int | None:
        """Where today falls between entries still ahead (due dates) and those behind."""
        for index, entry in enumerate(self.entries):
            if entry.date <= self.today:
                return index or None
        return None


def record_timeline(*, about: Model, user, limit: int = PAGE) -> Timeline:
    """Everything ``user`` may see about ``about``, newest first, in one query per source."""
    entries: list[TimelineEntry] = []
    for source in sources_about(about._meta.label):
        for row in source.rows(about=about, user=user, limit=limit + 1):
            entries.append(replace(source.entry(row), source=source.name))
    # A stable sort: entries of the same day keep the order the apps were installed in.
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return Timeline(entries=entries[:limit], limit=limit, has_more=len(entries) > limit)


def timeline_limit(request) -> int:
    """How many entries the page asks for (``?timeline=100``), within sane bounds."""
    try:
        asked = int(request.GET.get("timeline", PAGE))
    except ValueError:
        return PAGE
    return max(PAGE, min(asked, MAX))
