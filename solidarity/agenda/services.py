"""The calendar's only write: giving a user a new secret feed address."""

from __future__ import annotations

from django.db import transaction

from .models import CalendarFeed, new_token


@transaction.atomic
def feed_reset(*, user) -> CalendarFeed:
    """A new token for ``user``'s feed (made on first use): the old address stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_token()
        feed.save(update_fields=["token"])
    return feed
