"""Reads of delegations, always through the permission rule."""

from __future__ import annotations

import datetime

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from solidarity.records.workflow import waiting_for
from solidarity.staff.models import Officer

from .choices import CostKind
from .models import Delegation, Member


def delegation_list(*, user) -> QuerySet[Delegation]:
    """Delegations ``user`` may see, with the member count computed per page row (no query per row)."""
    members = (
        Member.objects.filter(delegation=OuterRef("pk"))
        .order_by()
        .values("delegation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Delegation.objects.visible_to(user)
        .select_related("owner_unit")
        .annotate(member_count=Coalesce(Subquery(members, output_field=IntegerField()), 0))
    )


def overdue_reports(*, user, on: datetime.date | None = None) -> QuerySet[Delegation]:
    """Delegations whose post-trip report is late, oldest first (for the home page)."""
    return (
        Delegation.objects.visible_to(user)
        .active()
        .report_overdue(on)
        .select_related("owner_unit")
        .order_by("end_on", "pk")
    )


def delegation_queue(*, user) -> QuerySet[Delegation]:
    """Submitted delegations waiting for ``user``'s decision as a leader of the approver unit."""
    return (
        waiting_for(user=user, queryset=Delegation.objects.visible_to(user).active())
        .select_related("owner_unit")
        .order_by("start_on", "pk")
    )


def meeting_queue(*, user):
    """Hosted international meetings waiting for ``user``'s decision."""
    from solidarity.meetings.models import Meeting

    meetings = Meeting.objects.visible_to(user).active().filter(hosted=True, is_international=True)
    return waiting_for(user=user, queryset=meetings).select_related("owner_unit").order_by("start_on", "pk")


def members_of(delegation: Delegation, *, user) -> list[Member]:
    """The delegation's members with their unit and officer; ``.officer_url`` is the officer's page
    when ``user`` may see that register row (one query for all of them), else empty."""
    members = list(delegation.members.select_related("unit", "officer"))
    linked = {m.officer_id for m in members if m.officer_id}
    visible = (
        set(Officer.objects.visible_to(user).filter(pk__in=linked).values_list("pk", flat=True))
        if linked
        else set()
    )
    for member in members:
        member.officer_url = member.officer.get_absolute_url() if member.officer_id in visible else ""
    return members


def person_count(delegation: Delegation, members: list[Member] | None = None) -> int:
    """Person-trips (outgoing) or guests (incoming): members, or the planned count while none."""
    count = len(members) if members is not None else getattr(delegation, "member_count", None)
    if count is None:
        count = delegation.members.count()
    return count or (delegation.planned_count or 0)


def cost_totals(delegation: Delegation) -> dict:
    """VND totals of estimated and actual costs, overall and by funding source."""
    rows = delegation.costs.values("kind", "source").annotate(total=Sum("amount_vnd")).order_by()
    totals: dict = {CostKind.ESTIMATED: 0, CostKind.ACTUAL: 0, "by_source": {}}
    for row in rows:
        totals[row["kind"]] += row["total"] or 0
        per_source = totals["by_source"].setdefault(
            row["source"], {CostKind.ESTIMATED: 0, CostKind.ACTUAL: 0}
        )
        per_source[row["kind"]] += row["total"] or 0
    return totals
