"""Vietnamese text folding for search and duplicate detection.

People type without diacritics ("xieng khoang", "nghe an"), so we index and
query a folded copy: NFD, drop combining marks, lower-case, and map "đ" by
hand because U+0111 has no decomposition. Folding merges distinct words
("Lào" and "Lao"): use it to find, never to decide identity on its own.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = stripped.lower().replace("đ", "d").replace("ð", "d")
    return _SPACES.sub(" ", lowered).strip()


def fold_join(*parts: str | None) -> str:
    """Fold several fields into one searchable string."""
    return " | ".join(fold(part) for part in parts if part)
