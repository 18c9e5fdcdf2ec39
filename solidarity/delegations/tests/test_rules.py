"""Travel rules: warnings only, computed without HTTP."""

import datetime

import pytest

from solidarity.delegations.choices import Direction
from solidarity.delegations.rules import (
    delegation_warnings,
    key_leaders_together_warnings,
    overlap_warnings,
    trips_per_year_warnings,
)
from solidarity.records.workflow import ApprovalState

from .factories import add_member, make_delegation

pytestmark = pytest.mark.django_db


def trip(unit, start, *, state=ApprovalState.APPROVED, **fields):
    return make_delegation(unit, state=state, start=start, days=3, **fields)


def test_a_key_leaders_third_trip_in_a_year_is_warned(tree):
    for month in (2, 5):
        add_member(trip(tree.nghe_an, datetime.date(2025, month, 1)), "Kha Văn Tám", tree.nghe_an, key=True)
    third = trip(tree.nghe_an, datetime.date(2025, 9, 1), state=ApprovalState.DRAFT)
    add_member(third, "Kha Văn Tám", tree.nghe_an, key=True)
    warnings = trips_per_year_warnings(third)
    assert len(warnings) == 1 and "Kha Văn Tám" in warnings[0] and "3" in warnings[0]


def test_the_second_trip_of_a_year_is_fine(tree):
    add_member(trip(tree.nghe_an, datetime.date(2025, 2, 1)), "Kha Văn Tám", tree.nghe_an, key=True)
    second = trip(tree.nghe_an, datetime.date(2025, 9, 1))
    add_member(second, "Kha Văn Tám", tree.nghe_an, key=True)
    assert trips_per_year_warnings(second) == []


def test_trips_of_other_years_rejected_archived_or_incoming_do_not_count(tree):
    from django.utils import timezone

    add_member(trip(tree.nghe_an, datetime.date(2024, 5, 1)), "Kha Văn Tám", tree.nghe_an, key=True)
    rejected = trip(tree.nghe_an, datetime.date(2025, 3, 1), state=ApprovalState.REJECTED)
    add_member(rejected, "Kha Văn Tám", tree.nghe_an, key=True)
    archived = trip(tree.nghe_an, datetime.date(2025, 4, 1), archived_at=timezone.now())
    add_member(archived, "Kha Văn Tám", tree.nghe_an, key=True)
    incoming = trip(tree.nghe_an, datetime.date(2025, 5, 1), direction=Direction.INCOMING)
    add_member(incoming, "Kha Văn Tám", tree.nghe_an, key=True)
    add_member(trip(tree.nghe_an, datetime.date(2025, 6, 1)), "Kha Văn Tám", tree.nghe_an, key=True)
    current = trip(tree.nghe_an, datetime.date(2025, 9, 1))
    add_member(current, "Kha Văn Tám", tree.nghe_an, key=True)
    assert trips_per_year_warnings(current) == []


def test_the_same_name_in_another_unit_is_another_person(tree):
    for month in (2, 5):
        add_member(trip(tree.ha_noi, datetime.date(2025, month, 1)), "Nguyễn Văn An", tree.ha_noi, key=True)
    mine = trip(tree.nghe_an, datetime.date(2025, 9, 1))
    add_member(mine, "Nguyen Van An", tree.nghe_an, key=True)
    assert trips_per_year_warnings(mine) == []


def test_members_who_are_not_key_leaders_travel_freely(tree):
    for month in (2, 5, 9):
        latest = trip(tree.nghe_an, datetime.date(2025, month, 1))
        add_member(latest, "Cán bộ Ban Quốc tế", tree.nghe_an)
    assert trips_per_year_warnings(latest) == []


def test_two_key_leaders_of_one_unit_in_a_delegation_are_warned(tree):
    delegation = trip(tree.nghe_an, datetime.date(2025, 9, 1))
    add_member(delegation, "Kha Văn Tám", tree.nghe_an, key=True)
    add_member(delegation, "Phó Chủ tịch", tree.nghe_an, key=True)
    add_member(delegation, "Chủ tịch Kỳ Sơn", tree.ky_son, key=True)
    warnings = key_leaders_together_warnings(delegation)
    assert len(warnings) == 1 and "Kha Văn Tám" in warnings[0] and "Phó Chủ tịch" in warnings[0]


def test_overlapping_dates_of_the_same_person_are_warned(tree, people):
    first = trip(tree.nghe_an, datetime.date(2025, 9, 1), title="Đoàn thứ nhất")
    add_member(first, "Lê Thị Hoa", tree.nghe_an)
    second = trip(tree.nghe_an, datetime.date(2025, 9, 3), title="Đoàn thứ hai")
    add_member(second, "Lê Thị Hoa", tree.nghe_an)
    later = trip(tree.nghe_an, datetime.date(2025, 10, 1), title="Đoàn sau")
    add_member(later, "Lê Thị Hoa", tree.nghe_an)
    warnings = overlap_warnings(second, user=people.na_officer)
    assert len(warnings) == 1 and "Đoàn thứ nhất" in warnings[0]
    assert overlap_warnings(later, user=people.na_officer) == []


def test_a_delegation_without_problems_has_no_warning(tree, people):
    delegation = trip(tree.nghe_an, datetime.date(2025, 9, 1))
    add_member(delegation, "Kha Văn Tám", tree.nghe_an, key=True)
    assert delegation_warnings(delegation, user=people.na_officer) == []


def test_a_clash_with_a_delegation_outside_the_viewers_units_is_not_named(tree, people):
    """GIVEN a foreign guest in a Nghệ An delegation and in a Hà Nội one on overlapping dates
    WHEN a Hà Nội officer reads the warnings of the Hà Nội delegation
    THEN they learn of the clash but not the Nghệ An delegation's title or dates,
    while a Nghệ An officer reading the Nghệ An delegation sees the Hà Nội one only as unnamed too."""
    na = trip(tree.nghe_an, datetime.date(2025, 9, 1), title="Đoàn Nghệ An mật", direction=Direction.INCOMING)
    add_member(na, "Sisouk Phommavong", organisation="LFTU Xiêng Khoảng")
    hn = trip(tree.ha_noi, datetime.date(2025, 9, 2), title="Đoàn Hà Nội", direction=Direction.INCOMING)
    add_member(hn, "Sisouk Phommavong", organisation="LFTU Xiêng Khoảng")
    warnings = delegation_warnings(hn, user=people.hn_officer)
    assert len(warnings) == 1 and "Sisouk Phommavong" in warnings[0]
    assert "outside your units" in warnings[0]
    assert "mật" not in warnings[0] and "01/09/2025" not in warnings[0]
    assert "Đoàn Hà Nội" not in overlap_warnings(na, user=people.na_officer)[0]
    # Someone who sees both (VGCL) gets the names.
    assert "Đoàn Nghệ An mật" in overlap_warnings(hn, user=people.vgcl_leader)[0]


def test_third_trip_counts_include_hidden_delegations_without_naming_them(tree, people):
    for month in (2, 5):
        add_member(
            trip(tree.nghe_an, datetime.date(2025, month, 1), title=f"Chuyến kín {month}"),
            "Kha Văn Tám",
            tree.nghe_an,
            key=True,
        )
    # The same person recorded by Hà Nội (a sibling) on a third trip.
    third = trip(tree.ha_noi, datetime.date(2025, 9, 1), title="Đoàn Hà Nội")
    add_member(third, "Kha Văn Tám", tree.nghe_an, key=True)
    warnings = delegation_warnings(third, user=people.hn_officer)
    assert len(warnings) == 1 and "3" in warnings[0] and "Chuyến kín" not in warnings[0]
