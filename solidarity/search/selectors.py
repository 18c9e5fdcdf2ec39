"""The search: folded words through the index, from the user's scope, each hit confirmed by the rule.

1. The query is folded (diacritics, đ = d, case: :func:`solidarity.core.text.fold`)
   and cut into words; a word keeps its punctuation ("act+1" is looked for as
   written).
2. One indexed query reads, for each kind, the best few rows holding every
   word, from the units in the user's scope (and the shared partner directory):
   title hits first, current before archived, recent first.
   When no row holds every word, rows holding some of them (3 letters or more)
   are shown instead, marked so.
3. Each hit is confirmed by its record's own rule, one query per record type:
   ``Model.objects.visible_to(user)`` (``units_visible_to`` for units; every
   signed-in user sees the partner directory). The index never decides alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import reduce
from operator import add, or_
from urllib.parse import urlencode

from django.apps import apps
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.urls import reverse

from solidarity.accounts.permissions import scope_paths, unit_scope_q, units_visible_to
from solidarity.core.search import MIN_INDEXED, fts_query, index_table
from solidarity.core.text import fold

from .models import SearchEntry
from .sources import BY_KIND, SOURCES

PER_KIND = 5
CANDIDATES = 2000
MAX_WORDS = 8
MAX_WORD = 60
MAX_QUERY = 200
UNDATED = {"partner", "contact", "unit"}
SNIPPET = 70  # characters shown on each side of the first word found in the text


def words_of(query: str | None) -> list[str]:
    """The folded words of ``query``, each once, in order; at most ``MAX_WORDS``."""
    seen: list[str] = []
    for word in fold((query or "")[:MAX_QUERY]).split():
        word = word[:MAX_WORD]
        if word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


def searchable(words: list[str]) -> bool:
    """A search needs a word the index knows (3 letters or more): shorter ones alone read every row."""
    return any(len(word) >= MIN_INDEXED for word in words)


# --- highlighting ---------------------------------------------------------------------------------


def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    stripped = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return stripped.lower().replace("đ", "d").replace("ð", "d")


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the folded ``words`` occur in ``text`` (NFC), as merged (start, end) of the original."""
    folded, where = [], []
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            folded.append(c)
            where.append(i)
    haystack = "".join(folded)
    spans = []
    for word in words:
        start = haystack.find(word)
        while start >= 0 and word:
            spans.append((where[start], where[start + len(word) - 1] + 1))
            start = haystack.find(word, start + len(word))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, found) around ``spans``."""
    out, at = [], 0
    for start, end in spans:
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


def _whole_word(text: str, start: int, end: int) -> str:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


@dataclass
class Hit:
    kind: str
    title: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]]
    matched: list[str]  # the words found, as written in the record
    url: str
    on: object
    archived: bool
    every_word: bool


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False
    list_url: str | None = None


def _hit(row: dict, words: list[str], every_word: bool) -> Hit:
    title = unicodedata.normalize("NFC", row["title"])
    body = unicodedata.normalize("NFC", row["body"] or "")
    title_spans, body_spans = _spans(title, words), _spans(body, words)
    snippet: list[tuple[str, bool]] = []
    if body_spans:
        start = max(0, body_spans[0][0] - SNIPPET)
        end = min(len(body), body_spans[0][1] + SNIPPET)
        inside = [
            (max(s, start) - start, min(e, end) - start) for s, e in body_spans if s < end and e > start
        ]
        snippet = segments(body[start:end], inside)
        if start > 0:
            snippet.insert(0, ("…", False))
        if end < len(body):
            snippet.append(("…", False))
    matched: list[str] = []
    for text, spans in ((title, title_spans), (body, body_spans)):
        for start, end in spans:
            word = _whole_word(text, start, end)
            if word and word.lower() not in (m.lower() for m in matched):
                matched.append(word)
    return Hit(
        kind=row["kind"],
        title=segments(title, title_spans),
        snippet=snippet,
        matched=matched[:8],
        url=row["url"],
        # A directory entry's date only ranks it (its last change): records show theirs.
        on=None if row["kind"] in UNDATED else row["on"],
        archived=row["archived"],
        every_word=every_word,
    )


# --- the search -----------------------------------------------------------------------------------


def _visible(record_type: str, user):
    """The one permission rule for ``record_type``'s rows."""
    model = apps.get_model(record_type)
    if record_type == "partners.partner":
        return model.objects.all()  # the shared directory: every signed-in user sees it
    if record_type == "units.unit":
        return units_visible_to(user)
    return model.objects.visible_to(user)


def _matching(user, words: list[str], *, every_word: bool):
    """The entries in ``user``'s scope holding every word (or, not ``every_word``, one of them).

    PostgreSQL answers the LIKEs through the trigram index itself. On SQLite the FTS5
    index gives the candidates, always: the list pages' rule of scanning for common
    words (``core.search.COMMON_SHARE``) pays off only when a page's order lets the
    scan stop early, and a search ranks what it finds.
    """
    entries = SearchEntry.objects.all()
    if scope_paths(user) is not None:  # None: every unit (no filter, whose OR would hide the text index)
        entries = entries.filter(unit_scope_q(user, field="owner_unit") | Q(owner_unit__isnull=True))
    indexed = [word for word in words if len(word) >= MIN_INDEXED]
    if every_word:
        for word in words:
            entries = entries.filter(text__contains=word)
        match = " AND ".join(f"({fts_query(word)})" for word in indexed)
    else:
        entries = entries.filter(reduce(or_, (Q(text__contains=word) for word in indexed)))
        match = " OR ".join(f"({fts_query(word)})" for word in indexed)
    if connection.vendor == "sqlite":
        fts = index_table(SearchEntry._meta.db_table, "text")
        entries = entries.filter(id__in=RawSQL(f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s', [match]))
    return entries


def _candidates(user, words: list[str], *, every_word: bool) -> list[dict]:
    # Ranked among the first CANDIDATES found (a word in tens of thousands of rows costs no
    # more than that); the best few of each kind are kept.
    found = _matching(user, words, every_word=every_word).order_by().values("id")[:CANDIDATES]
    entries = SearchEntry.objects.filter(id__in=found)
    title_hits = reduce(
        add,
        (
            Case(
                When(title_folded__contains=word, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for word in words
        ),
    )
    ranked = entries.annotate(
        title_hits=title_hits,
        place=Window(
            RowNumber(),
            partition_by=[F("kind")],
            order_by=[
                F("title_hits").desc(),
                F("archived").asc(),
                F("on").desc(nulls_last=True),
                F("id").desc(),
            ],
        ),
    ).filter(place__lte=PER_KIND + 1)
    return list(
        ranked.values(
            "kind",
            "record_type",
            "record_id",
            "title",
            "body",
            "url",
            "on",
            "archived",
            "title_hits",
            "place",
        )
    )


def search(user, query: str | None) -> list[Group]:
    """The groups of hits ``user`` may see for ``query``, best group first; [] for nothing to look for."""
    words = words_of(query)
    if not user.is_authenticated or not searchable(words):
        return []
    every_word = True
    rows = _candidates(user, words, every_word=True)
    if not rows and len(words) > 1:
        every_word = False
        rows = _candidates(user, words, every_word=False)
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row["record_type"], set()).add(row["record_id"])
    allowed = {
        (record_type, pk)
        for record_type, ids in wanted.items()
        for pk in _visible(record_type, user).filter(pk__in=ids).values_list("pk", flat=True)
    }
    groups: dict[str, Group] = {}
    best: dict[str, int] = {}
    for row in sorted(rows, key=lambda row: (row["kind"], row["place"])):
        if (row["record_type"], row["record_id"]) not in allowed:
            continue
        source = BY_KIND[row["kind"]]
        group = groups.get(row["kind"])
        if group is None:
            list_url = None
            if source.list_url:
                list_url = f"{reverse(source.list_url)}?{urlencode({'q': (query or '').strip()[:MAX_QUERY]})}"
            group = groups[row["kind"]] = Group(kind=row["kind"], label=str(source.label), list_url=list_url)
            best[row["kind"]] = row["title_hits"]
        if len(group.hits) >= PER_KIND:
            group.more = True
            continue
        group.hits.append(_hit(row, words, every_word))
    order = {source.kind: i for i, source in enumerate(SOURCES)}
    return sorted(groups.values(), key=lambda group: (-best[group.kind], order[group.kind]))
