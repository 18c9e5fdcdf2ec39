"""Lists read a page, never every row nor a query per row: the same number of queries for 3 rows as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.delegations.tests.factories import add_member, make_delegation

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/units/",
    "/api/partners/",
    "/api/contacts/",
    "/api/agreements/",
    "/api/commitments/",
    "/api/delegations/",
    "/api/meetings/",
    "/api/support/",
]


def more_records(tree, people, records, n):
    from solidarity.agreements import services as agreements
    from solidarity.contacts.services import contact_create
    from solidarity.partners.services import partner_create
    from solidarity.support.services import support_create

    officer = people.na_officer
    for i in range(n):
        partner = partner_create(by=officer, unit=tree.vinh, name=f"Đối tác {i}", kind="ngo", country="LA")
        contact_create(by=officer, owner_unit=tree.vinh, full_name=f"Người {i}", partner=partner)
        agreements.agreement_create(
            by=officer,
            owner_unit=tree.vinh,
            partners=[partner],
            title=f"Thỏa thuận {i}",
            agreement_type="cooperation_agreement",
            status="in_force",
        )
        agreements.commitment_create(
            by=officer, agreement=records.agreement, description=f"Việc {i}", due_year=2025
        )
        delegation = make_delegation(tree.vinh, complete_it=True)
        delegation.partners.set([partner, records.partner])
        add_member(delegation, f"Thành viên {i}", tree.vinh)
        support_create(
            by=officer,
            owner_unit=tree.vinh,
            direction="given",
            partner=partner,
            given_on="2024-01-01",
            form="cash",
            funding_source="union_budget",
            total_vnd=1_000_000,
        )


def count_queries(api, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_queries_whatever_its_rows(tree, people, records, client_for, url):
    api = client_for(people.na_officer)
    few = count_queries(api, url)
    more_records(tree, people, records, 12)
    assert count_queries(api, url) <= few
    assert few <= 12


def test_a_page_reads_one_row_more_and_never_counts(tree, people, records, client_for):
    more_records(tree, people, records, 4)
    api = client_for(people.na_officer)
    with CaptureQueriesContext(connection) as queries:
        first = api.get("/api/delegations/", {"page_size": 2}).json()
    # (A row's member count is a subquery of the page's rows; the list itself is never counted.)
    assert not any(q["sql"].upper().startswith("SELECT COUNT(") for q in queries)
    assert len(first["results"]) == 2 and first["previous"] is None
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    assert len(third["results"]) == 1 and third["next"] is None
    ids = [row["id"] for page in (first, second, third) for row in page["results"]]
    assert len(set(ids)) == 5
