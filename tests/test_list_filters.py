"""The lists' filter forms: a chosen value stays chosen, in Vietnamese; a page's fixed cost stays small."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

COUNTRY_LISTS = [
    "delegations:list",
    "agreements:list",
    "agreements:commitment_list",
    "meetings:list",
    "support:list",
    "partners:list",
]


@pytest.fixture
def vietnamese(client, people):
    client.force_login(people.na_leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    return client


@pytest.mark.parametrize("url_name", COUNTRY_LISTS)
def test_the_country_filter_keeps_the_chosen_country_by_its_vietnamese_name(vietnamese, url_name):
    page = vietnamese.get(reverse(url_name), {"country": "LA"}).content.decode()

    assert '<option value="LA" selected>Lào</option>' in page
    assert '<option value="IS">Ai-xơ-len</option>' in page  # our own name (COUNTRIES_OVERRIDE), translated
    assert '<option value="">---------</option>' in page or '<option value="">Tất cả</option>' in page
    assert 'for="id_country"' in page and 'id="id_country"' in page  # the label still names its select


def test_the_small_selects_of_a_list_keep_their_labels_and_choice(vietnamese):
    chosen = {"kind": "regional_union", "active": "0"}
    page = vietnamese.get(reverse("partners:list"), chosen).content.decode()

    assert '<select name="kind" class="form-select" id="id_kind">' in page
    assert '<option value="regional_union" selected>Công đoàn cấp tỉnh hoặc vùng</option>' in page
    assert '<option value="0" selected>Ngừng hoạt động</option>' in page


LISTS = [*COUNTRY_LISTS, "contacts:list", "units:tree"]


@pytest.mark.parametrize("url_name", LISTS)
def test_a_list_page_asks_the_users_scope_once(client, people, url_name):
    """Rows (viewer), "New" (officer) and the menu (leader, admin) share one look-up of the user's units."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.na_leader)
    with CaptureQueriesContext(connection) as page:
        assert client.get(reverse(url_name)).status_code == 200
    memberships = [q for q in page.captured_queries if 'FROM "accounts_membership"' in q["sql"]]
    roots = [q for q in page.captured_queries if '"units_unit"."depth" = 1' in q["sql"]]
    assert len(memberships) == 1
    assert len(roots) <= 1
