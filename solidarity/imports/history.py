"""Who imported what, in every history row an import writes, without touching the services.

The services save records and their lines themselves; while an import runs, a
context variable holds its reason and user, and simple-history's
``pre_create_historical_record`` signal stamps them on each history row.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

_CURRENT: ContextVar[tuple[str, object] | None] = ContextVar("import_history", default=None)


@contextlib.contextmanager
def importing(*, reason: str, user):
    token = _CURRENT.set((reason, user))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def stamp_history(sender, instance, history_instance, **kwargs) -> None:
    current = _CURRENT.get()
    if current is None:
        return
    reason, user = current
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = reason[:100]
    if getattr(history_instance, "history_user_id", None) is None:
        history_instance.history_user = user
