import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def test_each_token_has_its_own_budget_of_requests(people, client_for, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    first, second = client_for(people.na_officer, name="a"), client_for(people.na_officer, name="b")
    assert [first.get("/api/units/").status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get("/api/units/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert second.get("/api/units/").status_code == 200  # another token, another budget
