"""The history panel names who changed what, in a fixed number of queries."""

import pytest

from solidarity.agreements.models import Agreement, Commitment
from solidarity.core.history import record_history

pytestmark = pytest.mark.django_db


def agreement(unit, title):
    return Agreement.objects.create(owner_unit=unit, title=title, agreement_type="memorandum")


def test_related_records_in_changes_are_fetched_once_per_model(tree, django_assert_max_num_queries):
    first, second = agreement(tree.nghe_an, "Thỏa thuận A"), agreement(tree.nghe_an, "Thỏa thuận B")
    commitment = Commitment.objects.create(
        owner_unit=tree.nghe_an, description="Trao đổi đoàn", agreement=first
    )
    for index in range(8):
        commitment.agreement = second if index % 2 == 0 else first
        commitment.save()
    with django_assert_max_num_queries(3):  # history rows, then one bulk fetch of agreements
        entries = record_history(record=commitment)
    assert ("agreement", "Thỏa thuận A", "Thỏa thuận B") in entries[-2].changes


def test_history_names_the_person_when_a_request_made_the_change(client, people, tree):
    record = agreement(tree.nghe_an, "Thỏa thuận C")
    record.title = "Thỏa thuận C (sửa)"
    record._history_user = people.na_officer
    record.save()
    latest = record_history(record=record)[0]
    assert latest.record.history_user == people.na_officer
    assert latest.changes == [("agreement title", "Thỏa thuận C", "Thỏa thuận C (sửa)")]
