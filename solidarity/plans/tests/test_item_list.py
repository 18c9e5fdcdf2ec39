"""The list of the plans' items: what the reports' plan figures link to."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.plans.choices import PlanItemKind
from solidarity.plans.tests.factories import approved_plan, draft_plan

pytestmark = pytest.mark.django_db


def test_it_lists_the_items_of_the_plans_in_force_and_never_a_siblings(client, tree, people):
    approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, items=(("Đoàn sang Lào", "outgoing"),))
    draft_plan(people.na_officer, tree.ky_son, items=(("Bản nháp", "outgoing"),))
    approved_plan(people.hn_officer, people.vgcl_leader, tree.ha_noi, items=(("Đoàn Hà Nội", "outgoing"),))
    client.force_login(people.na_viewer)
    page = client.get(reverse("plans:items"), {"year": 2025})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đoàn sang Lào" in text
    assert "Bản nháp" not in text  # a draft is not a plan in force
    assert "Đoàn Hà Nội" not in text


def test_the_outcome_filter_finds_the_open_items_of_a_year_gone_by(client, tree, people):
    approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, year=2024)
    client.force_login(people.na_viewer)
    response = client.get(reverse("plans:items"), {"outcome": "not_done"})
    rows = response.context["page_obj"]
    assert len(rows.object_list) == 1
    assert "Not carried out by year end" in response.content.decode()  # not "not done yet": 2024 is over
    assert len(client.get(reverse("plans:items"), {"outcome": "done"}).context["page_obj"].object_list) == 0


def test_the_list_makes_as_many_queries_with_many_rows_as_with_a_few(client, tree, people):
    client.force_login(people.na_viewer)
    approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, items=(("Một", "outgoing"),))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("plans:items"))
    many = tuple((f"Hoạt động {n}", PlanItemKind.TRAINING) for n in range(6))
    approved_plan(people.na_officer, people.na_leader, tree.vinh, items=many)
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("plans:items"))
    assert len(more) == len(few)
