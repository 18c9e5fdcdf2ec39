"""Replaying the past through the services: who did it, and when.

The demo records things that happened years ago, through the same services
the screens use. Those services stamp rows with ``timezone.now()`` (creation
times, history rows, workflow events) and judge dates against today ("not in
the future", "not before the trip began"). Django's ``timezone.now`` is the
app's one clock, so the loader sets it to the moment the data names while a
service runs: every row then carries the date it would have had, and each step
is judged as it would have been on that day. Without this the loader would
have to rewrite timestamps after the fact, table by table.

The acting user is what the history middleware gives the services during a
request: history rows name who made the change.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone
from simple_history.models import HistoricalRecords


class _Request:
    """What simple-history reads from the request it is given: the user."""

    def __init__(self, user):
        self.user = user


@contextmanager
def acting(by, *, at: datetime.datetime | None = None) -> Iterator[None]:
    """Run the services as ``by`` (history rows name them), at moment ``at`` (default: now)."""
    context = HistoricalRecords.context
    had_request = hasattr(context, "request")
    previous = getattr(context, "request", None)
    context.request = _Request(by)
    try:
        if at is None:
            yield
        else:
            with mock.patch.object(timezone, "now", lambda: at):
                yield
    finally:
        if had_request:
            context.request = previous
        else:
            del context.request
