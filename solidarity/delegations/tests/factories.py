from __future__ import annotations

import datetime

from solidarity.core.workflow import ApprovalState
from solidarity.delegations.choices import Direction
from solidarity.delegations.models import Delegation, Member


def make_delegation(unit, *, state=ApprovalState.DRAFT, start=None, days=5, **fields) -> Delegation:
    start = start or datetime.date(2025, 3, 10)
    defaults = {
        "direction": Direction.OUTGOING,
        "title": "Đoàn Nghệ An thăm Xiêng Khoảng",
        "purpose": "Trao đổi kinh nghiệm",
        "countries": ["LA"],
        "cities": "Phônsavẳn",
        "start_on": start,
        "end_on": start + datetime.timedelta(days=days),
    }
    return Delegation.objects.create(owner_unit=unit, state=state, **{**defaults, **fields})


def add_member(delegation, name, unit=None, *, key=False, **fields) -> Member:
    return Member.objects.create(
        delegation=delegation, full_name=name, unit=unit, is_key_leader=key, **fields
    )
