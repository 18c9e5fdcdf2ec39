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
