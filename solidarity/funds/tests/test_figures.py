"""The period summary comes from the maintained figures: reversals count negative, the subtree adds up,
and a recount from the entries agrees."""

import datetime

import pytest

from solidarity.figures import rebuild
from solidarity.funds import selectors, services

from .conftest import add_income, add_spending

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def vinh_fund(tree, people):
    return services.fund_create(by=people.vinh_officer, owner_unit=tree.vinh, name="Quỹ Mái ấm công đoàn")


def test_the_summary_adds_the_subtree_by_source_and_by_use(tree, people, fund, vinh_fund):
    add_income(fund, people.na_officer, 20_000_000, source="enterprises")
    add_income(vinh_fund, people.vinh_officer, 3_000_000, source="members")
    add_spending(vinh_fund, people.vinh_officer, 2_000_000, use="housing", beneficiaries=1)
    found = selectors.summary(unit=tree.nghe_an, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert (found.income, found.spending, found.beneficiaries) == (23_000_000, 2_000_000, 1)
    assert found.by_source == {"enterprises": 20_000_000, "members": 3_000_000}
    assert found.by_use == {"housing": (2_000_000, 1)}
    assert [(child.code, income, spending) for child, income, spending in found.children] == [
        ("NA-VP", 3_000_000, 2_000_000)
    ]
    national = selectors.summary(unit=tree.vgcl, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert national.income == 23_000_000
    sibling = selectors.summary(unit=tree.ha_noi, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert sibling.income == 0


def test_a_reversal_counts_negative_on_its_own_date(tree, people, fund):
    entry = add_income(fund, people.na_officer, 9_000_000, day=D(2025, 3, 30))
    services.entry_reverse(entry=entry, by=people.na_officer, reason="Sai", on=D(2025, 4, 2))
    march = selectors.summary(unit=tree.nghe_an, start=D(2025, 3, 1), end=D(2025, 3, 31))
    april = selectors.summary(unit=tree.nghe_an, start=D(2025, 4, 1), end=D(2025, 4, 30))
    both = selectors.summary(unit=tree.nghe_an, start=D(2025, 3, 1), end=D(2025, 4, 30))
    assert (march.income, april.income, both.income) == (9_000_000, -9_000_000, 0)
    assert april.by_source == {"members": -9_000_000}


def test_the_summary_equals_the_ledger(tree, people, fund):
    add_income(fund, people.na_officer, 7_000_000, day=D(2025, 2, 1))
    spent = add_spending(fund, people.na_officer, 2_500_000, day=D(2025, 2, 9), beneficiaries=5)
    services.entry_reverse(entry=spent, by=people.na_officer, reason="Trả lại", on=D(2025, 2, 10))
    add_spending(fund, people.na_officer, 1_500_000, day=D(2025, 2, 11), beneficiaries=3)
    found = selectors.summary(unit=tree.nghe_an, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert found.income - found.spending == fund.__class__.objects.get(pk=fund.pk).balance_vnd == 5_500_000
    assert found.beneficiaries == 3


def test_a_recount_from_the_entries_finds_no_difference(tree, people, fund):
    entry = add_income(fund, people.na_officer, 4_000_000)
    services.entry_reverse(entry=entry, by=people.na_officer, reason="Sai", on=D(2025, 3, 15))
    add_spending(fund, people.na_officer, 1_000_000)
    differences, _first = rebuild.check()
    assert differences == 0
