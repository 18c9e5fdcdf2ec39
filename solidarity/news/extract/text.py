"""Text plumbing for the extractor: a folded copy with the same offsets, sentences, evidence.

Every value the extractor proposes carries the character span it came from
in the article's text (NFC-normalised, see :func:`normalise`), so the review
page can highlight it inside its sentence. To find words diacritic-blind and
still know where they are, :func:`fold_same_length` folds character by
character: position *i* of the folded copy is position *i* of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from solidarity.core.text import fold


def normalise(text: str) -> str:
    """NFC, Unix line ends, no-break spaces as spaces: the text every span refers to."""
    text = unicodedata.normalize("NFC", text or "")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")


def fold_same_length(text: str) -> str:
    """:func:`solidarity.core.text.fold` one character at a time (spaces are not squeezed)."""
    out = []
    for ch in text:
        folded = fold(ch) if not ch.isspace() else " "
        out.append(folded[:1] if folded else ch.lower()[:1] or " ")
    return "".join(out)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: its span in the text and the sentence around it."""

    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }


# Abbreviations that end with a full stop inside a sentence ("TP. Vinh", "TS. Lê").
_NO_BREAK_BEFORE = {"tp", "ts", "ths", "pgs", "gs", "ng", "st", "v.v", "tr", "đ/c"}
_BREAK = re.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“(\[]?[0-9A-ZĐÀ-Ỹ])|\n\s*")


def sentences(text: str) -> list[Sentence]:
    """Split on line breaks and on sentence-final punctuation before a capital or digit."""
    found = []
    start = 0
    for match in _BREAK.finditer(text):
        before = text[start : match.start()].rsplit(None, 1)
        if match.group().startswith(".") and before and before[-1].lower() in _NO_BREAK_BEFORE:
            continue
        _add(found, text, start, match.end())
        start = match.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    begin = start + lead
    found.append(Sentence(begin, begin + len(stripped), stripped))


def evidence(sentence: Sentence, start: int, end: int) -> Evidence:
    return Evidence(start, end, sentence.text, sentence.start, sentence.end)


WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def is_capitalised(token: str) -> bool:
    return bool(token) and token[0].isupper()


# Two-syllable words of organisation names whose second (or first) syllable is written in lower case:
# "Công đoàn Nông nghiệp và Phát triển nông thôn", "Khu tự trị dân tộc Choang", "Mía đường".
COMPOUNDS = {
    ("cong", "doan"), ("lao", "dong"), ("cong", "hoi"), ("lien", "hiep"), ("lien", "doan"),
    ("nong", "nghiep"), ("lam", "nghiep"), ("cong", "nghiep"), ("giao", "duc"), ("y", "te"),
    ("quoc", "te"), ("phat", "trien"), ("nong", "thon"), ("co", "phan"), ("xay", "dung"),
    ("thuong", "binh"), ("xa", "hoi"), ("dien", "luc"), ("van", "tai"), ("giao", "thong"),
    ("ngan", "hang"), ("cong", "thuong"), ("dau", "khi"), ("hoa", "chat"), ("det", "may"),
    ("thuy", "san"), ("du", "lich"), ("quoc", "phong"), ("cong", "an"), ("tu", "tri"),
    ("dan", "toc"), ("mia", "duong"), ("khoang", "san"), ("huu", "han"), ("thong", "tin"),
    ("truyen", "thong"), ("dich", "vu"), ("xuat", "khau"), ("nhap", "khau"), ("dai", "hoc"),
    ("cao", "su"), ("than", "khoang"), ("buu", "dien"), ("vien", "thong"), ("hang", "khong"),
    ("duong", "sat"), ("hang", "hai"), ("thuong", "mai"), ("tai", "chinh"), ("nha", "nuoc"),
    ("cong", "ty"), ("thu", "do"), ("cong", "nhan"), ("thanh", "vien"), ("tap", "doan"), ("benh", "vien"),
}  # fmt: skip
