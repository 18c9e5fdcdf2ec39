"""A person kind for the privacy administration's tests: contacts, until their app registers its own."""

from __future__ import annotations

import datetime
from contextlib import contextmanager

from django.utils import timezone

from . import registry
from .registry import PersonKind

CONTACT_KEY = "contacts.contact"


def _contacts_due(queryset, cutoff: datetime.date):
    start = datetime.datetime.combine(cutoff, datetime.time.min, tzinfo=timezone.get_current_timezone())
    return queryset.filter(updated_at__lt=start)


CONTACTS = PersonKind(
    key=CONTACT_KEY,
    label="Contacts (test)",
    unit_field="owner_unit",
    personal_fields=("full_name", "email", "phone", "notes"),
    erased_values={"full_name": "(erased)"},
    retention_due=_contacts_due,
)


@contextmanager
def contacts_registered(kind: PersonKind = CONTACTS):
    """Register ``kind`` for the block (unless the contacts app already did), then put things back."""
    previous = registry._kinds.get(kind.key)
    registry.register(kind)
    try:
        yield kind
    finally:
        if previous is None:
            registry._kinds.pop(kind.key, None)
        else:
            registry._kinds[kind.key] = previous
