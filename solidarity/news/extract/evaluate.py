"""Precision and recall of the extractor per field, on the evaluation set in ``eval/``.

Each article is ``eval/NN_name.txt`` (or ``.html``/``.docx``) with
``eval/NN_name.json``: ``{"article_date": "YYYY-MM-DD", "proposals": [...]}``,
the proposals with the keys of ``proposals_as_json``. Organisations resolve
against ``eval/gazetteer.json`` (a fixed directory, so the scores do not
depend on a database).

Scoring, per field, over all articles:

- proposals are paired in order of appearance by kind and date (greedy); a
  proposal left unpaired counts all its values as false positives (or, if
  expected, false negatives);
- kind, event_date, place: one value each (place matches when one folded
  text contains the other);
- organisations (by :func:`org_key`), countries, money_vnd (as a multiset),
  statistics (name and count), planned (year), people (by folded name) and
  people_titles (name and a title that contains or is contained in the
  expected one, folded): sets.

Two sets: ``eval/`` (23 articles, the rules were written against them) and
``eval/heldout/`` (7 articles written afterwards and scored once before any
change; see ``tests/test_extract.py`` for both floors).

Run: ``python -m solidarity.news.extract.evaluate [-v] [--heldout]`` or
``manage.py evaluate_extractor [--set heldout] [-v 2]``.
"""

from __future__ import annotations

import collections
import datetime
import json
import sys
from pathlib import Path

from solidarity.core.text import fold

from .extractor import extract_article, proposals_as_json
from .gazetteer import Gazetteer, org_key
from .reader import SUFFIXES, read_article

EVAL_DIR = Path(__file__).resolve().parent / "eval"
FIELDS = [
    "proposals",
    "kind",
    "event_date",
    "place",
    "organisations",
    "countries",
    "people",
    "people_titles",
    "money_vnd",
    "statistics",
    "planned",
]


def eval_gazetteer() -> Gazetteer:
    data = json.loads((EVAL_DIR / "gazetteer.json").read_text(encoding="utf-8"))
    return Gazetteer.from_rows(units=data["units"], partners=data["partners"])


def articles(directory: Path = EVAL_DIR):
    for expected in sorted(directory.glob("*.json")):
        if expected.name == "gazetteer.json":
            continue
        source = next((expected.with_suffix(s) for s in SUFFIXES if expected.with_suffix(s).exists()), None)
        if source:
            yield source, json.loads(expected.read_text(encoding="utf-8"))


def _items(proposal: dict | None, name: str) -> list:
    if proposal is None:
        return []
    if name == "proposals":
        return [1]
    if name in ("kind", "event_date"):
        return [proposal[name]] if proposal[name] else []
    if name == "place":
        return [fold(proposal["place"])] if proposal["place"] else []
    if name == "organisations":
        return [org_key(o) for o in proposal["organisations"]]
    if name == "people":
        return [fold(p[0]) for p in proposal["people"]]
    if name == "people_titles":
        return [(fold(p[0]), fold(p[1])) for p in proposal["people"]]
    if name == "statistics":
        return [(s["name"], s["count"]) for s in proposal["statistics"]]
    if name == "planned":
        return [p["year"] for p in proposal["planned"]]
    return list(proposal[name])


def _same(name: str, found, expected) -> bool:
    if name == "place":
        return found in expected or expected in found
    if name == "people_titles":
        return found[0] == expected[0] and (found[1] in expected[1] or expected[1] in found[1])
    return found == expected


def _count(name: str, found: list, expected: list) -> tuple[int, int, int]:
    left = list(expected)
    hits = 0
    for item in found:
        match = next((i for i, e in enumerate(left) if _same(name, item, e)), None)
        if match is not None:
            hits += 1
            left.pop(match)
    return hits, len(found) - hits, len(left)


def _pair(found: list[dict], expected: list[dict]) -> list[tuple]:
    pairs = []
    left = list(range(len(found)))
    for e in expected:
        scored = sorted(
            left,
            key=lambda i: (
                -((found[i]["kind"] == e["kind"]) * 2 + (found[i]["event_date"] == e["event_date"]))
            ),
        )
        if scored:
            pairs.append((found[scored[0]], e))
            left.remove(scored[0])
        else:
            pairs.append((None, e))
    pairs.extend((found[i], None) for i in left)
    return pairs


def evaluate(directory: Path = EVAL_DIR, gazetteer: Gazetteer | None = None) -> dict:
    """{field: {"tp", "fp", "fn", "precision", "recall"}} and the per-article misses under "_misses"."""
    gazetteer = gazetteer or eval_gazetteer()
    totals = {name: collections.Counter() for name in FIELDS}
    misses = []
    for source, truth in articles(directory):
        article_date = datetime.date.fromisoformat(truth["article_date"])
        found = proposals_as_json(
            extract_article(read_article(source), article_date=article_date, gazetteer=gazetteer)
        )
        for got, want in _pair(found, truth["proposals"]):
            for name in FIELDS:
                tp, fp, fn = _count(name, _items(got, name), _items(want, name))
                totals[name].update(tp=tp, fp=fp, fn=fn)
                if fp or fn:
                    misses.append((source.name, name, _items(got, name), _items(want, name)))
    scores = {}
    for name, count in totals.items():
        tp, fp, fn = count["tp"], count["fp"], count["fn"]
        scores[name] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
        }
    scores["_misses"] = misses
    scores["_articles"] = sum(1 for _ in articles(directory))
    return scores


def report(scores: dict, *, verbose: bool = False) -> str:
    lines = [f"{scores['_articles']} articles", f"{'field':<15} {'precision':>9} {'recall':>7}   tp  fp  fn"]
    for name in FIELDS:
        s = scores[name]
        lines.append(
            f"{name:<15} {s['precision']:>9.2f} {s['recall']:>7.2f} {s['tp']:>4} {s['fp']:>3} {s['fn']:>3}"
        )
    if verbose:
        lines.append("")
        for article, name, got, want in scores["_misses"]:
            lines.append(f"{article} {name}: found {got} expected {want}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    directory = EVAL_DIR / "heldout" if "--heldout" in argv else EVAL_DIR
    print(report(evaluate(directory), verbose="-v" in argv or "--verbose" in argv))
    return 0


if __name__ == "__main__":
    import django

    if not __import__("django.conf").conf.settings.configured:
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
        django.setup()
    sys.exit(main())
