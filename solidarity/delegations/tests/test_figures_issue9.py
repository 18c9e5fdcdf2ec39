"""Delegations in the figures by partner and partner kind, out of plan, post-trip reports, approval
turnaround; and the list filters that give exactly the records behind each figure."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.core.choices import Action
from solidarity.delegations import services
from solidarity.delegations.filters import DelegationFilter
from solidarity.delegations.models import Delegation
from solidarity.figures.rebuild import check
from solidarity.figures.tests.helpers import START, delegation, figure, leader_of
from solidarity.partners import services as partner_services
from solidarity.plans.tests.factories import approved_plan
from solidarity.records.workflow import workflow_events

pytestmark = pytest.mark.django_db


def listed(user, **params) -> set[int]:
    """The delegations the list page's filter gives for ``params`` (as the URL would pass them)."""
    data = {k: str(v) for k, v in params.items()}
    return set(
        DelegationFilter(data, queryset=Delegation.objects.visible_to(user), user=user).qs.values_list(
            "pk", flat=True
        )
    )


def approved(by, unit, *, partners=(), **kwargs) -> Delegation:
    record = delegation(by, unit, approve=False, **kwargs)
    record.partners.set(partners)
    record = services.delegation_submit(delegation=record, by=by)
    return services.delegation_approve(delegation=record, by=leader_of(unit.approver_unit()))


@pytest.fixture
def two_unions(tree, people):
    def make(name, country):
        return partner_services.partner_create(
            by=people.superuser, unit=tree.vgcl, name=name, kind="national_centre", country=country
        )

    return make("LĐLĐ Lào", "LA"), make("Công đoàn Thái", "TH")


def test_partners_break_down_the_counts_once_per_key(tree, people, two_unions):
    """GIVEN an approved delegation of 3 meeting two partners of the same kind
    THEN it counts once and 3 person-trips under that kind, and under each partner."""
    laos, thai = two_unions
    approved(people.na_officer, tree.nghe_an, partners=[laos, thai], members=3)
    for unit in (tree.nghe_an, tree.vgcl):
        assert figure(unit, "delegations_out", "pkind:national_centre") == 1
        assert figure(unit, "person_trips_out", "pkind:national_centre") == 3
        assert figure(unit, "person_trips_out", f"partner:{laos.pk}") == 3
        assert figure(unit, "person_trips_out", f"partner:{thai.pk}") == 3
        assert figure(unit, "person_trips_out") == 3
    assert figure(tree.ha_noi, "delegations_out", "pkind:national_centre") == 0
    assert check()[0] == 0
    # The list for the figure's key gives the one delegation, not twice.
    assert (
        len(listed(people.vgcl_leader, counted=1, partner_kind="national_centre", direction="outgoing")) == 1
    )


def test_a_change_of_the_partners_kind_moves_the_records_figures(tree, people, two_unions):
    laos, _thai = two_unions
    approved(people.na_officer, tree.nghe_an, partners=[laos], members=2, direction="incoming")
    partner_services.partner_update(
        partner=laos, by=people.superuser, expected_version=laos.version, kind="ngo"
    )
    assert figure(tree.vgcl, "guests_in", "pkind:national_centre") == 0
    assert figure(tree.vgcl, "guests_in", "pkind:ngo") == 2
    assert check()[0] == 0


def test_out_of_plan_counts_the_approved_ones_outside_the_plan(tree, people):
    record = delegation(people.na_officer, tree.nghe_an, approve=False)
    services.delegation_update(
        delegation=record,
        by=people.na_officer,
        expected_version=record.version,
        title=record.title,
        plan_item=None,
        out_of_plan_reason="Lời mời đột xuất",
    )
    assert figure(tree.vgcl, "out_of_plan") == 0  # a draft does not count
    record.refresh_from_db()
    services.delegation_submit(delegation=record, by=people.na_officer)
    services.delegation_approve(delegation=Delegation.objects.get(pk=record.pk), by=people.vgcl_leader)
    plan = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, START.year)
    approved(people.na_officer, tree.nghe_an, plan_item=plan.items.get())  # in the plan
    assert figure(tree.vgcl, "out_of_plan", month=START) == 1
    assert listed(people.vgcl_leader, counted=1, in_plan=0) == {record.pk}
    assert len(listed(people.vgcl_leader, counted=1, in_plan=1)) == 1
    assert check()[0] == 0


def test_post_trip_reports_count_on_the_return_on_time_late_or_pending(tree, people, settings):
    settings.DELEGATION_REPORT_DAYS = 15
    on_time, late, pending = (approved(people.na_officer, tree.nghe_an) for _ in range(3))
    end = on_time.end_on
    for record, filed in (
        (on_time, end + datetime.timedelta(days=15)),
        (late, end + datetime.timedelta(days=16)),
    ):
        record = services.delegation_carry_out(delegation=record, by=people.na_officer)
        services.delegation_file_report(
            delegation=record, by=people.na_officer, report_text="Kết quả", on=filed
        )
    for unit in (tree.nghe_an, tree.vgcl):
        assert figure(unit, "reports_on_time", month=end) == 1
        assert figure(unit, "reports_late", month=end) == 1
        assert figure(unit, "reports_pending", month=end) == 1
    assert check()[0] == 0
    user = people.vgcl_leader
    span = {"end_from": end.replace(day=1).isoformat(), "end_to": end.isoformat()}
    assert listed(user, counted=1, report="on_time", **span) == {on_time.pk}
    assert listed(user, counted=1, report="late", **span) == {late.pk}
    assert listed(user, counted=1, report="pending", **span) == {pending.pk}
    # Pending with the deadline long passed (the trip was in 2025): missing.
    assert listed(user, report="missing") == {pending.pk}
    # The date boxes take dd/mm/yyyy as well.
    assert listed(user, report="late", end_to=end.strftime("%d/%m/%Y")) == {late.pk}
    assert listed(user, report="late", end_to=(end - datetime.timedelta(days=1)).isoformat()) == set()


def test_the_approval_turnaround_counts_every_decision_under_the_owner(tree, people):
    record = delegation(people.na_officer, tree.nghe_an, approve=False)
    record = services.delegation_submit(delegation=record, by=people.na_officer)
    # Submitted three days ago.
    workflow_events(record).filter(action=Action.SUBMIT).update(
        at=workflow_events(record).get(action=Action.SUBMIT).at - datetime.timedelta(days=3)
    )
    record = services.delegation_return(delegation=record, by=people.vgcl_leader, comment="Bổ sung")
    record = services.delegation_submit(delegation=record, by=people.na_officer)
    services.delegation_approve(delegation=record, by=people.vgcl_leader)
    decision = workflow_events(record).filter(action=Action.RETURN).get()
    assert decision.owner_unit == tree.nghe_an and decision.waited_days == 3
    for unit in (tree.nghe_an, tree.vgcl):
        assert figure(unit, "approval_decisions") == 2  # returned, then approved
        assert figure(unit, "approval_days") == 3  # 3 days, then the same day
    assert figure(tree.ha_noi, "approval_decisions") == 0
    assert check()[0] == 0


def test_the_list_page_takes_the_figures_params(client, tree, people, two_unions):
    laos, _ = two_unions
    record = approved(people.na_officer, tree.nghe_an, partners=[laos])
    hidden = approved(people.hn_officer, tree.ha_noi, partners=[laos])
    assert client.login(username=people.na_viewer.username, password=PASSWORD)
    response = client.get(
        reverse("delegations:list"),
        {
            "counted": "1",
            "in_plan": "0",
            "partner_kind": "national_centre",
            "report": "pending",
            "end_from": "2025-01-01",
            "end_to": "2025-12-31",
        },
    )
    assert response.status_code == 200
    assert response.context["filter"].form.is_valid(), response.context["filter"].form.errors
    page = response.content.decode()
    assert record.get_absolute_url() in page
    assert hidden.get_absolute_url() not in page  # a sibling's never shows
    # The list says which of the report's params apply, and keeps them for the next filter.
    assert "Also filtered as in the report:" in page and "Report not filed yet" in page
    assert '<input type="hidden" name="report" value="pending">' in page


def test_the_migration_fills_in_the_decisions_taken_before(tree, people):
    """Events written before the turnaround was kept get their owner, day and days waited."""
    import importlib

    from django.apps import apps

    from solidarity.core.models import WorkflowEvent

    backfill = importlib.import_module(
        "solidarity.delegations.migrations.0009_decision_turnaround_backfill"
    ).backfill
    record = delegation(people.na_officer, tree.nghe_an, approve=False)
    record = services.delegation_submit(delegation=record, by=people.na_officer)
    submitted = workflow_events(record).get(action=Action.SUBMIT)
    WorkflowEvent.objects.filter(pk=submitted.pk).update(at=submitted.at - datetime.timedelta(days=4))
    services.delegation_approve(delegation=record, by=people.vgcl_leader)
    kept = workflow_events(record).get(action=Action.APPROVE)
    WorkflowEvent.objects.update(owner_unit=None, decided_on=None, waited_days=None)
    backfill(apps, None)
    filled = WorkflowEvent.objects.get(pk=kept.pk)
    assert (filled.owner_unit_id, filled.decided_on, filled.waited_days) == (
        tree.nghe_an.pk,
        kept.decided_on,
        4,
    )
    assert WorkflowEvent.objects.get(pk=submitted.pk).decided_on is None
