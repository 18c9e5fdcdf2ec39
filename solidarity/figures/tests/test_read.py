"""Reading figures for any period: exactly the days asked, from a few rows."""

from __future__ import annotations

import datetime
import random

import pytest

from solidarity.figures.models import Grain
from solidarity.figures.selectors import pieces, read, top_keys
from solidarity.figures.services import grains

from .helpers import delegation

D = datetime.date


def _days(first, last):
    while first <= last:
        yield first
        first += datetime.timedelta(days=1)


def test_pieces_cover_every_period_exactly_once():
    rows = [(day, dict(grains(day.isoformat()))) for day in _days(D(2014, 1, 1), D(2031, 12, 31))]
    rng = random.Random(9)
    periods = [
        (D(2018, 1, 1), D(2023, 12, 31)),
        (D(2024, 12, 15), D(2025, 6, 14)),
        (D(2025, 2, 1), D(2025, 2, 1)),
    ]
    periods += [
        (start, start + datetime.timedelta(days=rng.randrange(1500)))
        for start in (D(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3000)) for _ in range(40))
    ]
    for start, end in periods:
        covered = [
            day
            for grain, first, last in pieces(start, end)
            for day, of in rows
            if first.isoformat() <= of[grain] <= last.isoformat()
        ]
        assert sorted(covered) == list(_days(start, end)), (start, end)


def test_ten_years_are_one_range_of_year_rows():
    assert pieces(D(2016, 1, 1), D(2025, 12, 31)) == [(Grain.YEAR, D(2016, 1, 1), D(2025, 1, 1))]


@pytest.mark.django_db
def test_a_union_period_counts_by_the_day(tree, people):
    """15/12/2024–14/06/2025: a trip of 16 December 2024 is in it, one of 15 June 2025 is not."""
    delegation(people.na_officer, tree.nghe_an, start=D(2024, 12, 16))
    delegation(people.na_officer, tree.nghe_an, start=D(2025, 3, 1), members=3)
    delegation(people.na_officer, tree.nghe_an, start=D(2025, 6, 15))
    got = read(
        units=[tree.vgcl.pk, tree.nghe_an.pk, tree.ha_noi.pk],
        start=D(2024, 12, 15),
        end=D(2025, 6, 14),
        indicators=["delegations_out", "person_trips_out"],
    )
    for unit in (tree.vgcl, tree.nghe_an):
        assert got[(unit.pk, "delegations_out", "", None)] == 2
        assert got[(unit.pk, "person_trips_out", "", None)] == 5
    assert (tree.ha_noi.pk, "delegations_out", "", None) not in got  # a sibling: nothing of Nghệ An's
    by_year = read(
        units=[tree.nghe_an.pk], start=None, end=D(2025, 12, 31), indicators=["delegations_out"], by_year=True
    )
    assert by_year == {
        (tree.nghe_an.pk, "delegations_out", "", 2024): 1,
        (tree.nghe_an.pk, "delegations_out", "", 2025): 2,
    }
    countries = read(
        units=[tree.nghe_an.pk],
        start=D(2025, 1, 1),
        end=D(2025, 12, 31),
        indicators=["delegations_out"],
        dimension="country",
    )
    assert countries == {(tree.nghe_an.pk, "delegations_out", "country:LA", None): 2}


@pytest.mark.django_db
def test_top_keys_are_added_up_and_cut_in_the_database(tree, people):
    delegation(people.na_officer, tree.nghe_an, countries=("LA",), start=D(2024, 12, 20))
    delegation(people.na_officer, tree.nghe_an, countries=("LA", "KH"), start=D(2025, 2, 1))
    delegation(people.na_officer, tree.nghe_an, countries=("TH",), start=D(2025, 3, 1), members=5)
    args = dict(unit=tree.nghe_an.pk, start=D(2024, 12, 15), end=D(2025, 6, 14), dimension="country")
    assert top_keys(indicators=["delegations_out"], limit=1, **args) == [
        ("country:LA", {"delegations_out": 2})
    ]
    # Ranked by one indicator, each key comes with all of them.
    both = ["person_trips_out", "delegations_out"]
    assert top_keys(indicators=both, rank_by=["person_trips_out"], limit=2, **args) == [
        ("country:TH", {"person_trips_out": 5, "delegations_out": 1}),
        ("country:LA", {"person_trips_out": 4, "delegations_out": 2}),
    ]
    assert (
        top_keys(
            indicators=["delegations_out"],
            limit=5,
            unit=tree.ha_noi.pk,
            start=None,
            end=D(2025, 12, 31),
            dimension="country",
        )
        == []
    )
    only = read(
        units=[tree.nghe_an.pk],
        start=None,
        end=D(2025, 12, 31),
        indicators=["delegations_out"],
        dimension="country",
        keys=["country:KH"],
    )
    assert only == {(tree.nghe_an.pk, "delegations_out", "country:KH", None): 1}
