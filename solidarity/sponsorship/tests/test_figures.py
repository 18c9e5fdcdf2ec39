"""Sponsorship received in the figures and the reports: by donor and the donor's country, on the day
the money came, for the owner and the levels above; the report's figure equals its list's total."""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.urls import reverse

from solidarity.figures.rebuild import check
from solidarity.figures.tests.helpers import figure
from solidarity.partners import services as partner_services
from solidarity.reports import periods
from solidarity.reports.selectors import build_report
from solidarity.sponsorship import services
from solidarity.sponsorship.filters import ProjectFilter
from solidarity.sponsorship.models import Disbursement, Project

from .conftest import make_project

pytestmark = pytest.mark.django_db

RECEIVED = 246_505_000  # 10.000 USD × 24.650,5


def test_money_received_counts_by_donor_and_country_for_the_owner_and_above(tree, na_project, hn_project, ei):
    for unit in (tree.nghe_an, tree.vgcl):
        assert figure(unit, "sponsorship_received_vnd", f"donor:{ei.pk}") == RECEIVED
        assert figure(unit, "sponsorship_received_vnd", "country:BE") == RECEIVED
    assert figure(tree.nghe_an, "sponsorship_received_vnd") == RECEIVED
    assert figure(tree.vgcl, "sponsorship_received_vnd") == RECEIVED + 999_000_000
    assert figure(tree.ha_noi, "sponsorship_received_vnd", "country:BE") == 0
    assert check()[0] == 0


def test_archiving_the_project_or_reversing_money_takes_it_out_of_the_figures(people, tree, na_project):
    services.project_archive(project=na_project, by=people.na_officer)
    assert figure(tree.vgcl, "sponsorship_received_vnd", "country:BE") == 0
    project = services.project_restore(project=Project.objects.get(pk=na_project.pk), by=people.na_officer)
    assert figure(tree.vgcl, "sponsorship_received_vnd", "country:BE") == RECEIVED
    services.disbursement_reverse(
        disbursement=project.disbursements.get(), by=people.na_officer, reason="Nhập nhầm", on=LATER
    )
    assert figure(tree.vgcl, "sponsorship_received_vnd") == 0
    assert check()[0] == 0


LATER = datetime.date(2024, 5, 2)


def test_a_reversal_counts_back_on_its_own_date_and_the_first_line_stays(people, tree, na_project, ei):
    """
    GIVEN money received on 15/03/2024, reversed on 02/05/2024 (entered twice by mistake)
    WHEN the figures are read for March, for May and for the year
    THEN March still shows the money, May takes it back, the year adds up to nothing,
         and the project keeps both lines
    """
    line = na_project.disbursements.get()
    reversal = services.disbursement_reverse(
        disbursement=line, by=people.na_officer, reason="Nhập trùng", on=LATER
    )
    assert reversal.reverses == line and reversal.signed_vnd == -RECEIVED
    march = figure(tree.nghe_an, "sponsorship_received_vnd", month=datetime.date(2024, 3, 1))
    may = figure(tree.vgcl, "sponsorship_received_vnd", f"donor:{ei.pk}", month=datetime.date(2024, 5, 1))
    assert (march, may) == (RECEIVED, -RECEIVED)
    assert figure(tree.vgcl, "sponsorship_received_vnd", "country:BE") == 0
    na_project.refresh_from_db()
    assert na_project.received_vnd == 0 and na_project.disbursements.count() == 2
    assert check()[0] == 0


def test_a_disbursement_is_reversed_once_with_a_reason_and_never_before_its_date(people, na_project):
    line = na_project.disbursements.get()
    with pytest.raises(ValidationError) as refused:
        services.disbursement_reverse(
            disbursement=line, by=people.na_officer, reason=" ", on=datetime.date(2024, 3, 1)
        )
    assert set(refused.value.message_dict) == {"note", "received_on"}
    reversal = services.disbursement_reverse(disbursement=line, by=people.na_officer, reason="Sai", on=LATER)
    for again in (line, reversal):
        with pytest.raises(ValidationError, match="already been reversed|itself a reversal"):
            services.disbursement_reverse(disbursement=again, by=people.na_officer, reason="Sai", on=LATER)
    with pytest.raises(ValidationError):
        line.delete()
    with pytest.raises(PermissionDenied):
        services.disbursement_reverse(disbursement=line, by=people.hn_officer, reason="Sai", on=LATER)
    assert Disbursement.objects.count() == 2


def test_a_change_of_donor_or_of_its_country_moves_the_money(people, tree, ilo):
    donor = partner_services.partner_create(
        by=people.superuser,
        unit=tree.vgcl,
        name="Quốc tế Giáo dục",
        kind="international_federation",
        country="BE",
    )
    project = make_project(people.na_officer, tree.nghe_an, donor)
    services.disbursement_add(
        project=project,
        by=people.na_officer,
        received_on=datetime.date(2024, 3, 15),
        amount=Decimal(9),
        currency="VND",
    )
    partner_services.partner_update(
        partner=donor, by=people.superuser, expected_version=donor.version, country="FR"
    )
    assert figure(tree.nghe_an, "sponsorship_received_vnd", "country:FR") == 9
    assert figure(tree.nghe_an, "sponsorship_received_vnd", "country:BE") == 0
    project.refresh_from_db()
    fields = {name: getattr(project, name) for name in services.PROJECT_FIELDS if name != "owner_unit"}
    services.project_update(
        project=project, by=people.na_officer, expected_version=project.version, **fields | {"donor": ilo}
    )
    assert figure(tree.nghe_an, "sponsorship_received_vnd", f"donor:{ilo.pk}") == 9
    assert figure(tree.nghe_an, "sponsorship_received_vnd", "country:CH") == 9
    assert figure(tree.nghe_an, "sponsorship_received_vnd", "country:FR") == 0
    assert check()[0] == 0


def _listed_total(user, url: str) -> int:
    parts = urlsplit(url)
    assert parts.path == reverse("sponsorship:list")
    filterset = ProjectFilter(QueryDict(parts.query), queryset=Project.objects.visible_to(user), user=user)
    assert filterset.is_valid(), filterset.errors
    return filterset.received_total()


def test_the_report_shows_sponsorship_received_by_donor_and_country_as_its_lists_add_it_up(
    people, tree, na_project, hn_project, ei, ilo
):
    """GIVEN money received by Nghệ An in 2024 (and some in 2025, outside the period), and by Hà Nội
    WHEN the 2024 report of Nghệ An is made for its viewer
    THEN the figure and each breakdown row equal the totals of the lists they link to, without Hà Nội."""
    later = make_project(people.na_officer, tree.ky_son, ilo, title="Dự án ILO Kỳ Sơn", currency="VND",
                         budget_amount=Decimal(500_000_000), budget_rate=None)  # fmt: skip
    for day, amount in ((datetime.date(2024, 11, 2), 70_000_000), (datetime.date(2025, 2, 1), 5_000_000)):
        services.disbursement_add(
            project=later, by=people.na_officer, received_on=day, amount=Decimal(amount), currency="VND"
        )
    user = people.na_viewer
    report = build_report(user=user, unit=tree.nghe_an, period=periods.year(2024))
    received = report.figure("sponsorship_received_vnd")
    assert received.value == RECEIVED + 70_000_000
    assert _listed_total(user, received.url) == received.value
    donors = report.breakdown("donor")
    assert {row.label: row.values["sponsorship_received_vnd"] for row in donors.rows} == {
        ei.name: RECEIVED,
        ilo.name: 70_000_000,
    }
    countries = report.breakdown("donor_country")
    assert {row.key: row.values["sponsorship_received_vnd"] for row in countries.rows} == {
        "country:BE": RECEIVED,
        "country:CH": 70_000_000,
    }
    for row in donors.rows + countries.rows:
        assert _listed_total(user, row.url) == row.values["sponsorship_received_vnd"], row.key


def test_the_report_page_shows_the_sponsorship_section(client, people, tree, na_project):
    client.force_login(people.na_viewer)
    response = client.get(
        reverse("reports:report"), {"unit": tree.nghe_an.pk, "start": "2024-01-01", "end": "2024-12-31"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sponsorship received" in page and "246.505.000" in page
