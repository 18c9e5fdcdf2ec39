"""Reads of agreements and commitments, always through ``visible_to(user)``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from solidarity.core.dates import year_end

from .choices import CommitmentStatus, SigningStepKind
from .models import Agreement, Commitment, SigningStep


def late_step_q(on: datetime.date, prefix: str = "") -> Q:
    """Steps done after their due date, or still open past it (as ``SigningStep.is_late``)."""
    due, done = f"{prefix}due_on", f"{prefix}done_on"
    return Q(**{f"{due}__isnull": False}) & (
        Q(**{f"{done}__isnull": True, f"{due}__lt": on}) | Q(**{f"{done}__gt": F(due)})
    )


def agreement_list(*, user) -> QuerySet[Agreement]:
    """Visible agreements with what a list row shows, in a fixed number of queries."""
    today = timezone.localdate()
    late_steps = SigningStep.objects.filter(late_step_q(today), agreement=OuterRef("pk"))
    overdue = (
        Commitment.objects.active()
        .overdue(today)
        .filter(agreement=OuterRef("pk"))
        .order_by()
        .values("agreement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Agreement.objects.visible_to(user)
        .select_related("owner_unit")
        .prefetch_related("partners")
        .annotate(has_late_step=Exists(late_steps), overdue_count=Coalesce(Subquery(overdue), 0))
    )


def commitment_list(*, user) -> QuerySet[Commitment]:
    return Commitment.objects.visible_to(user).select_related(
        "owner_unit", "responsible_unit", "agreement", "phase"
    )


def signing_steps_of(agreement: Agreement) -> list[SigningStep]:
    order = [kind.value for kind in SigningStepKind]
    return sorted(agreement.signing_steps.all(), key=lambda step: order.index(step.kind))


# -- timeline -----------------------------------------------------------------


@dataclass
class TimelineEntry:
    date: datetime.date
    kind: str  # delegation, meeting, support, commitment, signing_step
    title: str
    url: str
    badge: str = ""  # a short flag: "overdue", "late", a state...
    badge_class: str = "text-bg-secondary"


def _url(obj) -> str:
    # Apps built in parallel may not route their detail pages yet.
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def agreement_timeline(*, agreement: Agreement, user) -> list[TimelineEntry]:
    """Everything that happened under ``agreement``, oldest first.

    Five queries whatever the number of rows: delegations, meetings, support
    (through those delegations or meetings), commitments, signing steps; each
    through its model's ``visible_to(user)``.
    """
    from solidarity.delegations.models import Delegation
    from solidarity.meetings.models import Meeting
    from solidarity.support.models import Support

    entries: list[TimelineEntry] = []
    for delegation in Delegation.objects.visible_to(user).active().filter(agreement=agreement):
        entries.append(
            TimelineEntry(
                delegation.start_on,
                "delegation",
                f"{delegation.get_direction_display()}: {delegation.title}",
                _url(delegation),
                delegation.get_state_display(),
            )
        )
    for meeting in Meeting.objects.visible_to(user).active().filter(agreement=agreement):
        entries.append(
            TimelineEntry(
                meeting.start_on,
                "meeting",
                f"{meeting.get_kind_display()}: {meeting.title}",
                _url(meeting),
                meeting.get_state_display(),
            )
        )
    supports = (
        Support.objects.visible_to(user)
        .active()
        .filter(Q(delegation__agreement=agreement) | Q(meeting__agreement=agreement))
        .select_related("partner")
    )
    for support in supports:
        entries.append(
            TimelineEntry(
                support.given_on,
                "support",
                f"{support.get_direction_display()} · {support.partner} · {support.get_form_display()}",
                _url(support),
                f"{support.total_vnd:,}".replace(",", ".") + " ₫",
                "text-bg-light border",
            )
        )
    commitments = Commitment.objects.visible_to(user).active().filter(agreement=agreement)
    for commitment in commitments:
        if commitment.status == CommitmentStatus.DONE and commitment.done_on:
            when, badge, css = commitment.done_on, _("Done"), "text-bg-success"
        elif commitment.due_on:
            when, badge, css = commitment.due_on, commitment.get_status_display(), "text-bg-secondary"
        elif commitment.due_year:
            when, badge, css = (
                year_end(commitment.due_year),
                commitment.get_status_display(),
                "text-bg-secondary",
            )
        else:
            continue
        if commitment.is_overdue:
            badge, css = _("Overdue"), "text-bg-danger"
        title = Truncator(commitment.description).chars(160)
        entries.append(TimelineEntry(when, "commitment", title, _url(commitment), badge, css))
    for step in agreement.signing_steps.all():
        when = step.done_on or step.due_on
        if when is None:
            continue
        if step.is_late:
            badge, css = _("Late"), "text-bg-danger"
        elif step.done_on:
            badge, css = _("Done"), "text-bg-success"
        else:
            badge, css = _("Due"), "text-bg-warning"
        entries.append(
            TimelineEntry(when, "signing_step", step.get_kind_display(), _url(agreement), badge, css)
        )
    entries.sort(key=lambda entry: entry.date)
    return entries
