"""The access log page at scale: its page is read in order from an index, never the whole log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from solidarity.contacts.models import Contact
from solidarity.privacy.access import log_access
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.testing_admin import contacts_registered
from tests.test_list_pages import check_plans, plan_of, queries_on, reads_whole_table, sorts_rows

TABLE = "privacy_accesslog"


@pytest.fixture
def lines(tree, people):
    with contacts_registered():
        for i in range(8):
            unit = [tree.nghe_an, tree.vinh, tree.ky_son, tree.ha_noi][i % 4]
            person = Contact.objects.create(owner_unit=unit, full_name=f"Người {i}")
            log_access(user=people.na_officer, person=person, action=AccessAction.VIEW)
        yield


@pytest.mark.parametrize("persona", ["na_admin", "superuser"])
def test_the_log_reads_its_scope_through_an_index(client, people, lines, persona):
    client.force_login(getattr(people, persona))
    queries = queries_on(client, reverse("privacy_admin:log"), TABLE)
    assert queries
    check_plans(queries, TABLE)


def test_a_national_log_reads_its_page_in_order_from_an_index(client, people, lines):
    """No scope to filter: the newest lines come from privacy_log_at_idx, not from sorting every line."""
    client.force_login(people.superuser)
    for query in ("", "?after=2099-01-01T00:00:00%2B00:00~999999"):
        keys = [sql_params for sql_params in queries_on(client, reverse("privacy_admin:log") + query, TABLE)]
        assert keys
        for sql, params in keys:
            plan = plan_of(sql, params, sorting=False)
            assert not reads_whole_table(plan, TABLE, ordered=True) and not sorts_rows(plan), (
                f"{sql}\n" + "\n".join(plan)
            )


def test_a_log_filtered_by_unit_or_person_reads_through_an_index(client, people, tree, lines):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(people.superuser)
    ct = ContentType.objects.get_for_model(Contact).pk
    for query in (f"?unit={tree.nghe_an.pk}", f"?content_type={ct}&object_id=1"):
        check_plans(queries_on(client, reverse("privacy_admin:log") + query, TABLE), TABLE)
