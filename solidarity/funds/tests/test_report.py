"""Social funds in the reports: income by source, spending and beneficiaries by use, each figure and
breakdown row linking to the fund entries' list that adds up to it, for the scope and nothing else."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from solidarity.funds import services
from solidarity.reports import periods
from solidarity.reports.report import SECTIONS
from solidarity.reports.selectors import build_report

from .conftest import add_income, add_spending

pytestmark = pytest.mark.django_db

D = datetime.date


def test_the_funds_section_follows_sponsorship():
    names = [name for name, _title, _rows in SECTIONS]
    assert names[names.index("sponsorship") + 1] == "funds"


@pytest.fixture
def ledgers(tree, people, fund):
    """Nghệ An's fund and one of Vinh (below it) in 2025, a reversal among them, an entry of 2024
    (the period before), and Hà Nội's fund (a sibling) that Nghệ An's report never counts."""
    officer = people.na_officer
    add_income(fund, officer, 50_000_000, D(2025, 2, 1), source="members")
    wrong = add_income(fund, officer, 7_000_000, D(2025, 2, 3), source="enterprises")
    services.entry_reverse(entry=wrong, by=officer, reason="Nhập nhầm", on=D(2025, 2, 4))
    add_income(fund, officer, 20_000_000, D(2025, 5, 5), source="enterprises")
    add_spending(fund, officer, 12_000_000, D(2025, 6, 1), use="hardship", beneficiaries=12)
    add_spending(fund, officer, 3_000_000, D(2024, 6, 1), use="hardship", beneficiaries=3)
    vinh = services.fund_create(by=people.vinh_officer, owner_unit=tree.vinh, name="Quỹ Vinh")
    add_income(vinh, people.vinh_officer, 4_000_000, D(2025, 3, 1), source="members")
    add_spending(vinh, people.vinh_officer, 1_000_000, D(2025, 3, 2), use="disaster", beneficiaries=5)
    hanoi = services.fund_create(by=people.hn_officer, owner_unit=tree.ha_noi, name="Quỹ Hà Nội")
    add_income(hanoi, people.hn_officer, 900_000_000, D(2025, 3, 1), source="members")
    add_spending(hanoi, people.hn_officer, 800_000_000, D(2025, 3, 2), use="hardship", beneficiaries=80)


def _list_totals(client, url: str) -> dict:
    assert url.startswith(reverse("funds:entries") + "?")
    response = client.get(url)
    assert response.status_code == 200
    return response.context["totals"]


def test_the_report_figures_equal_the_totals_of_the_entries_lists_they_link_to(client, tree, people, ledgers):
    """
    GIVEN income, spending, a reversal in Nghệ An and Vinh in 2025, an entry of 2024, and Hà Nội's fund
    WHEN Nghệ An's 2025 report is made for its viewer
    THEN each fund figure equals the total of the entries' list it links to (the reversal taken back),
         and Hà Nội's money is in neither
    """
    viewer = people.na_viewer
    report = build_report(user=viewer, unit=tree.nghe_an, period=periods.year(2025))
    income, spending, people_reached = (
        report.figure(name) for name in ("fund_income_vnd", "fund_spending_vnd", "fund_beneficiaries")
    )
    assert (income.value, spending.value, people_reached.value) == (74_000_000, 13_000_000, 17)
    assert (income.previous, spending.previous) == (0, 3_000_000)
    client.force_login(viewer)
    assert _list_totals(client, income.url)["income"] == income.value
    assert _list_totals(client, spending.url)["spending"] == spending.value
    assert _list_totals(client, people_reached.url)["beneficiaries"] == people_reached.value
    listed = client.get(income.url).context["page_obj"]
    assert {entry.fund.owner_unit_id for entry in listed} == {tree.nghe_an.pk, tree.vinh.pk}


def test_the_breakdowns_by_source_and_by_use_link_to_their_filtered_entries(client, tree, people, ledgers):
    viewer = people.na_viewer
    report = build_report(user=viewer, unit=tree.nghe_an, period=periods.year(2025))
    by_source = report.breakdown("fund_source")
    by_use = report.breakdown("fund_use")
    assert {row.key: row.values["fund_income_vnd"] for row in by_source.rows} == {
        "source:members": 54_000_000,
        "source:enterprises": 20_000_000,  # 7 millions entered and reversed add up to nothing
    }
    assert {row.key: tuple(row.values.values()) for row in by_use.rows} == {
        "use:hardship": (12_000_000, 12),
        "use:disaster": (1_000_000, 5),
    }
    assert by_source.total == {"fund_income_vnd": 74_000_000}
    client.force_login(viewer)
    for row in by_source.rows:
        assert _list_totals(client, row.url)["income"] == row.values["fund_income_vnd"], row.key
    for row in by_use.rows:
        totals = _list_totals(client, row.url)
        assert (totals["spending"], totals["beneficiaries"]) == tuple(row.values.values()), row.key


def test_a_sibling_opening_the_linked_list_sees_none_of_the_entries(client, tree, people, ledgers):
    report = build_report(user=people.na_viewer, unit=tree.nghe_an, period=periods.year(2025))
    client.force_login(people.hn_officer)
    url = report.figure("fund_income_vnd").url
    response = client.get(url)
    # Nghệ An is not a unit Hà Nội's officer may filter by: the filter refuses it; only their own shows.
    assert "unit" in response.context["filter"].errors
    assert {entry.fund.owner_unit_id for entry in response.context["page_obj"]} <= {tree.ha_noi.pk}
    everything = client.get(reverse("funds:entries")).context["page_obj"]
    assert {entry.fund.owner_unit_id for entry in everything} == {tree.ha_noi.pk}
