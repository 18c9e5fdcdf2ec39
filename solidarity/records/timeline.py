"""One timeline for every page that tells a story: a partner's, an agreement's, later a unit's.

This module knows no record app. Each record app declares what it puts on a
timeline in its own ``timeline.py`` (a :class:`TimelineSource` per kind of
row) and registers it from its ``AppConfig.ready()``. A source says, for each
kind of page (the model of the thing the page is about), how its rows reach
that thing; rows are always scoped by the one permission rule
(``visible_to(user)``). Showing a new page's timeline is then a line per
source, not a new builder.

A timeline costs one query per source and way of reaching the page's
subject, whatever the number of entries: each fetches its newest rows (one
more than shown, to know whether there are more), already ordered by the date
its entries show, and the merge keeps the newest. A source reaching the
subject by two paths (a commitment through its agreement's partners or its
meeting's) runs one indexed query per path and the merge drops the doubles:
an OR across joins would scan the whole table.

Older entries come a page at a time, after a cursor (the date, source and id
of the last entry shown): every page costs the same queries, however far back.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from django.db.models import BooleanField, F, Func, Model, Q, QuerySet, Subquery
from django.utils import timezone

from solidarity.accounts.permissions import Role, scope_paths

PAGE = 50  # entries per page; "show older entries" brings the next page


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

    def reaches(self, about: Model, *, link_first: bool = True) -> list[Q | Among]:
        """How this source's rows reach ``about``: one condition per path, each a query of its own."""
        lookup = self.about[about._meta.label]
        if callable(lookup):
            return [lookup(about)]
        paths = (lookup,) if isinstance(lookup, str) else lookup
        return [self._reach(path, about, link_first=link_first) for path in paths]

    def _reach(self, path: str, about: Model, *, link_first: bool) -> Q | Among:
        """``path`` = ``about``, through the link's own index on the subject.

        ``meeting__partners=p`` joined would go through every meeting; the meetings
        with the partner, as a subquery, start from its links. ``link_first`` (for
        a reader who sees every unit) goes further: the ids that lead there are
        read first, then each row looked up (:class:`Among`); joined, PostgreSQL
        walks every record newest first and probes the links for each, tens of
        thousands of probes for a partner in 1 % of the records. For a narrower
        scope the join stays: the planner may start from the reader's units.
        A plain column (``partner=p``, ``agreement=a``) is its own index.
        """
        first, _, rest = path.partition("__")
        field = self.model._meta.get_field(first)
        if not rest and (not field.many_to_many or not link_first):
            return Q(**{path: about})
        if not rest:  # straight from the link table: its index on the subject gives the ids
            links = field.remote_field.through._default_manager.filter(
                **{field.m2m_reverse_field_name(): about}
            )
            return Among(F("pk"), links.values(field.m2m_field_name()))
        ids = field.related_model._default_manager.filter(**{rest: about}).values("pk")
        return Among(F(first), ids) if link_first else Q(**{f"{first}__in": ids})

    def newest(
        self, *, about: Model, user, limit: int, after: Q | None = None
    ) -> list[tuple[datetime.date, int]]:
        """(date, id) of the newest ``limit`` rows about ``about`` (older than ``after``), each once.

        One narrow query per path: the date, the archive mark and the owner come
        from covering indexes, no wide row is read for the hundreds not shown.
        """
        date = F(self.date) if isinstance(self.date, str) else self.date
        found: dict[int, datetime.date] = {}
        link_first = scope_paths(user, Role.VIEWER) is None  # sees every unit: no scope to start from
        for reach in self.reaches(about, link_first=link_first):
            newest = (
                self.visible(user)
                .filter(reach)
                .annotate(timeline_date=date)
                .filter(timeline_date__isnull=False)
            )
            if after is not None:
                newest = newest.filter(after)
            for pk, day in newest.order_by("-timeline_date", "-pk").values_list("pk", "timeline_date")[
                :limit
            ]:
                found[pk] = day
        return sorted(((day, pk) for pk, day in found.items()), reverse=True)[:limit]

    def fetch(self, pks: list[int]) -> dict[int, Model]:
        """The rows shown, whole, with what their entries show (one query)."""
        date = F(self.date) if isinstance(self.date, str) else self.date
        rows = self.model._default_manager.filter(pk__in=pks).annotate(timeline_date=date)
        return {row.pk: row for row in rows.select_related(*self.related)}


class Among(Func):
    """``column`` among the ids a subquery gives, read first, then looked up one by one.

    ``IN (subquery)`` on SQLite, which reads it so. PostgreSQL turns ``IN`` into a
    join it may drive from the other side (walking every record newest first);
    ``= ANY(ARRAY(subquery))`` is a list it looks up.
    """

    output_field = BooleanField()

    def __init__(self, column, ids: QuerySet):
        super().__init__(column, Subquery(ids))

    def as_sql(self, compiler, connection, **extra):
        column, ids = (compiler.compile(expression) for expression in self.source_expressions)
        return f"{column[0]} IN {ids[0]}", (*column[1], *ids[1])

    def as_postgresql(self, compiler, connection, **extra):
        column, ids = (compiler.compile(expression) for expression in self.source_expressions)
        return f"{column[0]} = ANY(ARRAY{ids[0]})", (*column[1], *ids[1])


_sources: list[TimelineSource] = []


def register(source: TimelineSource) -> None:
    """Put ``source`` on every timeline it speaks about; called from an app's ``ready()``."""
    if not any(type(known) is type(source) for known in _sources):
        _sources.append(source)


def sources_about(label: str) -> list[TimelineSource]:
    return [source for source in _sources if label in source.about]


@dataclass(frozen=True)
class Cursor:
    """Where a page of the timeline ended: its last entry's date, source and row id."""

    date: datetime.date
    source: str
    pk: int

    def __str__(self) -> str:
        return f"{self.date.isoformat()}.{self.source}.{self.pk}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """The cursor in ``?timeline=``, or None (the newest entries) for anything else."""
        try:
            day, source, pk = (text or "").split(".")
            cursor = cls(date=datetime.date.fromisoformat(day), source=source, pk=int(pk))
        except ValueError:
            return None
        known = [known.name for known in _sources]
        return cursor if cursor.source in known else None

    def after(self, source: TimelineSource) -> Q:
        """The rows of ``source`` that stand after this cursor in the timeline's order.

        That order: date (newest first), then the order the sources were
        registered in, then the row id (highest first).
        """
        names = [known.name for known in _sources]
        mine, theirs = names.index(source.name), names.index(self.source)
        if mine < theirs:
            return Q(timeline_date__lt=self.date)
        if mine > theirs:
            return Q(timeline_date__lte=self.date)
        return Q(timeline_date__lt=self.date) | Q(timeline_date=self.date, pk__lt=self.pk)


@dataclass(frozen=True)
class Timeline:
    """A page of entries, newest first, and where the next (older) page starts, if any."""

    entries: list[TimelineEntry]
    limit: int
    next_cursor: Cursor | None = None
    after: Cursor | None = None  # where this page starts; None for the newest entries
    today: datetime.date = field(default_factory=timezone.localdate)

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None

    @property
    def today_index(self) -> int | None:
        """Where today falls between entries still ahead (due dates) and those behind."""
        for index, entry in enumerate(self.entries):
            if entry.date <= self.today:
                return index or None
        return None


def record_timeline(*, about: Model, user, limit: int = PAGE, after: Cursor | None = None) -> Timeline:
    """What ``user`` may see about ``about``, newest first (older than ``after``), a page at a time.

    Each source names its newest rows (date and id, from indexes); the page's
    rows are chosen among them and only those are read whole.
    """
    candidates: list[tuple[int, int, int, TimelineSource]] = []
    for source in sources_about(about._meta.label):
        keep = after.after(source) if after is not None else None
        for day, pk in source.newest(about=about, user=user, limit=limit + 1, after=keep):
            candidates.append((-day.toordinal(), _order(source), -pk, source))
    # Newest first; the same day in the order the apps were installed in, then the newest row.
    candidates.sort(key=lambda item: item[:3])
    page = candidates[:limit]
    wanted: dict[str, list[int]] = {}
    for _day, _index, pk, source in page:
        wanted.setdefault(source.name, []).append(-pk)
    rows = {
        source.name: source.fetch(wanted[source.name])
        for source in sources_about(about._meta.label)
        if source.name in wanted
    }
    entries = []
    for _day, _index, pk, source in page:
        row = rows[source.name].get(-pk)
        if row is not None:  # gone between the two reads
            entries.append(replace(source.entry(row), source=source.name))
    next_cursor = None
    if len(candidates) > limit and page:
        day, _index, pk, source = page[-1]
        next_cursor = Cursor(date=datetime.date.fromordinal(-day), source=source.name, pk=-pk)
    return Timeline(entries=entries, limit=limit, next_cursor=next_cursor, after=after)


def _order(source: TimelineSource) -> int:
    return next(index for index, known in enumerate(_sources) if known.name == source.name)


def timeline_cursor(request) -> Cursor | None:
    """Where the page asks the timeline to go on from (``?timeline=<cursor>``); None for the newest."""
    return Cursor.parse(request.GET.get("timeline"))
