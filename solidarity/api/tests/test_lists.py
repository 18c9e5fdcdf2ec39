"""Every filter and sort of the list pages works on the API's lists too (the same FilterSets)."""

import pytest

from solidarity.agreements.filters import AgreementFilter, CommitmentFilter
from solidarity.contacts.filters import ContactFilter
from solidarity.delegations.filters import DelegationFilter
from solidarity.meetings.filters import MeetingFilter
from solidarity.partners.filters import PartnerFilter
from solidarity.support.filters import SupportFilter

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/partners/": PartnerFilter,
    "/api/contacts/": ContactFilter,
    "/api/agreements/": AgreementFilter,
    "/api/commitments/": CommitmentFilter,
    "/api/delegations/": DelegationFilter,
    "/api/meetings/": MeetingFilter,
    "/api/support/": SupportFilter,
}


def sort_keys(filterset) -> list[str]:
    ordering = filterset.base_filters.get("ordering")
    if ordering is None:
        return []
    return [key for key, _label in ordering.extra["choices"]]


@pytest.mark.parametrize(("url", "filterset"), LISTS.items())
def test_every_sort_of_the_list_page_sorts_the_api_list(records, people, client_for, url, filterset):
    api = client_for(people.na_officer)
    keys = sort_keys(filterset)
    assert keys
    for key in keys:
        response = api.get(url, {"ordering": key})
        assert response.status_code == 200, (key, response.content[:300])
        assert len(response.json()["results"]) == 1


def test_a_filter_narrows_the_list_and_a_bad_value_is_a_400(records, people, client_for, tree):
    api = client_for(people.na_officer)
    assert len(api.get("/api/delegations/", {"state": "draft"}).json()["results"]) == 1
    assert api.get("/api/delegations/", {"state": "approved"}).json()["results"] == []
    assert api.get("/api/delegations/", {"unit": tree.vinh.pk}).json()["results"] == []
    refused = api.get("/api/delegations/", {"unit": tree.ha_noi.pk})  # not a unit the user may choose
    assert refused.status_code == 400
    assert "unit" in refused.json()
