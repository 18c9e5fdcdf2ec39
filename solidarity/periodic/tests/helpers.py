import datetime
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def at(day: datetime.date, hour: int = 10):
    """Run with the app's clock (timezone.now) at ``day`` ``hour``:00 local time."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    with mock.patch.object(timezone, "now", lambda: moment):
        yield moment
