"""Reads of meetings, always through the one permission rule."""

from __future__ import annotations

from django.db.models import Prefetch

from solidarity.agreements.models import Commitment
from solidarity.partners.models import Partner
from solidarity.support.models import Support

from .models import Meeting


def meeting_list(*, user):
    """Meetings the user may see, with what a list row shows, in a fixed number of queries."""
    return (
        Meeting.objects.visible_to(user)
        .select_related("owner_unit")
        .prefetch_related(Prefetch("partners", queryset=Partner.objects.only("pk", "name", "short_name")))
    )


def meeting_follow_ups(*, meeting: Meeting, user):
    return (
        Commitment.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("responsible_unit", "agreement")
        .order_by("due_on", "due_year", "pk")
    )


def meeting_support(*, meeting: Meeting, user):
    return Support.objects.visible_to(user).active().filter(meeting=meeting).select_related("partner")
