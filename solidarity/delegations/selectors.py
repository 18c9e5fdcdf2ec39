"""Reads of delegations, always through the permission rule."""

from __future__ import annotations

import datetime

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from solidarity.core.choices import FundingSource
from solidarity.core.history import HistoryEntry, record_history
from solidarity.core.templatetags.core_tags import vnd
from solidarity.core.workflow import waiting_for

from .choices import CostKind
from .models import Cost, Delegation, Member, ProgrammeItem


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


def delegation_history(delegation: Delegation, *, limit: int = 50) -> list[HistoryEntry]:
    """The delegation's own history merged with its members', programme's and costs' changes, newest first.

    One query per kind of line (not per row): "Member added: Nguyễn Văn A", "Cost removed: …".
    """
    entries = record_history(record=delegation, limit=limit)
    labels = {
        Member: {
            "+": gettext_lazy("Member added: %(line)s"),
            "~": gettext_lazy("Member changed: %(line)s"),
            "-": gettext_lazy("Member removed: %(line)s"),
        },
        ProgrammeItem: {
            "+": gettext_lazy("Programme item added: %(line)s"),
            "~": gettext_lazy("Programme item changed: %(line)s"),
            "-": gettext_lazy("Programme item removed: %(line)s"),
        },
        Cost: {
            "+": gettext_lazy("Cost added: %(line)s"),
            "~": gettext_lazy("Cost changed: %(line)s"),
            "-": gettext_lazy("Cost removed: %(line)s"),
        },
    }
    for model, reasons in labels.items():
        rows = (
            model.history.filter(delegation_id=delegation.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:limit]
        )
        for row in rows:
            entries.append(
                HistoryEntry(row, str(reasons[row.history_type]) % {"line": _line(model, row)}, [])
            )
    entries.sort(key=lambda entry: entry.record.history_date, reverse=True)
    return entries[:limit]


def _line(model, row) -> str:
    """A child line as a reader knows it, from its historical row (no further query)."""
    if model is Member:
        return row.full_name
    if model is ProgrammeItem:
        return f"{date_format(row.day, 'SHORT_DATE_FORMAT')} · {Truncator(row.activity).chars(60)}"
    source = dict(FundingSource.choices).get(row.source, row.source)
    kind = CostKind(row.kind).label if row.kind in CostKind.values else row.kind
    amount = vnd(row.amount_vnd)
    if row.currency != "VND":
        foreign = number_format(row.amount, decimal_pos=2, use_l10n=True, force_grouping=True)
        amount = f"{foreign} {row.currency} ({amount})"
    return f"{kind}, {source}: {amount}"
