import pytest
from rest_framework.test import APIClient

from solidarity.api.tokens import token_create


@pytest.fixture
def client_for():
    """An API client signed in with a fresh personal token of ``user`` (as a script would be)."""

    def make(user, *, name="test script", language="en"):
        _token, secret = token_create(user=user, name=name)
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return make


@pytest.fixture
def records(tree, people):
    """One record of each kind owned by Nghệ An (made through the services, as the pages would)."""
    import datetime
    from types import SimpleNamespace

    from solidarity.agreements import services as agreements
    from solidarity.contacts.services import contact_create
    from solidarity.delegations.tests.factories import make_delegation
    from solidarity.meetings.services import meeting_create
    from solidarity.partners.services import partner_create
    from solidarity.support.services import support_create

    officer = people.na_officer
    partner = partner_create(
        by=officer,
        unit=tree.nghe_an,
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
        kind="regional_union",
        country="LA",
    )
    agreement = agreements.agreement_create(
        by=officer,
        owner_unit=tree.nghe_an,
        partners=[partner],
        title="Biên bản hợp tác Nghệ An – Xiêng Khoảng",
        agreement_type="cooperation_agreement",
        status="in_force",
        signed_on=datetime.date(2017, 5, 10),
    )
    phase = agreements.phase_save(
        agreement=agreement, by=officer, name="2022–2024", start_year=2022, end_year=2024
    )
    commitment = agreements.commitment_create(
        by=officer, agreement=agreement, description="Trao đổi đoàn hằng năm", due_year=2024, phase=phase
    )
    return SimpleNamespace(
        partner=partner,
        contact=contact_create(by=officer, owner_unit=tree.nghe_an, full_name="Phu Von", partner=partner),
        agreement=agreement,
        commitment=commitment,
        delegation=make_delegation(tree.nghe_an, complete_it=True),
        meeting=meeting_create(
            by=officer,
            owner_unit=tree.nghe_an,
            kind="seminar",
            title="Tọa đàm Nghệ An – Xiêng Khoảng",
            start_on=datetime.date(2024, 7, 29),
            hosted=True,
            is_international=True,
            partners=[partner],
        ),
        support=support_create(
            by=officer,
            owner_unit=tree.nghe_an,
            direction="given",
            partner=partner,
            given_on=datetime.date(2023, 4, 10),
            form="equipment",
            funding_source="union_budget",
            items=[{"description": "Máy tính xách tay", "quantity": 3, "value_vnd": 45_000_000}],
        ),
    )
