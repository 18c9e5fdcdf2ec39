"""Property-based test of the whole API schema (schemathesis) against a live server, with a demo token.

Every operation of /api/schema/ gets a few generated requests, valid and not:
none may end in a server error, and every documented answer must match the schema.
Few examples per operation keep it under a minute or so; data made here gives the
lists and details something to return.
"""

import os

import pytest
import schemathesis
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from solidarity.api.tokens import token_create

pytestmark = pytest.mark.django_db(transaction=True)
# A deeper run: SCHEMATHESIS_EXAMPLES=50 pytest solidarity/api/tests/test_schema_property.py
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def test_the_schema_holds_for_generated_requests(live_server, tree, people, records, settings_override):
    _token, secret = token_create(user=people.na_officer, name="schemathesis")
    headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "vi"}
    # The schema the server serves at /api/schema/ (tested there), built here: serving it takes seconds.
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(base_url=f"{live_server.url}", headers=headers, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # every failing operation, not the first alone
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert operations > 40
    assert not failures, "\n\n".join(failures)


@pytest.fixture
def settings_override(settings):
    # Hundreds of requests in a minute from one token: not what the throttle is tested for here.
    settings.API_THROTTLE_RATE = "100000/minute"
    cache.clear()
    yield
    cache.clear()
