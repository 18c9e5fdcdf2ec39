"""The annual plan's rules: approval by the level above, freeze, amendment and its deadline,
dropped items, and who sees which plans."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from solidarity.core.choices import Action
from solidarity.plans import selectors, services
from solidarity.plans.choices import PlanItemKind, PlanState
from solidarity.plans.models import Plan
from solidarity.plans.tests.factories import approved_plan, draft_plan
from solidarity.records.workflow import workflow_events

pytestmark = pytest.mark.django_db
BEFORE_DEADLINE = datetime.date(2025, 3, 1)
AFTER_DEADLINE = datetime.date(2025, 5, 2)


def test_an_officer_drafts_and_the_leaders_of_the_level_above_approve(tree, people):
    """
    GIVEN Nghệ An's complete draft plan for 2025
    WHEN its officer submits it and a VGCL leader approves it
    THEN it is approved, dated, its current plan for 2025, and both steps are on its timeline
    """
    plan = draft_plan(people.na_officer, tree.nghe_an)
    plan = services.plan_submit(plan=plan, by=people.na_officer)
    assert plan.state == PlanState.SUBMITTED and plan.approver_unit() == tree.vgcl
    plan = services.plan_approve(plan=plan, by=people.vgcl_leader, comment="Đồng ý")
    assert plan.state == PlanState.APPROVED and plan.approved_at is not None
    assert selectors.current_plan(unit=tree.nghe_an, year=2025) == plan
    assert [e.action for e in workflow_events(plan).order_by("at", "pk")] == [Action.SUBMIT, Action.APPROVE]


def test_a_unit_never_approves_its_own_plan(tree, people):
    plan = services.plan_submit(plan=draft_plan(people.na_officer, tree.nghe_an), by=people.na_officer)
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=plan, by=people.na_leader)


def test_a_return_needs_a_comment_and_reopens_the_draft(tree, people):
    plan = services.plan_submit(plan=draft_plan(people.na_officer, tree.nghe_an), by=people.na_officer)
    with pytest.raises(ValidationError):
        services.plan_return(plan=plan, by=people.vgcl_leader, comment="")
    plan = services.plan_return(plan=plan, by=people.vgcl_leader, comment="Bổ sung kinh phí")
    assert plan.state == PlanState.RETURNED
    services.plan_item_add(
        plan=plan, by=people.na_officer, kind=PlanItemKind.TRAINING, title="Tập huấn", quarter=3
    )


def test_an_incomplete_plan_cannot_be_submitted_and_the_gaps_are_named(tree, people):
    plan = services.plan_create(by=people.na_officer, owner_unit=tree.nghe_an, year=2025)
    with pytest.raises(ValidationError) as error:
        services.plan_submit(plan=plan, by=people.na_officer)
    assert "at least one planned activity" in error.value.messages[0]
    assert "the budget by funding source" in error.value.messages[0]
    assert Plan.objects.get(pk=plan.pk).state == PlanState.DRAFT


def test_a_submitted_plan_is_frozen(tree, people):
    plan = services.plan_submit(plan=draft_plan(people.na_officer, tree.nghe_an), by=people.na_officer)
    with pytest.raises(ValidationError):
        services.plan_item_add(
            plan=plan, by=people.na_officer, kind=PlanItemKind.TRAINING, title="X", quarter=1
        )
    with pytest.raises(ValidationError):
        services.plan_budget_set(plan=plan, by=people.na_officer, amounts={"partner": 5})
    with pytest.raises(ValidationError):
        services.plan_item_remove(item=plan.items.first(), by=people.na_officer)
    with pytest.raises(ValidationError):
        services.plan_update(plan=plan, by=people.na_officer, expected_version=plan.version, note="Khác")


def test_an_approved_plans_page_says_it_changes_only_through_an_amendment(client, tree, people, settings):
    settings.LANGUAGE_CODE = "vi"
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    client.force_login(people.na_officer)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="frozen"' in page
    assert "chỉ thay đổi bằng một lần điều chỉnh" in page
    assert "kinh phí quyết toán" not in page and "báo cáo" not in page.split('data-testid="frozen"')[1][:400]


def test_one_plan_per_unit_and_year(tree, people):
    draft_plan(people.na_officer, tree.nghe_an)
    with pytest.raises(ValidationError):
        services.plan_create(by=people.na_officer, owner_unit=tree.nghe_an, year=2025)


def test_a_sibling_cannot_prepare_a_plan_for_another_unit(tree, people):
    with pytest.raises(PermissionDenied):
        services.plan_create(by=people.hn_officer, owner_unit=tree.nghe_an, year=2025)


def test_bad_amounts_are_refused_and_nothing_is_written(tree, people):
    plan = services.plan_create(by=people.na_officer, owner_unit=tree.nghe_an, year=2025)
    with pytest.raises(ValidationError):
        services.plan_item_add(
            plan=plan,
            by=people.na_officer,
            kind=PlanItemKind.OUTGOING,
            title="X",
            quarter=1,
            costs={"partner": -1},
        )
    with pytest.raises(ValidationError):
        services.plan_item_add(
            plan=plan, by=people.na_officer, kind=PlanItemKind.OUTGOING, title="X", quarter=5
        )
    assert not plan.items.exists()


def test_an_amendment_copies_the_approved_plan_and_goes_through_approval_again(tree, people):
    """
    GIVEN Nghệ An's approved 2025 plan with one item and a budget
    WHEN its officer amends it before the deadline, changes it and VGCL approves the amendment
    THEN revision 2 is a copy (the item keeps its origin, the budget is copied), revision 1 stays
         approved and readable, and the current plan is revision 2
    """
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    amendment = services.plan_amend(plan=plan, by=people.na_officer, today=BEFORE_DEADLINE)
    assert (amendment.revision, amendment.state, amendment.amends) == (2, PlanState.DRAFT, plan)
    copy = amendment.items.get()
    assert copy.origin == plan.items.get() and copy.costs.get().amount_vnd == 30_000_000
    assert selectors.budget_by_source(amendment) == {"union_budget": 100_000_000}
    with pytest.raises(ValidationError):  # one amendment at a time
        services.plan_amend(plan=plan, by=people.na_officer, today=BEFORE_DEADLINE)
    assert selectors.current_plan(unit=tree.nghe_an, year=2025) == plan
    services.plan_item_add(
        plan=amendment, by=people.na_officer, kind=PlanItemKind.INCOMING, title="Đón đoàn Lào", quarter=4
    )
    amendment = services.plan_submit(plan=amendment, by=people.na_officer)
    amendment = services.plan_approve(plan=amendment, by=people.vgcl_leader)
    assert selectors.current_plan(unit=tree.nghe_an, year=2025) == amendment
    assert Plan.objects.get(pk=plan.pk).state == PlanState.APPROVED
    assert list(selectors.revisions(plan)) == [plan, amendment]


def test_no_amendment_after_the_deadline(tree, people, settings):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    with pytest.raises(ValidationError) as error:
        services.plan_amend(plan=plan, by=people.na_officer, today=AFTER_DEADLINE)
    assert "01/05/2025" in error.value.messages[0]
    settings.PLAN_AMENDMENT_DEADLINE = "06-30"
    assert services.plan_amend(plan=plan, by=people.na_officer, today=AFTER_DEADLINE).revision == 2


def test_only_an_approved_plan_is_amended(tree, people):
    plan = draft_plan(people.na_officer, tree.nghe_an)
    with pytest.raises(ValidationError):
        services.plan_amend(plan=plan, by=people.na_officer, today=BEFORE_DEADLINE)


def test_an_approved_item_is_dropped_with_its_reason(tree, people):
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    item = plan.items.get()
    with pytest.raises(ValidationError):
        services.plan_item_drop(item=item, by=people.na_officer, reason=" ")
    item = services.plan_item_drop(item=item, by=people.na_officer, reason="Bạn đề nghị lùi sang năm sau")
    assert item.dropped and item.dropped_reason
    assert not selectors.plan_item_choices(
        unit=tree.nghe_an, year=2025, kinds=[PlanItemKind.OUTGOING]
    ).exists()


def test_a_draft_item_is_removed_not_dropped(tree, people):
    plan = draft_plan(people.na_officer, tree.nghe_an)
    with pytest.raises(ValidationError):
        services.plan_item_drop(item=plan.items.get(), by=people.na_officer, reason="Không")


# Who sees what ---------------------------------------------------------------------------------


def test_the_level_above_sees_its_childrens_plans_and_siblings_never_see_each_other(client, tree, people):
    na = draft_plan(people.na_officer, tree.nghe_an)
    hn = draft_plan(people.hn_officer, tree.ha_noi)
    client.force_login(people.vgcl_leader)
    page = client.get(reverse("plans:list"), {"year": 2025}).content.decode()
    assert na.get_absolute_url() in page and hn.get_absolute_url() in page
    client.force_login(people.hn_officer)
    page = client.get(reverse("plans:list")).content.decode()
    assert hn.get_absolute_url() in page and na.get_absolute_url() not in page
    assert client.get(na.get_absolute_url()).status_code == 404
    assert client.get(reverse("plans:actual_for", args=[tree.nghe_an.pk, 2025])).status_code == 404
    assert client.post(reverse("plans:act", args=[na.pk, "submit"])).status_code == 404
    assert client.post(reverse("plans:item_add", args=[na.pk]), {"item-title": "X"}).status_code == 404


def test_a_viewer_reads_but_cannot_change(client, tree, people):
    plan = draft_plan(people.na_officer, tree.nghe_an)
    client.force_login(people.na_viewer)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="add-item"' not in page
    client.post(
        reverse("plans:item_add", args=[plan.pk]),
        {"item-kind": "training", "item-title": "Tập huấn", "item-quarter": "1"},
    )
    assert plan.items.count() == 1


def test_the_list_filters_by_state(client, tree, people):
    approved = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an)
    draft = draft_plan(people.hn_officer, tree.ha_noi)
    client.force_login(people.vgcl_leader)
    page = client.get(reverse("plans:list"), {"state": "submitted"}).content.decode()
    assert approved.get_absolute_url() not in page and draft.get_absolute_url() not in page
    page = client.get(reverse("plans:list"), {"state": "approved"}).content.decode()
    assert approved.get_absolute_url() in page


def test_the_plan_list_reads_a_bounded_number_of_queries(client, tree, people, django_assert_max_num_queries):
    for unit, officer in ((tree.nghe_an, people.na_officer), (tree.ha_noi, people.hn_officer)):
        for year in (2024, 2025, 2026):
            draft_plan(officer, unit, year)
    client.force_login(people.vgcl_leader)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("plans:list")).status_code == 200


# The pages ---------------------------------------------------------------------------------------


def test_an_officer_walks_a_plan_through_the_pages(client, tree, people):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("plans:create"), {"owner_unit": tree.nghe_an.pk, "year": "2026", "note": ""}
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    response = client.post(
        reverse("plans:item_add", args=[plan.pk]),
        {
            "item-kind": "outgoing",
            "item-title": "Đoàn sang Xiêng Khoảng",
            "item-countries": ["LA"],
            "item-quarter": "2",
            "item-people": "6",
            "item-cost_union_budget": "120.000.000",
        },
    )
    assert response.status_code == 302
    assert plan.items.get().costs.get().amount_vnd == 120_000_000
    response = client.post(
        reverse("plans:item_add", args=[plan.pk]), {"item-kind": "outgoing", "item-quarter": "9"}
    )
    assert response.status_code == 400 and plan.items.count() == 1
    client.post(reverse("plans:budget", args=[plan.pk]), {"budget-amount_union_budget": "200000000"})
    assert selectors.budget_by_source(plan) == {"union_budget": 200_000_000}
    client.post(reverse("plans:act", args=[plan.pk, "submit"]), {"comment": ""})
    assert Plan.objects.get(pk=plan.pk).state == PlanState.SUBMITTED
    client.force_login(people.vgcl_leader)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-action="approve"' in page and "Đoàn sang Xiêng Khoảng" in page
    client.post(reverse("plans:act", args=[plan.pk, "approve"]), {"comment": "Đồng ý"})
    assert Plan.objects.get(pk=plan.pk).state == PlanState.APPROVED
