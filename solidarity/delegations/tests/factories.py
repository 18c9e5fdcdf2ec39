from __future__ import annotations

import datetime

from solidarity.delegations.choices import Direction
from solidarity.delegations.models import Delegation, Member
from solidarity.records.workflow import ApprovalState


def make_delegation(
    unit, *, state=ApprovalState.DRAFT, start=None, days=5, complete_it=False, **fields
) -> Delegation:
    """A delegation; ``complete_it`` adds what submission needs (see ``complete``)."""
    start = start or datetime.date(2025, 3, 10)
    defaults = {
        "direction": Direction.OUTGOING,
        "title": "Đoàn Nghệ An thăm Xiêng Khoảng",
        "purpose": "Trao đổi kinh nghiệm",
        "countries": ["LA"],
        "cities": "Phônsavẳn",
        "out_of_plan_reason": "Lời mời đột xuất",
        "start_on": start,
        "end_on": start + datetime.timedelta(days=days),
    }
    delegation = Delegation.objects.create(owner_unit=unit, state=state, **{**defaults, **fields})
    return complete(delegation) if complete_it else delegation


def add_member(delegation, name, unit=None, *, key=False, **fields) -> Member:
    return Member.objects.create(
        delegation=delegation, full_name=name, unit=unit, is_key_leader=key, **fields
    )


def complete(delegation) -> Delegation:
    """Give a draft what submission needs: a planned count, a programme line, an estimate, and
    (when it carries out no plan item) the reason it is outside the plan."""
    from solidarity.delegations.models import Cost, ProgrammeItem

    if delegation.plan_item_id is None and not delegation.out_of_plan_reason:
        Delegation.objects.filter(pk=delegation.pk).update(out_of_plan_reason="Lời mời đột xuất")
        delegation.out_of_plan_reason = "Lời mời đột xuất"
    if not delegation.planned_count and not delegation.members.exists():
        Delegation.objects.filter(pk=delegation.pk).update(planned_count=3)
        delegation.planned_count = 3
    ProgrammeItem.objects.create(delegation=delegation, day=delegation.start_on, activity="Hội đàm")
    Cost.objects.create(
        delegation=delegation,
        kind="estimated",
        source="union_budget",
        amount=30_000_000,
        amount_vnd=30_000_000,
    )
    return delegation
