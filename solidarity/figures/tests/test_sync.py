"""The figures follow every write through the services, for the owner and every unit above it."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

from solidarity.agreements import services as agreements
from solidarity.agreements.choices import AgreementStatus, AgreementType
from solidarity.delegations import services as delegations
from solidarity.figures.models import Contribution, Grain, Tally
from solidarity.figures.rebuild import check, rebuild
from solidarity.figures.services import sync
from solidarity.meetings import services as meetings
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.support import services as support
from solidarity.units import services as units

from .helpers import START, delegation, figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def laos(tree):
    return Partner.objects.create(name="LHCĐ Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA")


def assert_recount_agrees():
    count, found = check()
    assert count == 0, [str(d) for d in found]


def test_an_approved_delegation_counts_for_its_unit_and_every_unit_above(tree, people):
    delegation(people.na_officer, tree.vinh, countries=("LA", "TH"), members=3)
    for unit in (tree.vinh, tree.nghe_an, tree.vgcl):
        assert figure(unit, "delegations_out") == 1
        assert figure(unit, "person_trips_out") == 3
        assert figure(unit, "delegations_out", "country:LA") == 1
        assert figure(unit, "person_trips_out", "country:TH") == 3
        assert figure(unit, "cost_estimated_vnd", "source:union_budget") == 30_000_000
    assert figure(tree.vinh, "delegations_out", month=START) == 1
    assert figure(tree.ha_noi, "delegations_out") == 0
    assert figure(tree.school, "delegations_out") == 0
    assert_recount_agrees()


def test_a_proposal_counts_only_once_approved_and_stops_when_withdrawn(tree, people):
    """GIVEN a complete draft
    WHEN it is submitted, approved, then withdrawn
    THEN it counts only while approved."""
    record = delegation(people.na_officer, tree.nghe_an, approve=False)
    assert figure(tree.vgcl, "delegations_out") == 0
    record = delegations.delegation_submit(delegation=record, by=people.na_officer)
    assert figure(tree.vgcl, "delegations_out") == 0
    record = delegations.delegation_approve(delegation=record, by=people.vgcl_leader)
    assert figure(tree.vgcl, "delegations_out") == 1
    delegations.delegation_withdraw(delegation=record, by=people.na_officer, comment="Hoãn chuyến đi")
    assert figure(tree.vgcl, "delegations_out") == 0
    # Only the leaders' decision stays counted (the approval turnaround).
    assert set(Contribution.objects.values_list("source", flat=True)) == {"approvals"}
    assert figure(tree.vgcl, "approval_decisions") == 1
    assert_recount_agrees()


def test_a_rejected_proposal_never_counts(tree, people):
    record = delegation(people.na_officer, tree.nghe_an, approve=False)
    record = delegations.delegation_submit(delegation=record, by=people.na_officer)
    delegations.delegation_reject(delegation=record, by=people.vgcl_leader, comment="Không phù hợp")
    assert figure(tree.vgcl, "delegations_out") == 0
    assert_recount_agrees()


def test_members_and_actual_costs_added_after_approval_count_at_once(tree, people):
    record = delegation(people.na_officer, tree.nghe_an, direction="incoming", members=1)
    assert figure(tree.vgcl, "guests_in") == 1
    delegations.cost_add(
        delegation=record, by=people.na_officer, kind="actual", source="partner", amount=Decimal(12_000_000)
    )
    assert figure(tree.nghe_an, "cost_actual_vnd") == 12_000_000
    assert figure(tree.nghe_an, "cost_actual_vnd", "source:partner") == 12_000_000
    assert_recount_agrees()


def test_a_draft_members_are_counted_once_it_is_approved(tree, people):
    record = delegation(people.na_officer, tree.nghe_an, approve=False, members=1)
    member = delegations.member_add(delegation=record, by=people.na_officer, full_name="Khách thêm")
    delegations.member_remove(member=member, by=people.na_officer)
    delegations.member_add(delegation=record, by=people.na_officer, full_name="Khách khác")
    delegations.delegation_submit(delegation=record, by=people.na_officer)
    delegations.delegation_approve(delegation=record, by=people.vgcl_leader)
    assert figure(tree.vgcl, "person_trips_out") == 2
    assert_recount_agrees()


def test_archiving_and_restoring_support_moves_its_amount_out_and_back(tree, people, laos):
    given = support.support_create(
        by=people.na_officer,
        owner_unit=tree.vinh,
        direction="given",
        partner=laos,
        given_on=datetime.date(2024, 4, 12),
        form="gifts",
        funding_source="union_budget",
        items=[{"description": "Máy tính xách tay", "quantity": 3, "value_vnd": 45_000_000}],
    )
    assert figure(tree.vgcl, "support_given_vnd") == 45_000_000
    assert figure(tree.nghe_an, "support_given_vnd", "form:gifts") == 45_000_000
    given = support.support_update(
        support=given,
        by=people.na_officer,
        expected_version=given.version,
        fields={"form": "equipment"},
        items=[
            {"id": given.items.get().pk, "description": "Máy tính", "quantity": 3, "value_vnd": 45_000_000},
            {"description": "Quà Bun Pi May", "quantity": 1, "value_vnd": 5_000_000},
        ],
    )
    assert figure(tree.vgcl, "support_given_vnd") == 50_000_000
    assert figure(tree.vgcl, "support_given_vnd", "form:gifts") == 0
    assert figure(tree.vgcl, "support_given_vnd", "form:equipment") == 50_000_000
    support.support_archive(support=given, by=people.na_officer)
    assert figure(tree.vgcl, "support_given_vnd") == 0
    support.support_restore(support=given, by=people.na_officer)
    assert figure(tree.vgcl, "support_given_vnd") == 50_000_000
    assert_recount_agrees()


def test_meetings_attended_count_as_recorded_hosted_ones_once_approved(tree, people):
    common = {"kind": "seminar", "title": "Hội thảo", "start_on": datetime.date(2024, 7, 29), "place": "Vinh"}
    meetings.meeting_create(
        by=people.na_officer, owner_unit=tree.nghe_an, hosted=False, foreign_participants=4, **common
    )
    hosted = meetings.meeting_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        hosted=True,
        domestic_participants=30,
        foreign_participants=12,
        topics="Lao động di cư",
        **common,
    )
    assert figure(tree.vgcl, "meetings_attended") == 1
    assert figure(tree.vgcl, "meetings_attended_foreign") == 4
    assert figure(tree.vgcl, "meetings_hosted") == 0
    hosted, _warnings = meetings.meeting_take_action(meeting=hosted, action="submit", by=people.na_officer)
    meetings.meeting_take_action(meeting=hosted, action="approve", by=people.vgcl_leader)
    assert figure(tree.vgcl, "meetings_hosted") == 1
    assert figure(tree.vgcl, "meetings_hosted", "kind:seminar") == 1
    assert figure(tree.nghe_an, "meetings_hosted_foreign") == 12
    assert_recount_agrees()


def test_an_agreement_counts_when_signed_not_as_a_draft(tree, people, laos):
    record = agreements.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[laos],
        title="Biên bản hợp tác",
        agreement_type=AgreementType.COOPERATION_AGREEMENT,
        status=AgreementStatus.DRAFT,
        is_international_agreement=True,
    )
    assert figure(tree.vgcl, "agreements_signed") == 0
    step = record.signing_steps.get(kind="signed")
    agreements.signing_step_record(step=step, by=people.na_officer, done_on=datetime.date(2017, 5, 10))
    record.refresh_from_db()
    assert figure(tree.vgcl, "agreements_signed") == 0  # still a draft
    agreements.agreement_update(
        agreement=record,
        by=people.na_officer,
        expected_version=record.version,
        status=AgreementStatus.IN_FORCE,
    )
    assert figure(tree.vgcl, "agreements_signed", month=datetime.date(2017, 5, 1)) == 1
    assert figure(tree.nghe_an, "agreements_signed", "country:LA") == 1
    assert_recount_agrees()


def test_a_moved_unit_takes_its_figures_to_its_new_parents(tree, people):
    delegation(people.na_officer, tree.school, members=2)
    delegation(people.na_officer, tree.vinh, members=1)
    units.unit_move(unit=tree.vinh, new_parent=tree.ha_noi, by=None)
    assert figure(tree.nghe_an, "delegations_out") == 0
    assert figure(tree.ha_noi, "delegations_out") == 2
    assert figure(tree.ha_noi, "person_trips_out") == 3
    assert figure(tree.vgcl, "delegations_out") == 2
    assert_recount_agrees()


def test_a_merge_leaves_records_with_the_ended_unit_and_moves_its_children(tree, people):
    delegation(people.na_officer, tree.ky_son)
    delegation(people.na_officer, tree.school)
    units.unit_merge(units=[tree.vinh], into=tree.ky_son, on=datetime.date(2025, 7, 1), by=None)
    tree = tree.reload()
    assert figure(tree.ky_son, "delegations_out") == 2  # its own and the school now under it
    assert figure(tree.vinh, "delegations_out") == 0  # the school left it
    assert figure(tree.nghe_an, "delegations_out") == 2
    assert_recount_agrees()


def test_sync_twice_changes_nothing(tree, people):
    record = delegation(people.na_officer, tree.nghe_an)
    before = list(
        Tally.objects.values_list("unit", "key", "grain", "day", "indicator", "value").order_by("pk")
    )
    sync(record)
    sync(record)
    assert (
        list(Tally.objects.values_list("unit", "key", "grain", "day", "indicator", "value").order_by("pk"))
        == before
    )


def test_the_rebuild_gives_what_the_writes_kept(tree, people, laos):
    delegation(people.na_officer, tree.school, countries=("LA", "KH"))
    delegation(people.hn_officer, tree.ha_noi, direction="incoming", countries=())
    support.support_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        direction="received",
        partner=laos,
        given_on=datetime.date(2023, 1, 5),
        form="cash",
        funding_source="partner",
        total_vnd=7_000_000,
    )

    def state():
        tallies = {
            (unit, key, grain, str(day), indicator): value
            for unit, key, grain, day, indicator, value in Tally.objects.values_list(
                "unit", "key", "grain", "day", "indicator", "value"
            )
            if value
        }
        stored = {
            (c.source, c.record_id): (c.unit_id, sorted(map(tuple, json.loads(c.data))))
            for c in Contribution.objects.all()
        }
        return tallies, stored

    kept = state()
    done = rebuild()
    # Each delegation counts on its start, its report's return and its approval; then the support.
    assert done["records"] == 7
    assert state() == kept
    assert_recount_agrees()


def test_the_check_reports_a_figure_changed_behind_its_back(tree, people):
    delegation(people.na_officer, tree.nghe_an)
    Tally.objects.filter(unit=tree.vgcl, indicator="delegations_out", key="", grain=Grain.MONTH).update(
        value=5
    )
    count, found = check()
    assert count == 1
    assert "stored 5, recounted 1" in str(found[0])
    rebuild()
    assert_recount_agrees()


def test_a_partner_moving_country_takes_its_agreements_along(tree, people, laos):
    from solidarity.partners.models import PartnerLink
    from solidarity.partners.services import partner_update

    PartnerLink.objects.create(partner=laos, unit=tree.nghe_an)
    agreements.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[laos],
        title="Biên bản hợp tác",
        agreement_type=AgreementType.COOPERATION_AGREEMENT,
        status=AgreementStatus.IN_FORCE,
        signed_on=datetime.date(2017, 5, 10),
        is_international_agreement=False,
    )
    partner_update(partner=laos, by=people.na_officer, expected_version=laos.version, country="TH")
    assert figure(tree.vgcl, "agreements_signed", "country:LA") == 0
    assert figure(tree.vgcl, "agreements_signed", "country:TH") == 1
    assert_recount_agrees()


def test_a_cost_counts_under_its_own_source_and_kind_only(tree, people):
    """An estimate and an actual cost from the same source: each kind's breakdown holds its own."""
    record = delegation(people.na_officer, tree.nghe_an, cost=30_000_000)
    delegations.cost_add(
        delegation=record,
        by=people.na_officer,
        kind="actual",
        source="union_budget",
        amount=Decimal(25_000_000),
    )
    assert figure(tree.nghe_an, "cost_actual_vnd", "source:union_budget") == 25_000_000
    assert figure(tree.nghe_an, "cost_estimated_vnd", "source:union_budget") == 30_000_000
    assert_recount_agrees()
