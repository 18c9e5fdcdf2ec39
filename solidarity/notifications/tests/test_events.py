"""Workflow steps and finished jobs tell the right people, and only people who may see the record."""

import pytest
from django.core import mail

from solidarity.delegations import services as delegations
from solidarity.delegations.tests.factories import make_delegation
from solidarity.jobs import registry
from solidarity.jobs.services import job_start
from solidarity.notifications.choices import Kind
from solidarity.notifications.models import Notification
from solidarity.plans import services as plans
from solidarity.plans.tests.factories import draft_plan

pytestmark = pytest.mark.django_db


def told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


@pytest.fixture
def submitted(people, tree, more, django_capture_on_commit_callbacks):
    """Vinh Phú's officer submits a delegation: Nghệ An's leaders decide."""
    delegation = make_delegation(tree.vinh, complete_it=True, title="Đoàn Vinh Phú sang Lào")
    with django_capture_on_commit_callbacks(execute=True):
        return delegations.delegation_submit(delegation=delegation, by=people.vinh_officer)


def test_a_submission_goes_to_the_leaders_of_the_approver_unit_and_no_sibling(submitted, people, more):
    """
    GIVEN a delegation of Vinh Phú (under Nghệ An)
    WHEN its officer submits it
    THEN Nghệ An's leader and administrator are told, with a link to it
     AND no leader of a sibling unit (Kỳ Sơn, Hà Nội), of the unit itself or above is told
    """
    assert told(Kind.SUBMITTED) == {"na_leader", "na_admin"}
    note = Notification.objects.get(user=people.na_leader)
    assert note.url == submitted.get_absolute_url() and note.title == str(submitted)
    assert note.read_at is None
    for sibling in (more.ks_leader, more.hn_leader, people.hn_admin, more.vinh_leader, people.vgcl_leader):
        assert not Notification.objects.filter(user=sibling).exists()


@pytest.mark.parametrize(
    ("decide", "kind"),
    [
        (delegations.delegation_return, Kind.RETURNED),
        (delegations.delegation_approve, Kind.APPROVED),
        (delegations.delegation_reject, Kind.REJECTED),
    ],
)
def test_a_decision_goes_to_the_submitter_and_the_unit_s_officers(submitted, people, more, decide, kind):
    """
    GIVEN Vinh Phú's submitted delegation
    WHEN Nghệ An's leader returns, approves or rejects it
    THEN the officer who submitted it and Vinh Phú's other officer are told, with the comment
     AND nobody in Kỳ Sơn (the sibling) or Hà Nội, and not the leader who decided
    """
    decide(delegation=submitted, by=people.na_leader, comment="Bổ sung danh sách đoàn")
    assert told(kind) == {"vinh_officer", "vinh_officer2"}
    note = Notification.objects.get(user=people.vinh_officer, kind=kind)
    assert "Bổ sung danh sách đoàn" in note.detail and people.na_leader.display_name in note.detail
    assert not Notification.objects.filter(
        user__in=[more.ks_officer, more.ks_leader, more.hn_leader]
    ).exists()


def test_the_submitter_who_cannot_see_the_record_any_more_is_not_told(submitted, people, more):
    """The permission rule decides last: an officer moved out of Vinh Phú is not told about it."""
    people.vinh_officer.memberships.all().delete()
    delegations.delegation_return(delegation=submitted, by=people.na_leader, comment="Thiếu chương trình")
    assert told(Kind.RETURNED) == {"vinh_officer2"}


def test_a_notification_rolls_back_with_a_refused_step(submitted, people):
    """A leader who may not decide leaves nothing written, notifications included."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        delegations.delegation_approve(delegation=submitted, by=people.hn_admin)
    assert not Notification.objects.filter(kind=Kind.APPROVED).exists()


def test_a_plan_submitted_waits_for_the_parent_s_leaders(
    people, tree, more, django_capture_on_commit_callbacks
):
    plan = draft_plan(people.vinh_officer, tree.vinh, 2026)
    plans.plan_submit(plan=plan, by=people.vinh_officer)
    assert told(Kind.PLAN_SUBMITTED) == {"na_leader", "na_admin"}
    assert not Notification.objects.filter(kind=Kind.SUBMITTED).exists()


def test_a_finished_import_or_export_tells_its_owner_only(
    people, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    registry.register("test-export", lambda job, progress: registry.Outcome(message="12 dòng"))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = job_start(owner=people.na_officer, kind="test-export", title="Xuất danh sách đoàn")
    finally:
        registry.RUNNERS.pop("test-export")
    note = Notification.objects.get(kind=Kind.JOB_FINISHED)
    assert note.user == people.na_officer and note.url == job.get_absolute_url()
    assert "12 dòng" in note.detail
    assert Notification.objects.count() == 1
    assert mail.outbox == []  # jobs are off by mail unless the user asks
