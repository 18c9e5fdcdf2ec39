"""The dates people may enter, and date arithmetic that cannot overflow.

Python dates run to 31/12/9999: a typo such as 20/12/9999 parses, and a
deadline computed from it (end date + 15 days) raises OverflowError on every
page that shows it. Every date a user enters is kept to a span the union's
international work can have, stated in the refusal: from 1 January 1945 (older
than any record it keeps) to ten years ahead (enough for any plan or agreement
term).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1945, 1, 1)
YEARS_AHEAD = 10


def latest_allowed() -> datetime.date:
    """Ten years from today (28 February when today is 29 February)."""
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def validate_sensible_date(value: datetime.date | None) -> None:
    """Refuse a date before 1945 or more than ten years ahead, saying which span is allowed."""
    if value is None:
        return
    latest = latest_allowed()
    if not EARLIEST <= value <= latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST.strftime("%d/%m/%Y"), "latest": latest.strftime("%d/%m/%Y")},
        )


EARLIEST_BIRTH = datetime.date(1900, 1, 1)


def validate_birth_date(value: datetime.date | None) -> None:
    """Refuse a date of birth before 1900 or after today, saying which span is allowed."""
    if value is None:
        return
    today = timezone.localdate()
    if not EARLIEST_BIRTH <= value <= today:
        raise ValidationError(
            _("Enter a date of birth between %(earliest)s and today."),
            code="birth_date_out_of_range",
            params={"earliest": EARLIEST_BIRTH.strftime("%d/%m/%Y")},
        )


def add_days(day: datetime.date, days: int) -> datetime.date:
    """``day`` + ``days``, stopping at the first or last date Python knows instead of raising.

    For deadlines shown on list pages: a stored date the bounds did not catch
    (entered before they existed, or written by a script) must not break the page.
    """
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min
