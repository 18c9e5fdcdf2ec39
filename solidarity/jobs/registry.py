"""What each kind of job runs: apps register a runner in their ``ready()``.

A runner is ``runner(job, progress) -> Outcome``. It runs in the worker, as no
request: it reads ``job.owner`` and ``job.params`` and goes through the same
selectors, FilterSets and services as the pages, so the permission rule holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RUNNERS: dict[str, Callable] = {}


@dataclass
class Outcome:
    message: str = ""  # shown to the owner, in their language
    path: Path | None = None  # a finished file to keep (moved into the job's storage)
    file_name: str = ""  # the name it downloads under
    url: str = ""  # a page showing the result (an import's batch)


def register(kind: str, runner: Callable) -> None:
    RUNNERS[kind] = runner


def runner_for(kind: str) -> Callable:
    try:
        return RUNNERS[kind]
    except KeyError:
        raise LookupError(f"no job runner registered for {kind!r}") from None
