"""Timelines: a partner's or an agreement's records in date order, a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from solidarity.core.dates import year_end


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    kind: str  # a short translated label: "Delegation", "Meeting", ...
    title: str
    url: str
    badge: str = ""  # e.g. the state, "overdue"
    unit: str = ""
    alert: bool = False  # shown in red: an overdue commitment, a late report


def _entries_for(*, user, limit: int, delegations, meetings, support, commitments, agreements=None):
    entries: list[TimelineEntry] = []
    if agreements is not None:
        for agreement in agreements.select_related("owner_unit")[:limit]:
            if agreement.signed_on:
                entries.append(
                    TimelineEntry(
                        agreement.signed_on,
                        _("Agreement signed"),
                        agreement.title,
                        agreement.get_absolute_url(),
                        agreement.get_status_display(),
                        agreement.owner_unit.display_name,
                    )
                )
    for delegation in delegations.select_related("owner_unit")[:limit]:
        entries.append(
            TimelineEntry(
                delegation.start_on,
                delegation.get_direction_display(),
                delegation.title,
                delegation.get_absolute_url(),
                delegation.get_state_display(),
                delegation.owner_unit.display_name,
            )
        )
    for meeting in meetings.select_related("owner_unit")[:limit]:
        entries.append(
            TimelineEntry(
                meeting.start_on,
                meeting.get_kind_display(),
                meeting.title,
                meeting.get_absolute_url(),
                "",
                meeting.owner_unit.display_name,
            )
        )
    for item in support.select_related("owner_unit", "partner")[:limit]:
        entries.append(
            TimelineEntry(
                item.given_on,
                _("Support %(direction)s") % {"direction": item.get_direction_display().lower()},
                f"{item.partner} · {item.total_vnd:,} ₫".replace(",", "."),
                item.get_absolute_url(),
                item.get_form_display(),
                item.owner_unit.display_name,
            )
        )
    for commitment in commitments.select_related("owner_unit")[:limit]:
        when = (
            commitment.done_on
            or commitment.due_on
            or (year_end(commitment.due_year) if commitment.due_year else None)
        )
        if when is None:
            continue
        overdue = commitment.is_overdue
        entries.append(
            TimelineEntry(
                when,
                _("Commitment"),
                str(commitment),
                commitment.get_absolute_url(),
                _("overdue") if overdue else commitment.get_status_display(),
                commitment.owner_unit.display_name,
                alert=overdue,
            )
        )
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries


def partner_timeline(*, partner, user, limit: int = 100) -> list[TimelineEntry]:
    """Everything the user may see that was done with ``partner``, newest first."""
    from django.db.models import Q

    from solidarity.agreements.models import Agreement, Commitment
    from solidarity.delegations.models import Delegation
    from solidarity.meetings.models import Meeting
    from solidarity.support.models import Support

    return _entries_for(
        user=user,
        limit=limit,
        agreements=Agreement.objects.visible_to(user)
        .active()
        .filter(partners=partner)
        .order_by("-signed_on"),
        delegations=Delegation.objects.visible_to(user)
        .active()
        .filter(partners=partner)
        .order_by("-start_on"),
        meetings=Meeting.objects.visible_to(user).active().filter(partners=partner).order_by("-start_on"),
        support=Support.objects.visible_to(user).active().filter(partner=partner).order_by("-given_on"),
        commitments=Commitment.objects.visible_to(user)
        .active()
        .filter(Q(agreement__partners=partner) | Q(meeting__partners=partner))
        .distinct()
        .order_by("-due_on"),
    )
