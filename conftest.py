import pytest

from solidarity.accounts.testing import make_people, make_tree


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def people(tree):
    return make_people(tree)


@pytest.fixture(autouse=True)
def _no_login_throttle_between_tests(settings):
    # Axes counts failures across tests otherwise; the throttle has its own test.
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _english_ui_in_tests(settings):
    # Tests assert on the English msgids; Vietnamese (the real default, see
    # solidarity/settings.py) is checked by tests/test_i18n.py on purpose.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_job_progress():
    # Job ids come back after a test's rollback; a finished test's live progress must not show.
    from django.core.cache import caches

    yield
    caches["jobs"].clear()
