import datetime
from decimal import Decimal

import pytest

from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.sponsorship import services


@pytest.fixture
def ei(tree):
    """Education International, a global union federation based in Belgium."""
    return Partner.objects.create(
        name="Quốc tế Giáo dục", short_name="EI", kind=PartnerKind.INTERNATIONAL_FEDERATION, country="BE"
    )


@pytest.fixture
def ilo(tree):
    return Partner.objects.create(
        name="Tổ chức Lao động Quốc tế", short_name="ILO", kind=PartnerKind.UN_AGENCY, country="CH"
    )


def make_project(by, unit, donor, **fields):
    defaults = {
        "title": "Nâng cao năng lực công đoàn cơ sở",
        "start_on": datetime.date(2024, 1, 1),
        "end_on": datetime.date(2025, 12, 31),
        "status": "running",
        "currency": "USD",
        "budget_amount": Decimal("40000"),
        "budget_rate": Decimal("24500"),
    }
    return services.project_create(by=by, owner_unit=unit, donor=donor, **{**defaults, **fields})


@pytest.fixture
def na_project(tree, people, ei):
    """Nghệ An's project funded by EI, with 10.000 USD received in March 2024."""
    project = make_project(people.na_officer, tree.nghe_an, ei, title="Dự án EI Nghệ An: an toàn trường học")
    services.disbursement_add(
        project=project,
        by=people.na_officer,
        received_on=datetime.date(2024, 3, 15),
        amount=Decimal("10000"),
        rate=Decimal("24650.5"),
    )
    project.refresh_from_db()
    return project


@pytest.fixture
def hn_project(tree, people, ilo):
    """Hà Nội's project (Nghệ An's sibling) funded by the ILO."""
    project = make_project(people.hn_officer, tree.ha_noi, ilo, title="Dự án ILO Hà Nội: việc làm bền vững")
    services.disbursement_add(
        project=project,
        by=people.hn_officer,
        received_on=datetime.date(2024, 4, 1),
        amount=Decimal("999000000"),
        currency="VND",
    )
    project.refresh_from_db()
    return project
