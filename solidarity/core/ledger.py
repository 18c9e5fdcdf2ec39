"""Money ledgers that keep their history: a line is never changed or deleted, a mistake is cancelled by
a reversal (a new line, dated, saying why, pointing at the one it cancels through ``reverses``).

A social fund's entries and a sponsorship project's disbursements are such ledgers; what their
reversals share is here: how a reversal counts (negative) and what makes one refused. Whatever is
particular (a fund's closed period) stays in the app's services.
"""

from __future__ import annotations

import datetime

from django.db.models import BigIntegerField, Case, F, Value, When
from django.utils.translation import gettext as _


def signed(field: str):
    """``field`` as a ledger line adds it up: negative for a reversal (a line with ``reverses``)."""
    minus = Value(-1, output_field=BigIntegerField())
    return Case(
        When(reverses__isnull=False, then=F(field) * minus), default=F(field), output_field=BigIntegerField()
    )


def has_reversal(line) -> bool:
    """Whether ``line`` has been reversed (its ``reversal``, one-to-one, read or fetched)."""
    try:
        return line.reversal is not None
    except type(line).reversal.RelatedObjectDoesNotExist:
        return False


def reversal_errors(
    *,
    line,
    line_date: datetime.date,
    reason: str,
    on: datetime.date,
    line_key: str,
    date_key: str,
    reason_key: str = "note",
) -> dict:
    """Why ``line`` cannot be reversed on ``on`` for ``reason``, by field; empty when it can.

    A reversal is not itself reversed (the line is recorded again instead), a line is reversed
    once, the reason is said, and a reversal is not dated before the line it cancels.
    """
    errors: dict = {}
    if line.reverses_id is not None:
        errors[line_key] = _("This entry is itself a reversal: record the entry again instead.")
    elif has_reversal(line):
        errors[line_key] = _("This entry has already been reversed.")
    if not (reason or "").strip():
        errors[reason_key] = _("Say why the entry is reversed.")
    if on is None:
        errors[date_key] = _("Give the date.")
    elif on < line_date:
        errors[date_key] = _("A reversal cannot be dated before the entry it reverses (%(day)s).") % {
            "day": line_date.strftime("%d/%m/%Y")
        }
    return errors
