"""The ledger's rules: whole đồng, reversal instead of edit, closed periods, the balance kept in step."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum

from solidarity.funds import selectors, services
from solidarity.funds.models import Fund, FundEntry, balance_effect

from .conftest import add_income, add_spending

pytestmark = pytest.mark.django_db
D = datetime.date


def balance_of(fund) -> int:
    return Fund.objects.get(pk=fund.pk).balance_vnd


def test_income_and_spending_move_the_balance(fund, people):
    add_income(fund, people.na_officer, 30_000_000)
    add_spending(fund, people.na_officer, 12_000_000)
    assert balance_of(fund) == 18_000_000
    assert FundEntry.objects.aggregate(total=Sum(balance_effect()))["total"] == 18_000_000


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount_vnd": 0}, "amount_vnd"),
        ({"amount_vnd": -5}, "amount_vnd"),
        ({"amount_vnd": None}, "amount_vnd"),
        ({"source": ""}, "source"),
        ({"source": "lottery"}, "source"),
        ({"entry_on": None}, "entry_on"),
    ],
)
def test_bad_income_is_refused_with_a_message_and_nothing_written(fund, people, changes, field):
    values = {"amount_vnd": 1_000_000, "source": "members", "entry_on": D(2025, 1, 2), **changes}
    with pytest.raises(ValidationError) as refused:
        services.entry_add(fund=fund, by=people.na_officer, direction="income", **values)
    assert field in refused.value.message_dict
    assert not FundEntry.objects.exists() and balance_of(fund) == 0


def test_spending_needs_a_use_and_a_purpose(fund, people):
    with pytest.raises(ValidationError) as refused:
        services.entry_add(
            fund=fund, by=people.na_officer, direction="spending", entry_on=D(2025, 1, 2), amount_vnd=5
        )
    assert {"use", "purpose"} <= set(refused.value.message_dict)


def test_a_viewer_a_sibling_and_an_outsider_cannot_write_to_the_ledger(fund, people):
    for user in (people.na_viewer, people.hn_officer, people.vinh_officer, people.outsider):
        with pytest.raises(PermissionDenied):
            add_income(fund, user, 1_000)
    add_income(fund, people.vgcl_leader, 1_000)  # a level above may
    assert balance_of(fund) == 1_000


def test_an_entry_is_never_changed_nor_deleted(fund, people):
    entry = add_income(fund, people.na_officer, 5_000_000)
    entry.amount_vnd = 6_000_000
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert FundEntry.objects.get(pk=entry.pk).amount_vnd == 5_000_000


def test_a_reversal_cancels_the_entry_and_both_stay_in_the_ledger(fund, people):
    """GIVEN an income of 5.000.000 typed for 50.000.000 by mistake
    WHEN the officer reverses it and records the right amount
    THEN the ledger holds three lines and the balance is 5.000.000."""
    wrong = add_income(fund, people.na_officer, 50_000_000)
    reversal = services.entry_reverse(
        entry=wrong, by=people.na_officer, reason="Nhập sai số", on=D(2025, 3, 11)
    )
    add_income(fund, people.na_officer, 5_000_000, day=D(2025, 3, 11))
    assert reversal.reverses == wrong and reversal.amount_vnd == wrong.amount_vnd
    assert reversal.source == "members" and reversal.note == "Nhập sai số"
    assert FundEntry.objects.filter(fund=fund).count() == 3
    assert balance_of(fund) == 5_000_000


def test_a_spending_reversal_gives_the_money_back(fund, people):
    add_income(fund, people.na_officer, 10_000_000)
    spent = add_spending(fund, people.na_officer, 4_000_000)
    services.entry_reverse(entry=spent, by=people.na_officer, reason="Trả lại", on=D(2025, 4, 6))
    assert balance_of(fund) == 10_000_000


def test_an_entry_is_reversed_once_and_a_reversal_is_never_reversed(fund, people):
    entry = add_income(fund, people.na_officer, 1_000_000)
    reversal = services.entry_reverse(entry=entry, by=people.na_officer, reason="Sai", on=D(2025, 3, 12))
    with pytest.raises(ValidationError, match="already been reversed"):
        services.entry_reverse(entry=entry, by=people.na_officer, reason="Lại", on=D(2025, 3, 12))
    with pytest.raises(ValidationError, match="itself a reversal"):
        services.entry_reverse(entry=reversal, by=people.na_officer, reason="Lại", on=D(2025, 3, 12))
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        FundEntry.objects.create(
            fund=fund,
            direction="income",
            source="members",
            entry_on=D(2025, 3, 12),
            amount_vnd=1,
            reverses=entry,
        )


def test_a_reversal_needs_a_reason_and_a_date_not_before_the_entry(fund, people):
    entry = add_income(fund, people.na_officer, 1_000_000)
    with pytest.raises(ValidationError) as refused:
        services.entry_reverse(entry=entry, by=people.na_officer, reason=" ", on=D(2025, 3, 1))
    assert {"note", "entry_on"} <= set(refused.value.message_dict)
    assert FundEntry.objects.count() == 1


def test_a_sibling_cannot_reverse(fund, people):
    entry = add_income(fund, people.na_officer, 1_000_000)
    with pytest.raises(PermissionDenied):
        services.entry_reverse(entry=entry, by=people.hn_officer, reason="x", on=D(2025, 3, 12))


def test_a_closed_period_refuses_new_entries_and_reversals(fund, people):
    """GIVEN an income in March and the books closed through 31/03
    WHEN someone adds an entry dated in March, or reverses the March income
    THEN both are refused; an entry in April is still accepted."""
    march = add_income(fund, people.na_officer, 8_000_000, day=D(2025, 3, 10))
    closing = services.fund_close(fund=fund, by=people.na_leader, through=D(2025, 3, 31))
    assert closing.balance_vnd == 8_000_000
    with pytest.raises(ValidationError, match="closed through 31/03/2025"):
        add_income(fund, people.na_officer, 1_000, day=D(2025, 3, 31))
    with pytest.raises(ValidationError, match="closed through"):
        services.entry_reverse(entry=march, by=people.na_officer, reason="Sai", on=D(2025, 4, 2))
    add_income(fund, people.na_officer, 1_000, day=D(2025, 4, 1))
    assert balance_of(fund) == 8_001_000


def test_a_reversal_cannot_be_dated_in_a_closed_period(fund, people):
    april = add_income(fund, people.na_officer, 1_000, day=D(2025, 4, 10))
    services.fund_close(fund=fund, by=people.na_leader, through=D(2025, 4, 30))
    add_income(fund, people.na_officer, 2_000, day=D(2025, 5, 3))
    with pytest.raises(ValidationError, match="closed through"):
        services.entry_reverse(entry=april, by=people.na_officer, reason="x", on=D(2025, 4, 30))


def test_closing_is_a_leaders_act_and_only_moves_forward(fund, people):
    with pytest.raises(PermissionDenied):
        services.fund_close(fund=fund, by=people.na_officer, through=D(2025, 3, 31))
    with pytest.raises(PermissionDenied):
        services.fund_close(fund=fund, by=people.hn_admin, through=D(2025, 3, 31))
    services.fund_close(fund=fund, by=people.na_leader, through=D(2025, 3, 31))
    with pytest.raises(ValidationError, match="only moves forward"):
        services.fund_close(fund=fund, by=people.na_admin, through=D(2025, 2, 28))
    services.fund_close(fund=fund, by=people.vgcl_leader, through=D(2025, 6, 30))
    assert Fund.objects.get(pk=fund.pk).closed_through == D(2025, 6, 30)
    assert list(fund.closings.values_list("closed_through", flat=True)) == [D(2025, 6, 30), D(2025, 3, 31)]


def test_a_period_not_yet_ended_cannot_be_closed(fund, people):
    with pytest.raises(ValidationError, match="once it has ended"):
        services.fund_close(
            fund=fund, by=people.na_leader, through=datetime.date.today() + datetime.timedelta(1)
        )


def test_a_fund_with_entries_is_not_archived(fund, people):
    add_income(fund, people.na_officer, 1_000)
    with pytest.raises(ValidationError, match="keeps its history"):
        services.fund_archive(fund=fund, by=people.na_officer)


def test_an_empty_fund_opened_by_mistake_is_archived(fund, people):
    services.fund_archive(fund=fund, by=people.na_officer)
    assert Fund.objects.get(pk=fund.pk).is_archived
    with pytest.raises(ValidationError):
        add_income(fund, people.na_officer, 1_000)


def test_the_running_balance_follows_the_dates_not_the_typing_order(fund, people):
    add_income(fund, people.na_officer, 10_000_000, day=D(2025, 3, 1))
    add_spending(fund, people.na_officer, 4_000_000, day=D(2025, 3, 20))
    add_income(fund, people.na_officer, 1_000_000, day=D(2025, 3, 5))  # typed late
    rows = [(e.entry_on, e.balance_after) for e in selectors.ledger(fund)]
    assert rows == [(D(2025, 3, 20), 7_000_000), (D(2025, 3, 5), 11_000_000), (D(2025, 3, 1), 10_000_000)]


def test_the_months_add_up_to_the_balance(fund, people):
    add_income(fund, people.na_officer, 10_000_000, day=D(2025, 3, 1))
    add_spending(fund, people.na_officer, 4_000_000, day=D(2025, 5, 20))
    months = selectors.monthly(fund)
    assert [(m.first_day, m.income, m.spending, m.balance) for m in months] == [
        (D(2025, 5, 1), 0, 4_000_000, 6_000_000),
        (D(2025, 3, 1), 10_000_000, 0, 10_000_000),
    ]
