"""From the text of a news article to proposed draft records, each value with its evidence.

How an article becomes proposals
--------------------------------
1. The text is split into sentences (:mod:`.text`); each sentence is read by
   the rules (:mod:`.rules`): dates, money, countries, kind words, people
   with titles, statistics, plans, the place; and organisation names (heads
   such as "Liên đoàn Lao động", "LHCĐ", "Tổng Công hội" followed by the
   capitalised words of the name), each resolved against the
   :class:`~.gazetteer.Gazetteer` of our units and partners.
2. Sentences about the future ("sẽ", "năm tới", "dự kiến") give plans, never
   the event's date, kind or money.
3. Events: the first sentence with a kind word opens the first event (what
   came before it, the headline's dateline or lead, belongs to it). A later
   sentence opens a new event when it has a kind word and a date other than
   the current event's, or when it starts with "Trước đó", "Chiều cùng
   ngày", "Sau đó"... with a kind word of another record ("Dịp này" or "Tại
   buổi tọa đàm" stay in the event: money handed over at a seminar is the
   seminar's).
4. An event's kind is the strongest kind word of its first sentence that has
   one; counts such as "4 đoàn ra" are statistics, not kinds, and an event
   with statistics and no kind word is a ``summary``.

Kinds and the records they become (``KIND_RECORDS``)
----------------------------------------------------
==========================  ==========================================================
kind                        record
==========================  ==========================================================
seminar                     meetings.Meeting, kind=MeetingKind.SEMINAR (tọa đàm)
workshop                    meetings.Meeting, kind=MeetingKind.WORKSHOP (hội thảo)
conference                  meetings.Meeting, kind=MeetingKind.CONFERENCE (hội nghị)
forum                       meetings.Meeting, kind=MeetingKind.FORUM (diễn đàn)
working_session             meetings.Meeting, kind=MeetingKind.WORKING_SESSION (buổi làm việc, hội đàm)
training                    meetings.Meeting, kind=MeetingKind.TRAINING (tập huấn)
delegation_incoming         delegations.Delegation, direction=Direction.INCOMING (đoàn vào)
delegation_outgoing         delegations.Delegation, direction=Direction.OUTGOING (đoàn ra)
support                     support.Support (trao tặng, trao hỗ trợ; direction given unless received)
agreement                   agreements.Agreement (ký biên bản, thỏa thuận, bản ghi nhớ)
summary                     no record: the statistics of a yearly or half-yearly summary
==========================  ==========================================================

Why no NLP library
------------------
The issue suggests an offline Vietnamese NLP library (underthesea, pyvi).
underthesea 9 depends on huggingface_hub and fetches its models from a model
hub on first use, which the project forbids at run time; pyvi's word
segmenter needs scikit-learn, scipy and numpy (about 60 MB of wheels, 200 MB
installed) for one CRF model. What they would give here is word boundaries
for people's names, and in union news a name is fenced by an honorific
("ông", "bà", "đồng chí") or a title ("Chủ tịch ...") and written in
capitalised syllables, which the rules read directly. So: rules plus the
gazetteer, measured by the evaluation set (``evaluate.py``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import solidarity.news.extract.rules as rules
from solidarity.core.text import fold

from .gazetteer import Gazetteer, org_key
from .text import (
    COMPOUNDS,
    WORD,
    Evidence,
    Sentence,
    evidence,
    fold_same_length,
    is_capitalised,
    normalise,
    sentences,
)

KIND_RECORDS = {
    "seminar": ("meetings", "kind", "seminar"),
    "workshop": ("meetings", "kind", "workshop"),
    "conference": ("meetings", "kind", "conference"),
    "forum": ("meetings", "kind", "forum"),
    "working_session": ("meetings", "kind", "working_session"),
    "training": ("meetings", "kind", "training"),
    "delegation_incoming": ("delegations", "direction", "incoming"),
    "delegation_outgoing": ("delegations", "direction", "outgoing"),
    "support": ("support", "direction", "given"),
    "agreement": ("agreements", None, None),
    "summary": (None, None, None),
}


@dataclass
class Value:
    """One proposed value and where it was read."""

    value: object
    evidence: Evidence | None = None


@dataclass
class Organisation:
    name: str  # as matched (the unit's or partner's name), else as written
    as_written: str
    unit_id: int | None = None
    partner_id: int | None = None
    country: str = ""
    evidence: Evidence | None = None

    @property
    def known(self) -> bool:
        return bool(self.unit_id or self.partner_id)


@dataclass
class Person:
    name: str
    title: str
    evidence: Evidence | None = None


@dataclass
class Statistic:
    name: str  # outgoing_delegations, outgoing_people, incoming_delegations, incoming_guests, ...
    count: int
    period: str | None
    evidence: Evidence | None = None


@dataclass
class Plan:
    year: int | None
    what: str
    evidence: Evidence | None = None


@dataclass
class Proposal:
    """One proposed draft record; every field with the evidence the review page highlights."""

    kind: Value | None = None
    event_date: Value | None = None
    place: Value | None = None
    organisations: list[Organisation] = field(default_factory=list)
    countries: list[Value] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    money_vnd: list[Value] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    planned: list[Plan] = field(default_factory=list)

    @property
    def record(self) -> tuple:
        """(app, field, value) of the record this kind becomes; see ``KIND_RECORDS``."""
        return KIND_RECORDS.get(self.kind.value if self.kind else "", (None, None, None))


# ---------------------------------------------------------------- organisations

_HEADS = [
    "tong lien doan lao dong viet nam", "tong lien doan lao dong", "tong lien doan", "tld",
    "tong lien hiep cong doan", "lien hiep cong doan", "lhcd", "lien doan lao dong", "ldld",
    "tong cong doan", "tong cong hoi", "lien doan cong doan", "hoi dong cong doan", "lien doan",
    "cong doan co so", "cdcs", "cong doan nganh", "cdn", "cong doan", "cd",
    "dai su quan", "tong lanh su quan", "uy ban nhan dan", "ubnd", "bo", "so",
    "to chuc lao dong quoc te", "hiep hoi", "vien", "hoi lien hiep phu nu", "hoi nong dan",
]  # fmt: skip
_HEAD = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(h) for h in _HEADS) + r")(?![a-z0-9])")
_COMPLETE = {"tong lien doan lao dong viet nam", "tong lien doan", "tld", "to chuc lao dong quoc te"}
# Lower-case words inside union names, exactly as written ("LĐLĐ tỉnh", "Công đoàn cơ sở").
_CONNECTORS = {
    "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "ngành", "cơ sở",
    "khu công nghiệp", "công ty", "nước", "tập đoàn", "tổng công ty", "trường", "bệnh viện",
}  # fmt: skip
_CONNECTORS_LONGEST_FIRST = sorted(_CONNECTORS, key=len, reverse=True)
_EXACT_HEADS = {"bo": "Bộ", "so": "Sở", "vien": "Viện"}
_COMPOUNDS = COMPOUNDS


# "Nông - Lâm nghiệp", "Lao động - Thương binh và Xã hội"; not "Quảng Ninh - Quảng Tây" (two bodies).
_DASHED = {"lam", "ngu", "thuong", "nong", "cong", "diem"}


def _in_compound(text: str, match: re.Match) -> bool:
    """A lower-case syllable continues a name when it and a neighbour form one of ``_COMPOUNDS``."""
    word = fold(match.group())
    before = WORD.findall(text[max(0, match.start() - 20) : match.start()])
    after = WORD.match(text, match.end() + 1) if text[match.end() : match.end() + 1] == " " else None
    return bool(
        (before and (fold(before[-1]), word) in _COMPOUNDS)
        or (after and (word, fold(after.group())) in _COMPOUNDS)
    )


_NEEDS_NAME_HEADS = {"bo", "so", "vien", "cd", "cong doan", "lien doan", "hiep hoi"}


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    written: str


def _organisation_mentions(
    text: str, folded: str, sentence: Sentence, blocked: list[tuple[int, int]]
) -> list:
    found: list[_Mention] = []
    for head in _HEAD.finditer(folded, sentence.start, sentence.end):
        first = text[head.start()]
        if not first.isupper():
            continue
        if head.group() in _EXACT_HEADS and text[head.start() : head.end()] != _EXACT_HEADS[head.group()]:
            continue  # "Bô Ly Khăm Xay" is no ministry
        written_head = text[head.start() : head.end()]
        if len(head.group()) <= 4 and head.group() in {"tld", "ldld", "lhcd", "cdcs", "cdn", "cd"}:
            if not written_head.isupper():
                continue
        if any(m.start <= head.start() < m.end for m in found):
            continue
        embassy = head.group() in ("dai su quan", "tong lanh su quan")
        end = _name_end(text, folded, head.end(), sentence.end, blocked, embassy)
        tail = text[head.end() : end]
        has_name = any(is_capitalised(w) for w in WORD.findall(tail) if w not in ("TP", "Tp"))
        if not has_name and head.group() not in _COMPLETE:
            continue
        if head.group() in _NEEDS_NAME_HEADS and not has_name:
            continue
        found.append(_Mention(head.start(), end, text[head.start() : end]))
    return found


def _name_end(
    text: str, folded: str, position: int, limit: int, blocked: list[tuple[int, int]], embassy: bool = False
) -> int:
    """Extend a name over capitalised words and the connectors of union names."""
    end = start = position
    while position < limit:
        gap = re.match(r"[ \t]*", text[position:limit]).end()
        if gap == 0 and position != end:
            break
        word_at = position + gap
        if any(a <= word_at < b for a, b in blocked):
            break
        if text.startswith(("TP.", "Tp."), word_at):
            connector = "tp"
        else:
            connector = next(
                (c for c in _CONNECTORS_LONGEST_FIRST if text.startswith(c + " ", word_at)),
                "tp" if text.startswith("TP ", word_at) else None,
            )
        if connector and (gap or end == position):
            position = word_at + len(connector)
            if connector == "tp" and text[position : position + 1] == ".":
                position += 1  # "TP.HCM", "TP. Vinh"
                if WORD.match(text, position):
                    gap_free = WORD.match(text, position)
                    position = end = gap_free.end()
            continue
        if embassy and folded.startswith("tai ", word_at) and text[word_at] == "t":
            after = WORD.match(text, word_at + 4)
            if after and is_capitalised(after.group()):
                position = word_at + 3  # "Đại sứ quán Việt Nam tại Campuchia"
                continue
        match = WORD.match(text, word_at)
        if match and match.end() <= limit:
            word = match.group()
            if fold(word) == "va":
                # "Nông nghiệp và PTNT" goes on; "LĐLĐ tỉnh A và LHCĐ tỉnh B" are two names.
                after = WORD.match(text, match.end() + 1)
                if after and fold(after.group()) in {"ptnt", "phat", "xa"}:
                    position = match.end()
                    continue
                break
            if is_capitalised(word) or (end > start and _in_compound(text, match)):
                position = match.end()
                end = position
                continue
        dash = re.match(r" ?[-–](?= ?[A-ZĐÀ-Ỹ])", text[position:limit])
        if (
            dash
            and end == position
            and end > start
            and fold(text[position + dash.end() :].split(None, 1)[0]) in _DASHED
        ):
            position += dash.end()
            continue
        break
    return end


def _organisations(text, folded, sentence, gazetteer, blocked) -> list[Organisation]:
    result = []
    mentions = _organisation_mentions(text, folded, sentence, blocked)
    pattern = gazetteer.alias_pattern()
    if pattern:
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if not any(m.start <= match.start() < m.end for m in mentions):
                mentions.append(_Mention(match.start(), match.end(), match.group()))
    for mention in sorted(mentions, key=lambda m: m.start):
        written = mention.written.strip()
        entry = gazetteer.aliases.get(written) or gazetteer.match(written)
        result.append(
            Organisation(
                name=entry.name if entry else written,
                as_written=written,
                unit_id=entry.unit_id if entry else None,
                partner_id=entry.partner_id if entry else None,
                country=entry.country if entry else "",
                evidence=evidence(sentence, mention.start, mention.end),
            )
        )
    return result


# ---------------------------------------------------------------- events

_SPLIT_CUE = re.compile(
    r"^(?:trước đó|sau đó|tiếp đó|tiếp theo|cùng ngày|chiều cùng ngày|sáng cùng ngày|tối cùng ngày|"
    r"ngày hôm sau|cũng trong (?:chuyến|ngày|sáng|chiều)|trong chuyến (?:thăm|công tác))",
    re.IGNORECASE,
)


@dataclass
class _Event:
    sentences: list[Sentence] = field(default_factory=list)
    kind: rules.FoundKind | None = None
    kind_sentence: Sentence | None = None
    date: rules.FoundDate | None = None


def extract_article(
    text: str, *, article_date: datetime.date | None = None, gazetteer: Gazetteer | None = None
) -> list[Proposal]:
    """The draft records an article proposes, in the order they appear; spans refer to ``normalise(text)``.

    ``article_date`` gives the year of dates written without one (else the
    article's dateline, else today); ``gazetteer`` resolves organisations
    (default: an empty one, every name as written; pass ``Gazetteer.from_db()``).
    """
    text = normalise(text)
    folded = fold_same_length(text)
    gazetteer = gazetteer or Gazetteer()
    article_date = article_date or rules.dateline(text) or datetime.date.today()
    events = _events(text, sentences(text), article_date)
    return [_proposal(text, folded, event, article_date, gazetteer) for event in events]


def _sentence_kinds(sentence: Sentence) -> list[rules.FoundKind]:
    if rules.is_future(sentence):
        return []
    stats = rules.statistics_in(sentence)
    kinds = []
    for kind in rules.kinds_in(sentence):
        if stats:
            continue  # "cử 4 đoàn ra ... sang thăm và làm việc": a count, not an event
        kinds.append(kind)
    return kinds


def _events(text: str, all_sentences: list[Sentence], article_date: datetime.date) -> list[_Event]:
    events: list[_Event] = []
    preamble: list[Sentence] = []
    for sentence in all_sentences:
        if _is_dateline(sentence):
            continue
        kinds = _sentence_kinds(sentence)
        dates = [] if rules.is_future(sentence) else rules.dates_in(text, sentence, article_date)
        current = events[-1] if events else None
        if current is None:
            if kinds:
                event = _Event(preamble + [sentence], kinds[0], sentence, dates[0] if dates else None)
                if not event.date:
                    event.date = _first_date(text, preamble, article_date)
                events.append(event)
            else:
                preamble.append(sentence)
            continue
        if kinds and _opens_event(sentence, kinds[0], dates, current) and not _ongoing(sentence, kinds[0]):
            events.append(_Event([sentence], kinds[0], sentence, dates[0] if dates else None))
            if not events[-1].date and re.search(r"cùng ngày", sentence.text, re.IGNORECASE):
                events[-1].date = current.date
            continue
        current.sentences.append(sentence)
        if dates and not current.date:
            current.date = dates[0]
        if (
            kinds
            and (current.kind is None or kinds[0].priority > current.kind.priority)
            and (current.kind_sentence is None or current.kind_sentence.start < sentence.start)
        ):
            # A headline without a kind word, or a lead stronger than the headline's.
            if (
                current.kind is None
                or current.kind_sentence is current.sentences[0]
                and _is_headline(current.kind_sentence)
            ):
                current.kind, current.kind_sentence = kinds[0], sentence
    if not events and preamble:
        event = _Event(preamble, None, None, _first_date(text, preamble, article_date))
        events.append(event)
    return events


def _ongoing(sentence: Sentence, kind: rules.FoundKind) -> bool:
    """ "Đoàn đang tham dự lớp bồi dưỡng ..." is background to the event, not another one."""
    before = sentence.text[: kind.start - sentence.start]
    return bool(re.search(r"(?<![^\W_])đang\s+(?:\S+\s+){0,3}$", before))


def _opens_event(sentence: Sentence, kind: rules.FoundKind, dates: list, current: _Event) -> bool:
    if current.kind is None:
        return False
    if dates and current.date and dates[0].value != current.date.value and kind.priority >= 2:
        return True
    return bool(_SPLIT_CUE.match(sentence.text)) and kind.kind != current.kind.kind and kind.priority >= 3


def _first_date(text, sentences_, article_date):
    for sentence in sentences_:
        if rules.is_future(sentence):
            continue
        dates = rules.dates_in(text, sentence, article_date)
        if dates:
            return dates[0]
    return None


def _is_dateline(sentence: Sentence) -> bool:
    return (
        len(sentence.text) < 60
        and bool(rules._DATELINE.search(sentence.text))
        and not rules.kinds_in(sentence)
    )


def _is_headline(sentence: Sentence) -> bool:
    return not sentence.text.rstrip().endswith((".", "!", "?"))


def _proposal(text, folded, event: _Event, article_date, gazetteer: Gazetteer) -> Proposal:
    proposal = Proposal()
    kind_name = None
    if event.kind:
        kind_name = event.kind.kind
        if kind_name == "delegation":
            ordered = [event.kind_sentence] + [s for s in event.sentences if s is not event.kind_sentence]
            kind_name = next(
                (d for d in (rules.delegation_direction(s.text) for s in ordered[:4]) if d),
                "delegation_incoming",
            )
        if kind_name == "support" and re.search(
            r"(?:tiếp nhận|nhận)\s+(?:hỗ trợ|số tiền|quà)", event.kind_sentence.text
        ):
            kind_name = "support"
        proposal.kind = Value(kind_name, evidence(event.kind_sentence, event.kind.start, event.kind.end))
    if event.date:
        proposal.event_date = Value(
            event.date.value,
            evidence(_sentence_of(event, event.date.start), event.date.start, event.date.end),
        )
    default_period = None
    seen_orgs: set = set()
    seen_people: set = set()
    seen_countries: set = set()
    for sentence in event.sentences:
        future = rules.is_future(sentence)
        people = rules.people_in(sentence)
        blocked = [_name_span(sentence, person) for person in people]
        for person in people:
            key = fold(person.name)
            if key not in seen_people:
                seen_people.add(key)
                proposal.people.append(
                    Person(person.name, person.title, evidence(sentence, person.start, person.end))
                )
        for organisation in _organisations(text, folded, sentence, gazetteer, blocked):
            key = (
                ("u", organisation.unit_id)
                if organisation.unit_id
                else (
                    ("p", organisation.partner_id) if organisation.partner_id else org_key(organisation.name)
                )
            )
            if key not in seen_orgs:
                seen_orgs.add(key)
                proposal.organisations.append(organisation)
            if (
                organisation.country
                and organisation.country != "VN"
                and organisation.country not in seen_countries
            ):
                seen_countries.add(organisation.country)
                proposal.countries.append(Value(organisation.country, organisation.evidence))
        for country in rules.countries_in(sentence):
            if country.code not in seen_countries:
                seen_countries.add(country.code)
                proposal.countries.append(Value(country.code, evidence(sentence, country.start, country.end)))
        if not future:
            if proposal.place is None:
                place = rules.place_in(sentence)
                if place:
                    proposal.place = Value(place.place, evidence(sentence, place.start, place.end))
            for money in rules.money_in(sentence):
                if any(m.value == money.value for m in proposal.money_vnd):
                    continue  # the headline's amount again in the body
                proposal.money_vnd.append(Value(money.value, evidence(sentence, money.start, money.end)))
        default_period = rules.period_in(sentence) or default_period
        for stat in rules.statistics_in(sentence, default_period):
            proposal.statistics.append(
                Statistic(stat.name, stat.count, stat.period, evidence(sentence, stat.start, stat.end))
            )
        if future:
            plan = rules.plan_in(sentence, article_date.year)
            if plan:
                proposal.planned.append(Plan(plan.year, plan.what, evidence(sentence, plan.start, plan.end)))
    if proposal.kind is None and proposal.statistics:
        proposal.kind = Value("summary", proposal.statistics[0].evidence)
    if proposal.kind and proposal.kind.value == "summary":
        proposal.place = None  # "sang thăm ... tại Lào, Thái Lan" in a summary is no venue
    proposal.organisations = _without_loose_mentions(proposal.organisations)
    return proposal


def _without_loose_mentions(organisations: list[Organisation]) -> list[Organisation]:
    """Drop "Công đoàn Quảng Trị" (unknown) when "LĐLĐ tỉnh Quảng Trị" is named too: one body, loosely."""
    keys = [org_key(o.name) for o in organisations]
    kept = []
    for organisation, key in zip(organisations, keys, strict=True):
        if not organisation.known and any(_shortens(key, other) for other in keys if other != key):
            continue
        kept.append(organisation)
    return kept


def _shortens(short: str, full: str) -> bool:
    """Whether ``short`` is a loose form of ``full``.

    "cong doan quang tri" for "lien doan lao dong quang tri"; "tong cong hoi
    quang tay" for "tong cong hoi khu tu tri dan toc choang quang tay".
    """
    words, others = short.split(), full.split()
    if len(others) <= len(words):
        return False
    if short.startswith("cong doan "):
        rest = words[2:]
        return bool(rest) and others[-len(rest) :] == rest
    common = 0
    while common < len(words) and words[common] == others[common]:
        common += 1
    rest = words[common:]
    return common >= 2 and bool(rest) and others[-len(rest) :] == rest


def _name_span(sentence: Sentence, person: rules.FoundPerson) -> tuple[int, int]:
    offset = sentence.text.find(person.name, person.start - sentence.start)
    start = sentence.start + offset if offset >= 0 else person.start
    return (start, start + len(person.name))


def _sentence_of(event: _Event, position: int) -> Sentence:
    for sentence in event.sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return event.sentences[0]


# ---------------------------------------------------------------- JSON


def _evidence(item) -> dict | None:
    return item.evidence.as_dict() if item is not None and item.evidence else None


def proposal_as_json(proposal: Proposal, *, with_evidence: bool = False) -> dict:
    """The issue's keys: kind, event_date (ISO), place, organisations, countries, people, money_vnd,
    statistics, planned; ``with_evidence`` adds the spans and the units' and partners' ids."""
    data = {
        "kind": proposal.kind.value if proposal.kind else None,
        "event_date": proposal.event_date.value.isoformat() if proposal.event_date else None,
        "place": proposal.place.value if proposal.place else None,
        "organisations": [organisation.name for organisation in proposal.organisations],
        "countries": [country.value for country in proposal.countries],
        "people": [[person.name, person.title] for person in proposal.people],
        "money_vnd": [money.value for money in proposal.money_vnd],
        "statistics": [
            {"name": stat.name, "count": stat.count, "period": stat.period} for stat in proposal.statistics
        ],
        "planned": [{"year": plan.year, "what": plan.what} for plan in proposal.planned],
    }
    if with_evidence:
        data["evidence"] = {
            "kind": _evidence(proposal.kind),
            "event_date": _evidence(proposal.event_date),
            "place": _evidence(proposal.place),
            "organisations": [
                {
                    "name": o.name,
                    "as_written": o.as_written,
                    "unit_id": o.unit_id,
                    "partner_id": o.partner_id,
                    "country": o.country,
                    "evidence": _evidence(o),
                }
                for o in proposal.organisations
            ],
            "countries": [_evidence(c) for c in proposal.countries],
            "people": [_evidence(p) for p in proposal.people],
            "money_vnd": [_evidence(m) for m in proposal.money_vnd],
            "statistics": [_evidence(s) for s in proposal.statistics],
            "planned": [_evidence(p) for p in proposal.planned],
        }
    return data


def proposals_as_json(proposals: list[Proposal], *, with_evidence: bool = False) -> list[dict]:
    return [proposal_as_json(proposal, with_evidence=with_evidence) for proposal in proposals]


__all__ = [
    "KIND_RECORDS",
    "Organisation",
    "Person",
    "Plan",
    "Proposal",
    "Statistic",
    "Value",
    "extract_article",
    "proposal_as_json",
    "proposals_as_json",
]
