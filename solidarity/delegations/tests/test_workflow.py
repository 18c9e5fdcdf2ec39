"""The approval workflow of delegations, through the services (no HTTP)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import make_user
from solidarity.delegations import services
from solidarity.delegations.models import Delegation
from solidarity.records.base import may_write
from solidarity.records.workflow import ApprovalState, Part, workflow_events

from .factories import add_member, make_delegation

pytestmark = pytest.mark.django_db
S = ApprovalState


def test_an_officer_of_the_owning_unit_submits_a_draft(people, tree):
    delegation = make_delegation(tree.nghe_an, complete_it=True)
    delegation = services.delegation_submit(delegation=delegation, by=people.na_officer)
    assert delegation.state == S.SUBMITTED


@pytest.mark.parametrize("persona", ["na_viewer", "hn_officer", "vinh_officer", "outsider"])
def test_only_officers_of_the_owning_unit_or_above_submit(people, tree, persona):
    delegation = make_delegation(tree.nghe_an)
    with pytest.raises(PermissionDenied):
        services.delegation_submit(delegation=delegation, by=getattr(people, persona))
    assert Delegation.objects.get(pk=delegation.pk).state == S.DRAFT


def test_a_nghe_an_leader_cannot_approve_nghe_an_s_own_delegation(people, tree):
    """
    GIVEN a submitted delegation of Nghệ An, whose approver is the level above (VGCL)
    WHEN the Nghệ An leader tries to approve it
    THEN it is refused and stays submitted
    """
    delegation = make_delegation(tree.nghe_an, state=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.delegation_approve(delegation=delegation, by=people.na_leader)
    assert Delegation.objects.get(pk=delegation.pk).state == S.SUBMITTED


def test_a_vgcl_leader_approves_a_nghe_an_delegation(people, tree):
    delegation = make_delegation(tree.nghe_an, state=S.SUBMITTED)
    delegation = services.delegation_approve(delegation=delegation, by=people.vgcl_leader, comment="Đồng ý")
    assert delegation.state == S.APPROVED
    event = workflow_events(delegation).get()
    assert (event.action, event.by, event.comment) == ("approve", people.vgcl_leader, "Đồng ý")


@pytest.mark.parametrize("persona", ["hn_officer", "hn_admin", "na_officer", "na_admin", "na_viewer"])
def test_nobody_but_a_leader_of_the_approver_unit_decides(people, tree, persona):
    delegation = make_delegation(tree.nghe_an, state=S.SUBMITTED)
    for decide in (services.delegation_approve, services.delegation_return, services.delegation_reject):
        with pytest.raises(PermissionDenied):
            decide(delegation=delegation, by=getattr(people, persona), comment="x")
    assert Delegation.objects.get(pk=delegation.pk).state == S.SUBMITTED


def test_a_leader_of_ha_noi_cannot_approve_a_nghe_an_delegation(people, tree):
    hn_leader = make_user("hn_leader", (tree.ha_noi, Role.LEADER))
    delegation = make_delegation(tree.nghe_an, state=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.delegation_approve(delegation=delegation, by=hn_leader)


def test_a_vinh_phu_delegation_is_approved_by_nghe_an_leaders(people, tree):
    """
    GIVEN the Vinh Phú ward union (under Nghệ An) submits a delegation
    WHEN the Nghệ An leader approves it
    THEN it is approved: the parent unit's leaders decide
    """
    delegation = make_delegation(tree.vinh, complete_it=True)
    services.delegation_submit(delegation=delegation, by=people.vinh_officer)
    delegation = services.delegation_approve(delegation=delegation, by=people.na_leader)
    assert delegation.state == S.APPROVED


def test_a_leader_above_the_approver_does_not_decide(people, tree):
    """Only the leaders of the approver unit decide: Vinh Phú's delegations are Nghệ An's to approve."""
    delegation = make_delegation(tree.vinh, state=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.delegation_approve(delegation=delegation, by=people.vgcl_leader)
    assert services.delegation_approve(delegation=delegation, by=people.na_leader).state == S.APPROVED


def test_a_unit_that_approves_its_own_is_approved_by_its_own_leaders(people, tree):
    """
    GIVEN the education union approves its own activities
    WHEN its own leader approves its submitted delegation
    THEN it is approved
    """
    tree.education.approves_own = True
    tree.education.save()
    edu_leader = make_user("edu_leader", (tree.education, Role.LEADER))
    delegation = make_delegation(tree.education, state=S.SUBMITTED)
    delegation.owner_unit.refresh_from_db()
    assert services.delegation_approve(delegation=delegation, by=edu_leader).state == S.APPROVED


def test_a_unit_that_does_not_approve_its_own_cannot(people, tree):
    edu_leader = make_user("edu_leader", (tree.education, Role.LEADER))
    delegation = make_delegation(tree.education, state=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.delegation_approve(delegation=delegation, by=edu_leader)


@pytest.mark.parametrize("decide", [services.delegation_return, services.delegation_reject])
def test_returning_or_rejecting_needs_a_comment(people, tree, decide):
    delegation = make_delegation(tree.nghe_an, state=S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        decide(delegation=delegation, by=people.vgcl_leader, comment="  ")
    assert "comment" in error.value.error_dict
    assert Delegation.objects.get(pk=delegation.pk).state == S.SUBMITTED
    assert not workflow_events(delegation).exists()


def test_a_returned_delegation_is_editable_and_resubmitted(people, tree):
    """
    GIVEN a submitted Nghệ An delegation
    WHEN the VGCL leader returns it with a comment
    THEN the officer can edit it again and submit it once more, and the timeline keeps all three steps
    """
    delegation = make_delegation(tree.nghe_an, complete_it=True)
    services.delegation_submit(delegation=delegation, by=people.na_officer)
    delegation = services.delegation_return(
        delegation=delegation, by=people.vgcl_leader, comment="Bổ sung chương trình"
    )
    assert may_write(user=people.na_officer, record=delegation, part=Part.PROPOSAL)
    delegation = services.delegation_update(
        delegation=delegation,
        by=people.na_officer,
        expected_version=delegation.version,
        title="Đoàn Nghệ An thăm Xiêng Khoảng (bổ sung)",
        start_on=delegation.start_on,
        end_on=delegation.end_on,
    )
    delegation = services.delegation_submit(delegation=delegation, by=people.na_officer)
    assert delegation.state == S.SUBMITTED
    steps = [(e.action, e.by, e.comment) for e in workflow_events(delegation)]
    assert steps == [
        ("submit", people.na_officer, ""),
        ("return", people.vgcl_leader, "Bổ sung chương trình"),
        ("submit", people.na_officer, ""),
    ]


@pytest.mark.parametrize("state", [S.SUBMITTED, S.APPROVED, S.REJECTED, S.CARRIED_OUT, S.REPORTED, S.CLOSED])
def test_a_delegation_cannot_be_edited_once_submitted(people, tree, state):
    delegation = make_delegation(tree.nghe_an, state=state)
    assert not may_write(user=people.na_officer, record=delegation, part=Part.PROPOSAL)
    with pytest.raises(ValidationError):
        services.delegation_update(
            delegation=delegation, by=people.na_officer, expected_version=1, title="Khác"
        )
    with pytest.raises(ValidationError):
        services.member_add(delegation=delegation, by=people.na_officer, full_name="Nguyễn Văn A")
    assert Delegation.objects.get(pk=delegation.pk).title != "Khác"


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.RETURNED, S.REJECTED])
def test_carrying_out_needs_an_approval_first(people, tree, state):
    delegation = make_delegation(tree.nghe_an, state=state)
    with pytest.raises(ValidationError):
        services.delegation_carry_out(delegation=delegation, by=people.na_officer)


def test_the_owning_unit_carries_out_files_the_report_and_the_approver_closes(people, tree):
    """
    GIVEN an approved Nghệ An delegation that came back
    WHEN the officer marks it carried out and files the report, and the VGCL leader closes it
    THEN each step is a timeline row with its person, and the report date is set
    """
    delegation = make_delegation(tree.nghe_an, state=S.APPROVED)
    with pytest.raises(PermissionDenied):
        services.delegation_carry_out(
            delegation=delegation, by=people.vgcl_leader.__class__.objects.get(username="hn_officer")
        )
    delegation = services.delegation_carry_out(delegation=delegation, by=people.na_officer)
    with pytest.raises(ValidationError) as error:
        services.delegation_file_report(delegation=delegation, by=people.na_officer, report_text=" ")
    assert "report_text" in error.value.error_dict
    delegation = services.delegation_file_report(
        delegation=delegation,
        by=people.na_officer,
        report_text="Hai bên thống nhất kế hoạch 2026.",
        on=datetime.date(2025, 3, 20),
    )
    assert delegation.state == S.REPORTED
    assert delegation.report_filed_on == datetime.date(2025, 3, 20)
    assert delegation.report_text.startswith("Hai bên")
    with pytest.raises(PermissionDenied):
        services.delegation_close(delegation=delegation, by=people.na_leader)
    delegation = services.delegation_close(delegation=delegation, by=people.vgcl_leader)
    assert delegation.state == S.CLOSED
    assert [(e.action, e.by) for e in workflow_events(delegation)] == [
        ("carry_out", people.na_officer),
        ("file_report", people.na_officer),
        ("close", people.vgcl_leader),
    ]


def test_a_refused_report_leaves_nothing_behind(people, tree):
    delegation = make_delegation(tree.nghe_an, state=S.APPROVED)  # not carried out yet
    with pytest.raises(ValidationError):
        services.delegation_file_report(delegation=delegation, by=people.na_officer, report_text="Báo cáo")
    delegation.refresh_from_db()
    assert (delegation.report_text, delegation.report_filed_on, delegation.state) == ("", None, S.APPROVED)


def test_filing_the_report_is_one_history_entry(people, tree):
    delegation = make_delegation(tree.nghe_an, state=S.CARRIED_OUT)
    services.delegation_file_report(delegation=delegation, by=people.na_officer, report_text="Báo cáo")
    latest = delegation.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == "file_report"
    assert latest.report_text == "Báo cáo" and latest.state == S.REPORTED


def test_archived_delegations_take_no_step(people, tree):
    delegation = make_delegation(tree.nghe_an, complete_it=True)
    services.delegation_archive(delegation=delegation, by=people.na_officer)
    with pytest.raises(ValidationError, match="archived"):
        services.delegation_submit(delegation=delegation, by=people.na_officer)
    services.delegation_restore(delegation=delegation, by=people.na_officer)
    assert services.delegation_submit(delegation=delegation, by=people.na_officer).state == S.SUBMITTED


def test_a_stale_edit_is_refused_with_the_changes(people, tree):
    from solidarity.records.base import EditConflict

    delegation = make_delegation(tree.nghe_an)
    fields = {"title": "Bản của người thứ nhất", "start_on": delegation.start_on, "end_on": delegation.end_on}
    services.delegation_update(delegation=delegation, by=people.na_officer, expected_version=1, **fields)
    with pytest.raises(EditConflict) as error:
        services.delegation_update(
            delegation=delegation,
            by=people.na_admin,
            expected_version=1,
            **{**fields, "title": "Bản thứ hai"},
        )
    assert [(theirs, yours) for _label, theirs, yours in error.value.changes] == [
        ("Bản của người thứ nhất", "Bản thứ hai")
    ]
    assert Delegation.objects.get(pk=delegation.pk).title == "Bản của người thứ nhất"


def test_members_costs_and_programme_are_validated(people, tree):
    delegation = make_delegation(tree.nghe_an)
    with pytest.raises(ValidationError):
        services.member_add(delegation=delegation, by=people.na_officer, full_name=" ")
    with pytest.raises(ValidationError):
        services.cost_add(
            delegation=delegation,
            by=people.na_officer,
            kind="estimated",
            source="partner",
            amount=100,
            currency="USD",
        )
    with pytest.raises(PermissionDenied):
        services.member_add(delegation=delegation, by=people.hn_officer, full_name="Nguyễn Văn A")
    cost = services.cost_add(
        delegation=delegation,
        by=people.na_officer,
        kind="estimated",
        source="union_budget",
        amount=50_000_000,
    )
    assert cost.amount_vnd == 50_000_000 and cost.currency == "VND"
    add_member(delegation, "Kha Văn Tám", tree.nghe_an)
    assert delegation.members.count() == 1 and delegation.costs.count() == 1


def test_actual_costs_can_be_added_after_the_trip_but_not_estimates(people, tree):
    delegation = make_delegation(tree.nghe_an, state=S.CARRIED_OUT)
    services.cost_add(
        delegation=delegation,
        by=people.na_officer,
        kind="actual",
        source="partner",
        amount=200,
        currency="USD",
        amount_vnd=5_000_000,
    )
    with pytest.raises(ValidationError):
        services.cost_add(
            delegation=delegation, by=people.na_officer, kind="estimated", source="partner", amount=1
        )


def test_a_leader_never_decides_on_what_they_submitted_themselves(people, tree):
    """
    GIVEN VGCL approves its own activities and its leader submits a VGCL delegation
    WHEN that same leader tries to approve it
    THEN it is refused, and it is not in their own queue; another VGCL leader decides
    """
    from solidarity.accounts.testing import make_user
    from solidarity.delegations.models import Delegation
    from solidarity.records.workflow import waiting_for

    tree.vgcl.approves_own = True
    tree.vgcl.save()
    delegation = make_delegation(tree.vgcl, complete_it=True)
    services.delegation_submit(delegation=delegation, by=people.vgcl_leader)
    with pytest.raises(PermissionDenied, match="yourself"):
        services.delegation_approve(delegation=delegation, by=people.vgcl_leader)
    assert not waiting_for(user=people.vgcl_leader, queryset=Delegation.objects.all()).exists()
    other = make_user("vgcl_leader_2", (tree.vgcl, Role.LEADER))
    assert waiting_for(user=other, queryset=Delegation.objects.all()).get() == delegation
    assert services.delegation_approve(delegation=delegation, by=other).state == S.APPROVED
