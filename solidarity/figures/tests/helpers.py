"""Records written through the services, as users write them, for the figures' tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Sum

from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership
from solidarity.accounts.testing import make_user
from solidarity.delegations import services as delegations
from solidarity.figures.models import Grain, Tally

START = datetime.date(2025, 3, 10)


def figure(unit, indicator: str, key: str = "", month: datetime.date | None = None) -> int:
    """The unit's figure over all time (its year rows), or in one month (its month row)."""
    if month is None:
        rows = Tally.objects.filter(unit=unit, indicator=indicator, key=key, grain=Grain.YEAR)
    else:
        rows = Tally.objects.filter(
            unit=unit, indicator=indicator, key=key, grain=Grain.MONTH, day=month.replace(day=1)
        )
    return rows.aggregate(total=Sum("value"))["total"] or 0


def leader_of(unit):
    """A leader who decides for ``unit`` (created when missing)."""
    membership = Membership.objects.filter(unit=unit, role=Role.LEADER).select_related("user").first()
    if membership:
        return membership.user
    return make_user(f"leader_{unit.code}".lower(), (unit, Role.LEADER))


def delegation(
    by,
    unit,
    *,
    direction="outgoing",
    countries=("LA",),
    start=START,
    members=2,
    cost=30_000_000,
    approve=True,
    plan_item=None,
):
    """A complete delegation proposal of ``unit``, approved by the level above unless ``approve`` is off."""
    record = delegations.delegation_create(
        by=by,
        owner_unit=unit,
        direction=direction,
        title="Đoàn công tác",
        purpose="Trao đổi kinh nghiệm",
        plan_item=plan_item,
        out_of_plan_reason="" if plan_item else "Lời mời đột xuất",
        countries=list(countries),
        start_on=start,
        end_on=start + datetime.timedelta(days=5),
    )
    for n in range(members):
        delegations.member_add(delegation=record, by=by, full_name=f"Người thứ {n + 1}")
    delegations.programme_item_add(delegation=record, by=by, day=start, activity="Hội đàm")
    delegations.cost_add(
        delegation=record, by=by, kind="estimated", source="union_budget", amount=Decimal(cost)
    )
    if approve:
        record = delegations.delegation_submit(delegation=record, by=by)
        record = delegations.delegation_approve(delegation=record, by=leader_of(unit.approver_unit()))
    return record
