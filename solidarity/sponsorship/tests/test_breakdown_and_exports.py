"""The list of a level shows the money received by donor, by the donor's country and by child unit
(each child's whole subtree), read from the figures; the projects' list exports with its money."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from solidarity.sponsorship import services
from solidarity.sponsorship.selectors import received_breakdown

from .conftest import make_project

pytestmark = pytest.mark.django_db

D = datetime.date
RECEIVED = 246_505_000  # na_project's 10.000 USD × 24.650,5


@pytest.fixture
def below(people, tree, ilo):
    """Money of Kỳ Sơn's and of a school under Vinh (both below Nghệ An), one line reversed."""
    ky_son = make_project(people.na_officer, tree.ky_son, ilo, title="Dự án ILO Kỳ Sơn", currency="VND",
                          budget_amount=Decimal(90_000_000), budget_rate=None)  # fmt: skip
    services.disbursement_add(project=ky_son, by=people.na_officer, received_on=D(2024, 6, 1),
                              amount=Decimal(30_000_000), currency="VND")  # fmt: skip
    school = make_project(people.na_officer, tree.school, ilo, title="Dự án trường học", currency="VND",
                          budget_amount=Decimal(9_000_000), budget_rate=None)  # fmt: skip
    line = services.disbursement_add(project=school, by=people.na_officer, received_on=D(2024, 6, 2),
                                     amount=Decimal(2_000_000), currency="VND")  # fmt: skip
    services.disbursement_add(project=school, by=people.na_officer, received_on=D(2024, 6, 3),
                              amount=Decimal(5_000_000), currency="VND")  # fmt: skip
    services.disbursement_reverse(
        disbursement=line, by=people.na_officer, reason="Nhập nhầm", on=D(2024, 6, 4)
    )
    return ky_son, school


def test_a_level_sees_its_money_by_donor_country_and_child_unit(
    client, people, tree, ei, ilo, na_project, hn_project, below
):
    """
    GIVEN money received by Nghệ An (from EI), by Kỳ Sơn and by a school under Vinh (from the ILO, one
          line reversed), and by Hà Nội (a sibling)
    WHEN Nghệ An's viewer opens the projects' list
    THEN the money of Nghệ An and everything below it shows by donor, by country and by child unit,
         the school's money under Vinh, Hà Nội's nowhere
    """
    found = received_breakdown(unit=tree.nghe_an)
    assert found.total == RECEIVED + 30_000_000 + 5_000_000
    assert dict(found.by_donor) == {ei.name: RECEIVED, ilo.name: 35_000_000}
    assert dict(found.by_country) == {"Belgium": RECEIVED, "Switzerland": 35_000_000}
    assert {child.pk: value for child, value in found.by_child} == {tree.ky_son.pk: 30_000_000,
                                                                    tree.vinh.pk: 5_000_000}  # fmt: skip
    client.force_login(people.na_viewer)
    response = client.get(reverse("sponsorship:list"))
    assert response.context["breakdown"] == found
    html = response.content.decode()
    assert 'data-testid="received-by-child"' in html and "35.000.000" in html
    assert "999.000.000" not in html


def test_the_breakdown_follows_the_unit_and_the_period_filtered_on(client, people, tree, na_project, below):
    client.force_login(people.vgcl_leader)
    response = client.get(
        reverse("sponsorship:list") + f"?unit={tree.vinh.pk}&received_from=01/06/2024&received_to=02/06/2024"
    )
    found = response.context["breakdown"]
    assert found.unit == tree.vinh and found.total == 2_000_000  # the reversal came on 04/06
    assert [(child.pk, value) for child, value in found.by_child] == [(tree.school.pk, 2_000_000)]


def test_the_breakdown_is_read_in_the_same_queries_whatever_the_money(
    client, people, tree, ei, na_project, django_assert_max_num_queries
):
    client.force_login(people.vgcl_leader)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("sponsorship:list"))
    for unit in (tree.ky_son, tree.vinh, tree.school, tree.ha_noi):
        project = make_project(people.superuser, unit, ei, title=f"Dự án {unit.code}")
        services.disbursement_add(project=project, by=people.superuser, received_on=D(2024, 7, 1),
                                  amount=Decimal(1000), currency="VND")  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("sponsorship:list"))


def test_the_projects_export_has_the_project_columns_and_its_money_as_a_tab(
    client, people, tree, na_project, hn_project, below, ei
):
    client.force_login(people.na_officer)
    response = client.get(reverse("sponsorship:list") + "?format=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response)))
    projects, money = book.worksheets
    header = [cell.value for cell in projects[1]]
    for name in ("Donor", "Donor's country", "Implementing partner", "Title", "Start date", "End date",
                 "Approved budget", "Budget currency", "Status", "Received in VND"):  # fmt: skip
        assert name in header, name
    rows = [
        dict(zip(header, (cell.value for cell in row), strict=True)) for row in projects.iter_rows(min_row=2)
    ]
    assert {row["Title"] for row in rows} == {na_project.title, *(p.title for p in below)}  # not Hà Nội's
    ei_row = next(row for row in rows if row["Title"] == na_project.title)
    assert (ei_row["Donor"], ei_row["Donor's country"], ei_row["Budget currency"]) == (
        ei.name,
        "Belgium",
        "USD",
    )
    assert ei_row["Approved budget"] == "40000" and ei_row["Received in VND"] == RECEIVED
    money_header = [cell.value for cell in money[1]]
    lines = [
        dict(zip(money_header, (c.value for c in row), strict=True)) for row in money.iter_rows(min_row=2)
    ]
    assert len(lines) == 5
    reversal = next(line for line in lines if line["Reversal of (ID)"])
    assert reversal["Counted in VND"] == -2_000_000

    streamed = client.get(reverse("sponsorship:list") + "?format=csv").streaming_content
    header, *csv_rows = list(csv.reader(io.StringIO(b"".join(streamed).decode()[1:])))
    assert len(csv_rows) == 3 and "Donor" in header


def test_the_projects_list_shows_its_export_buttons(client, people, na_project):
    client.force_login(people.na_viewer)
    html = client.get(reverse("sponsorship:list")).content.decode()
    assert "format=xlsx" in html and "format=csv" in html
