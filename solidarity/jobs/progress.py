"""A running job's progress, readable by other processes while the job's transaction is open.

An import writes everything in one transaction; its progress cannot be a row
update in that transaction (nobody else sees it) nor in another connection (on
SQLite the import holds the only write lock). So live progress goes through a
cache that every process shares (``CACHES["jobs"]``: files on this machine by
default, Redis when ``REDIS_URL`` is set); the row gets the final figures.
"""

from __future__ import annotations

import time

from django.core.cache import caches

INTERVAL = 0.5  # seconds between two writes of the same job's progress


def _cache():
    return caches["jobs"]


def _key(job_id: int) -> str:
    return f"job:{job_id}"


class Progress:
    """Handed to a runner: ``progress.total(n)``, then ``progress.advance()`` per row (cheap)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.done = 0
        self.count: int | None = None
        self._written = 0.0

    def total(self, count: int | None) -> None:
        self.count = count
        self._write(force=True)

    def advance(self, step: int = 1) -> None:
        self.done += step
        self._write()

    def set(self, done: int) -> None:
        self.done = done
        self._write()

    def _write(self, *, force: bool = False) -> None:
        now = time.time()
        if force or now - self._written >= INTERVAL:
            self._written = now
            _cache().set(_key(self.job_id), (self.done, self.count, now), timeout=24 * 3600)


def read(job_id: int) -> tuple[int, int | None] | None:
    """(done, total) as last written by the running job, or None."""
    value = _cache().get(_key(job_id))
    return None if value is None else (value[0], value[1])


def last_beat(job_id: int) -> float | None:
    value = _cache().get(_key(job_id))
    return None if value is None else value[2]


def forget(job_id: int) -> None:
    _cache().delete(_key(job_id))
