"""Our units and our partners, as the extractor recognises them in an article.

Matching is diacritic-blind (:func:`solidarity.core.text.fold`) on a
canonical key: the union's abbreviations written out (LĐLĐ → Liên đoàn Lao
động, LHCĐ → Liên hiệp Công đoàn, CĐ → Công đoàn, CĐCS → Công đoàn cơ sở, CĐN →
Công đoàn ngành, TLĐ → Tổng Liên đoàn Lao động Việt Nam, PTNT → phát triển
nông thôn ...) and the words "tỉnh"/"thành phố" dropped, so "LĐLĐ Nghệ An",
"Liên đoàn Lao động tỉnh Nghệ An" and "Lien doan lao dong tinh Nghe An" are
one key.

Size. A national tree has ~150,000 units, nearly all of them grassroots
unions, and the articles name mostly the confederation, provincial and
sectoral federations and district federations. So :meth:`Gazetteer.from_db`
keeps in memory only the units of depth 1 to 3 (a few thousand rows) and
every partner (the directory: hundreds to a few thousand), as dicts of keys
(built once, then reused for ``CACHE_SECONDS`` by every call in the
process); a deeper unit named in an article ("CĐCS Công ty ...") is looked
up in the database with one trigram-indexed query on ``Unit.search_text``
per unknown candidate name that starts with "Công đoàn"/"CĐCS" (``core.search``;
names of partners and of upper units never reach the database), and the
answer is cached on the instance. Measured in ``tests/test_extract_gazetteer.py::test_speed_on_a_big_tree``
and in the report of the branch.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

from solidarity.core.text import fold

# Folded abbreviation → folded words, applied word by word.
ABBREVIATIONS = {
    "tld": "tong lien doan lao dong viet nam",
    "tldld": "tong lien doan lao dong viet nam",
    "ldld": "lien doan lao dong",
    "lhcd": "lien hiep cong doan",
    "cdcs": "cong doan co so",
    "cdn": "cong doan nganh",
    "cdtct": "cong doan tong cong ty",
    "cdkcn": "cong doan khu cong nghiep",
    "cd": "cong doan",
    "ptnt": "phat trien nong thon",
    "nn": "nong nghiep",
    "tp": "thanh pho",
    "kcn": "khu cong nghiep",
    "ubnd": "uy ban nhan dan",
    "tw": "trung uong",
    "tnhh": "trach nhiem huu han",
    "gtvt": "giao thong van tai",
    "ld-tb&xh": "lao dong thuong binh va xa hoi",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "vn": "viet nam",
    "hcm": "ho chi minh",
    "tphcm": "thanh pho ho chi minh",
}
_DROPPED = {"tinh", "thanh pho", "cua"}
_NON_WORD = re.compile(r"[^0-9a-z&]+")
CACHE_SECONDS = 300
# Below depth 3 every unit is a "Công đoàn ..." (grassroots, commune, school, company unions): only such
# names are looked up in the database; an unknown "Liên hiệp Công đoàn tỉnh ..." is a partner or nothing.
DEEP_HEAD = "cong doan "
IN_MEMORY_DEPTH = 3


def org_key(name: str) -> str:
    """The canonical key of an organisation's name (folded, abbreviations written out)."""
    folded = fold(name).replace("&", " va ")
    words = []
    for word in _NON_WORD.split(folded):
        if not word:
            continue
        words.extend(ABBREVIATIONS.get(word, word).split())
    text = " ".join(words)
    if text == "tong lien doan":
        text = "tong lien doan lao dong viet nam"
    if text == "cong doan viet nam":
        text = "tong lien doan lao dong viet nam"
    for dropped in _DROPPED:
        # "tỉnh" before a name goes; the last word stays ("Hà Tĩnh" folds to "ha tinh").
        text = re.sub(rf"(?<![a-z]){dropped} (?=[a-z])", "", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Entry:
    name: str
    unit_id: int | None = None
    partner_id: int | None = None
    country: str = ""


@dataclass
class Gazetteer:
    """Keys of known organisations; ``lookup`` reaches the rest of the tree when it is a database's."""

    keys: dict[str, Entry] = field(default_factory=dict)
    # Partner short names and original names found as they are written ("FKTU", "JTUC-Rengo").
    aliases: dict[str, Entry] = field(default_factory=dict)
    deep_lookup: bool = False
    _cache: dict[str, Entry | None] = field(default_factory=dict, repr=False)
    _alias_pattern: re.Pattern | None = field(default=None, repr=False)

    @classmethod
    def from_rows(cls, units=(), partners=()) -> Gazetteer:
        """``units``: (id, name, short_name); ``partners``: (id, name, short_name, name_original, country)."""
        gazetteer = cls()
        for unit_id, name, short_name in units:
            entry = Entry(name, unit_id=unit_id)
            for label in (name, short_name):
                if label:
                    gazetteer.keys.setdefault(org_key(label), entry)
        for partner_id, name, short_name, original, country in partners:
            entry = Entry(name, partner_id=partner_id, country=str(country or ""))
            gazetteer.keys.setdefault(org_key(name), entry)
            for label in (short_name, original):
                if not label:
                    continue
                gazetteer.keys.setdefault(org_key(label), entry)
                if len(label) >= 3:
                    gazetteer.aliases.setdefault(label, entry)
        return gazetteer

    @classmethod
    def from_db(cls, *, fresh: bool = False) -> Gazetteer:
        """The gazetteer of the database: upper units and partners in memory, deeper units on demand."""
        with _LOCK:
            cached = _CACHE.get("db")
            if cached and not fresh and time.monotonic() - cached[0] < CACHE_SECONDS:
                return cached[1]
        from solidarity.partners.models import Partner
        from solidarity.units.models import Unit

        units = (
            Unit.objects.filter(depth__lte=IN_MEMORY_DEPTH).order_by().values_list("id", "name", "short_name")
        )
        partners = (
            Partner.objects.filter(is_active=True)
            .order_by()
            .values_list("id", "name", "short_name", "name_original", "country")
        )
        gazetteer = cls.from_rows(units.iterator(chunk_size=2000), partners.iterator(chunk_size=2000))
        gazetteer.deep_lookup = True
        with _LOCK:
            _CACHE["db"] = (time.monotonic(), gazetteer)
        return gazetteer

    @staticmethod
    def forget() -> None:
        """Drop the process's cached database gazetteer (tests, after loading units)."""
        with _LOCK:
            _CACHE.clear()

    def match(self, written: str) -> Entry | None:
        """The known organisation a name in the text stands for, or None."""
        key = org_key(written)
        if not key:
            return None
        entry = self.keys.get(key)
        if entry or not self.deep_lookup or not key.startswith(DEEP_HEAD):
            return entry
        if key not in self._cache:
            self._cache[key] = self._lookup_unit(written, key)
        return self._cache[key]

    def _lookup_unit(self, written: str, key: str) -> Entry | None:
        """One trigram-indexed query for a deeper unit whose name or short name has this key."""
        from solidarity.core.search import text_search
        from solidarity.units.models import Unit

        # The most distinctive part of what was written: the words after the union's own ones.
        tail = re.sub(
            r"^(?:tong lien doan lao dong|lien doan lao dong|lien hiep cong doan|cong doan co so|"
            r"cong doan nganh|"
            r"cong doan|ldld|lhcd|cdcs|cdn|cd)\s+(?:tinh\s+|thanh pho\s+|tp\s+)?",
            "",
            fold(written),
        )
        if len(tail) < 4:
            return None
        rows = text_search(Unit.objects.order_by(), tail).values_list("id", "name", "short_name")[:50]
        for unit_id, name, short_name in rows:
            if org_key(name) == key or (short_name and org_key(short_name) == key):
                return Entry(name, unit_id=unit_id)
        return None

    def alias_pattern(self) -> re.Pattern | None:
        if self._alias_pattern is None and self.aliases:
            names = sorted(self.aliases, key=len, reverse=True)
            self._alias_pattern = re.compile(
                r"(?<![^\W_])(?:" + "|".join(re.escape(name) for name in names) + r")(?![^\W_])"
            )
        return self._alias_pattern


_LOCK = threading.Lock()
_CACHE: dict[str, tuple[float, Gazetteer]] = {}
