"""The pages: who sees and writes what (siblings never see each other's funds), and query-count guards."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.funds import services
from solidarity.funds.models import Fund, FundEntry

from .conftest import add_income, add_spending

pytestmark = pytest.mark.django_db
D = datetime.date


def test_anonymous_users_are_sent_to_sign_in(client, fund):
    for url in [reverse("funds:list"), fund.get_absolute_url(), reverse("funds:summary")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("persona", "detail", "write"),
    [
        ("outsider", 404, 404),
        ("hn_officer", 404, 404),
        ("vinh_officer", 404, 404),
        ("na_viewer", 200, 403),
        ("na_officer", 200, 200),
        ("vgcl_leader", 200, 200),
    ],
)
def test_who_sees_and_writes_to_nghe_an_fund(client, people, fund, persona, detail, write):
    entry = add_income(fund, people.na_officer, 1_000_000)
    client.force_login(getattr(people, persona))
    assert client.get(fund.get_absolute_url()).status_code == detail
    for name, args in [
        ("funds:edit", [fund.pk]),
        ("funds:entry_create", [fund.pk]),
        ("funds:entry_reverse", [fund.pk, entry.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == write


def test_a_sibling_sees_neither_the_fund_in_the_list_nor_its_summary(client, people, tree, fund):
    add_income(fund, people.na_officer, 1_000_000)
    client.force_login(people.hn_officer)
    assert fund.name not in client.get(reverse("funds:list")).content.decode()
    assert client.get(reverse("funds:summary"), {"unit": tree.nghe_an.pk}).status_code == 404
    response = client.post(reverse("funds:close", args=[fund.pk]), {"closed_through": "31/01/2025"})
    assert response.status_code == 404
    assert Fund.objects.get(pk=fund.pk).closed_through is None


def test_an_officer_records_an_entry_through_the_page(client, people, fund):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("funds:entry_create", args=[fund.pk]),
        {
            "direction": "income",
            "entry_on": "10/03/2025",
            "amount_vnd": "25.000.000",
            "source": "enterprises",
        },
    )
    assert response.status_code == 302
    assert Fund.objects.get(pk=fund.pk).balance_vnd == 25_000_000
    page = client.get(fund.get_absolute_url()).content.decode()
    assert "25.000.000" in page and "Enterprises" in page


def test_bad_input_shows_the_reason_and_writes_nothing(client, people, fund):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("funds:entry_create", args=[fund.pk]),
        {"direction": "spending", "entry_on": "10/03/2025", "amount_vnd": "1.5", "use": ""},
    )
    assert response.status_code == 200
    assert "whole đồng" in response.content.decode()
    response = client.post(
        reverse("funds:entry_create", args=[fund.pk]),
        {"direction": "spending", "entry_on": "10/03/2025", "amount_vnd": "1.000", "use": ""},
    )
    assert "Say what the money was used for." in response.content.decode()
    assert not FundEntry.objects.exists()


def test_reversing_through_the_page_keeps_both_lines(client, people, fund):
    entry = add_income(fund, people.na_officer, 1_000_000)
    client.force_login(people.na_officer)
    url = reverse("funds:entry_reverse", args=[fund.pk, entry.pk])
    response = client.post(url, {"entry_on": "12/03/2025", "note": "Nhập trùng"})
    assert response.status_code == 302
    assert FundEntry.objects.filter(fund=fund).count() == 2
    assert Fund.objects.get(pk=fund.pk).balance_vnd == 0
    page = client.get(fund.get_absolute_url()).content.decode()
    assert "Nhập trùng" in page and url not in page  # no second reversal offered


def test_only_a_leader_sees_and_uses_the_closing_form(client, people, fund):
    add_income(fund, people.na_officer, 1_000_000, day=D(2025, 1, 5))
    url = reverse("funds:close", args=[fund.pk])
    client.force_login(people.na_officer)
    assert url not in client.get(fund.get_absolute_url()).content.decode()
    assert client.post(url, {"closed_through": "31/01/2025"}).status_code == 403
    client.force_login(people.na_leader)
    assert url in client.get(fund.get_absolute_url()).content.decode()
    assert client.post(url, {"closed_through": "31/01/2025"}).status_code == 302
    response = client.post(url, {"closed_through": "15/01/2025"})
    assert response.status_code == 400 and "only moves forward" in response.content.decode()


def test_the_fund_list_reads_a_fixed_number_of_queries(client, people, tree):
    for i in range(3):
        services.fund_create(by=people.na_officer, owner_unit=tree.vinh, name=f"Quỹ {i}")
    client.force_login(people.na_officer)
    client.get(reverse("funds:list"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("funds:list")).status_code == 200
    for i in range(3, 30):
        services.fund_create(by=people.na_officer, owner_unit=tree.school, name=f"Quỹ {i}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("funds:list")).status_code == 200
    assert len(many) == len(few)


def test_the_fund_page_reads_a_fixed_number_of_queries(client, people, fund):
    add_income(fund, people.na_officer, 100_000_000, day=D(2024, 1, 1))
    first = add_spending(fund, people.na_officer, 1_000)
    services.entry_reverse(entry=first, by=people.na_officer, reason="x", on=D(2025, 4, 6))
    client.force_login(people.na_officer)
    client.get(fund.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        assert client.get(fund.get_absolute_url()).status_code == 200
    for day in range(1, 28):
        entry = add_spending(fund, people.na_officer, 1_000, day=D(2025, 5, day))
        services.entry_reverse(entry=entry, by=people.na_officer, reason="x", on=D(2025, 6, day))
    with CaptureQueriesContext(connection) as many:
        assert client.get(fund.get_absolute_url()).status_code == 200
    assert len(many) == len(few)


def test_the_summary_reads_a_fixed_number_of_queries(client, people, tree, fund):
    add_income(fund, people.na_officer, 1_000_000)
    client.force_login(people.vgcl_leader)
    url = reverse("funds:summary")
    params = {"unit": tree.vgcl.pk, "start": "01/01/2025", "end": "31/12/2025"}
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, params).status_code == 200
    vinh = services.fund_create(by=people.vinh_officer, owner_unit=tree.vinh, name="Quỹ Vinh")
    for day in range(1, 20):
        add_income(vinh, people.vinh_officer, 1_000, day=D(2025, 2, day))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, params)
    assert len(many) == len(few)
    assert response.context["summary"].income == 1_019_000


@pytest.mark.parametrize("persona", ["na_officer", "na_viewer", "vgcl_leader"])
def test_the_summary_opens_on_the_users_own_unit(client, people, tree, fund, persona):
    # The default unit is the user's own membership (an officer's, a viewer's), read as a unit.
    client.force_login(getattr(people, persona))
    page = client.get(reverse("funds:summary"))
    assert page.status_code == 200
    own = tree.vgcl if persona == "vgcl_leader" else tree.nghe_an
    assert page.context["unit"] == own
