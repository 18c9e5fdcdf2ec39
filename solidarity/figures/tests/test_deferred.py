"""Deferred syncs (a bulk import's): the same figures as one sync per write, in a few queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.delegations import services as delegations
from solidarity.figures.models import Contribution
from solidarity.figures.rebuild import check
from solidarity.figures.services import deferred, sync_many

from .helpers import delegation, figure

pytestmark = pytest.mark.django_db


def test_syncs_deferred_in_a_block_give_the_figures_a_sync_per_write_gives(tree, people):
    with deferred():
        first = delegation(people.na_officer, tree.vinh, countries=("LA", "TH"), members=3)
        delegation(people.na_officer, tree.ky_son, members=2)
        assert Contribution.objects.count() == 0  # nothing until the block ends
    assert figure(tree.nghe_an, "delegations_out") == 2
    with deferred():
        delegations.delegation_withdraw(delegation=first, by=people.na_officer, comment="Hoãn")
    assert figure(tree.nghe_an, "delegations_out") == 1
    count, found = check()
    assert count == 0, [str(d) for d in found]


def test_a_block_that_fails_syncs_nothing(tree, people):
    with pytest.raises(RuntimeError), deferred():
        delegation(people.na_officer, tree.vinh)
        raise RuntimeError
    # The caller's transaction rolls the records back; the block asked for no figures.
    assert Contribution.objects.count() == 0


def test_many_records_sync_in_a_few_queries(tree, people):
    records = [delegation(people.na_officer, tree.vinh, members=1) for _ in range(5)]
    Contribution.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        sync_many(records)
    assert len(queries) <= 16  # whatever the number of records (up to 500)
