"""Reminders: each deadline's stages, to people who may see the record, once ever (reruns, restarts)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from solidarity.agreements.models import Agreement, Commitment
from solidarity.core.choices import ApprovalState
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.notifications import reminders
from solidarity.notifications.choices import Kind
from solidarity.notifications.models import Notification, SentReminder
from solidarity.notifications.reminders import run_reminders
from solidarity.periodic.choices import PeriodKind
from solidarity.periodic.selectors import due_date, period_of

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 30)


def told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def conference(unit, starts):
    return Meeting.objects.create(
        owner_unit=unit,
        kind="conference",
        title="Hội nghị quốc tế tại Vinh",
        start_on=starts,
        hosted=True,
        is_international=True,
    )


def test_the_nghe_an_leader_is_reminded_40_days_before_a_hosted_conference(people, tree, more):
    """
    GIVEN Nghệ An hosts an international conference starting 40 days from today, not yet submitted
    WHEN the reminders job runs on the day, and again the next day
    THEN Nghệ An's officer, leader and administrator are told once to file the approval now
     AND no Hà Nội leader (a sibling province) is told
    """
    meeting = conference(tree.nghe_an, TODAY + datetime.timedelta(days=40))
    run_reminders(TODAY - datetime.timedelta(days=1))
    assert not Notification.objects.exists()  # 41 days ahead: not yet

    run = run_reminders(TODAY)
    assert (run.reminders, run.notifications) == (1, 3)
    assert told(Kind.HOSTING_APPROVAL) == {"na_officer", "na_leader", "na_admin"}
    note = Notification.objects.get(user=people.na_leader)
    assert note.url == meeting.get_absolute_url() and "30/11/2026" in note.detail
    assert not Notification.objects.filter(
        user__in=[more.hn_leader, people.hn_admin, people.hn_officer]
    ).exists()

    assert run_reminders(TODAY + datetime.timedelta(days=1)).notifications == 0
    assert Notification.objects.count() == 3


def test_a_submitted_conference_is_not_reminded(people, tree):
    meeting = conference(tree.nghe_an, TODAY + datetime.timedelta(days=40))
    Meeting.objects.filter(pk=meeting.pk).update(state=ApprovalState.SUBMITTED)
    assert run_reminders(TODAY).notifications == 0


def test_a_post_trip_report_is_reminded_3_days_before_on_the_day_and_overdue(people, tree, more, settings):
    """
    GIVEN Vinh Phú's approved trip whose report is due on 10 December
    WHEN the job runs every day from 1 to 20 December
    THEN Vinh Phú's officers are told three times (due in 3 days, due today, overdue), once each
     AND Nghệ An's officer (above, who sees it) too, but never Kỳ Sơn's (a sibling commune)
    """
    due = D(2026, 12, 10)
    end = due - datetime.timedelta(days=settings.DELEGATION_REPORT_DAYS)
    Delegation.objects.create(
        owner_unit=tree.vinh,
        direction="outgoing",
        title="Đoàn Vinh Phú sang Lào",
        start_on=end - datetime.timedelta(days=3),
        end_on=end,
        state=ApprovalState.APPROVED,
    )
    for day in range(1, 21):
        run_reminders(D(2026, 12, day))
    details = list(
        Notification.objects.filter(user=people.vinh_officer)
        .order_by("created_at", "pk")
        .values_list("detail", flat=True)
    )
    assert len(details) == 3
    assert "due on 10/12/2026" in details[0]
    assert "due today" in details[1]
    assert "Overdue since 10/12/2026" in details[2]
    assert told(Kind.TRIP_REPORT) == {"vinh_officer", "vinh_officer2", "vinh_leader"}
    assert not Notification.objects.filter(
        user__in=[more.ks_officer, more.ks_leader, more.hn_leader]
    ).exists()
    assert SentReminder.objects.count() == 3


def test_a_commitment_due_and_overdue_and_an_agreement_s_renewal(people, tree, more):
    Commitment.objects.create(
        owner_unit=tree.nghe_an, description="Đón đoàn Xiêng Khoảng", due_on=D(2026, 12, 2)
    )
    Agreement.objects.create(
        owner_unit=tree.ky_son,
        title="Biên bản hợp tác Kỳ Sơn – Noọng Hét",
        agreement_type="cooperation_agreement",
        status="in_force",
        renewal_warning_on=D(2026, 12, 1),
    )
    run_reminders(TODAY)  # the commitment falls due within 3 days; the renewal is tomorrow
    assert told(Kind.COMMITMENT) == {"na_officer", "na_leader", "na_admin"}
    assert not told(Kind.RENEWAL)
    run_reminders(D(2026, 12, 1))
    assert told(Kind.RENEWAL) == {"ks_officer", "ks_leader"}
    run_reminders(D(2026, 12, 5))
    commitments = Notification.objects.filter(user=people.na_officer, kind=Kind.COMMITMENT)
    assert commitments.count() == 2 and "Overdue" in commitments.order_by("pk").last().detail
    assert not Notification.objects.filter(
        user__in=[more.vinh_leader, more.hn_leader, people.vinh_officer]
    ).exists()


def test_a_period_report_missing_from_a_child_unit_tells_the_unit_above(people, tree, more):
    """
    GIVEN the annual report 2026, due on 20 December 2026, that no unit has sent
    WHEN the job runs the day after
    THEN Nghệ An's people are told its units below have not sent it, Vinh Phú's (missing Lê Lợi's) too
     AND Hà Nội's leader hears nothing of Nghệ An's units
    """
    day = due_date(period_of(PeriodKind.ANNUAL, 2026))
    run_reminders(day)
    assert not told(Kind.PERIOD_REPORT)
    run_reminders(day + datetime.timedelta(days=1))
    na = Notification.objects.get(user=people.na_leader, kind=Kind.PERIOD_REPORT)
    assert "2 units below" in na.title and f"unit={tree.nghe_an.pk}" in na.url
    assert Notification.objects.filter(user=more.vinh_leader, kind=Kind.PERIOD_REPORT).count() == 1
    assert not Notification.objects.filter(user=more.hn_leader, title__contains=tree.nghe_an.name).exists()
    assert not Notification.objects.filter(user=more.ks_leader).exists()


def test_once_only_across_reruns_a_restart_and_a_crash(people, tree, django_capture_on_commit_callbacks):
    """
    GIVEN a hosted conference due for its reminder
    WHEN the first run crashes half-way, then the job runs, the scheduler is restarted and runs again
    THEN the crash left nothing, and each person is told (and mailed) exactly once
    """
    conference(tree.nghe_an, TODAY + datetime.timedelta(days=40))
    people.na_leader.email = "lanhdao@example.org"
    people.na_leader.save()

    # A crash after the notifications were written, before the run committed: nothing stays.
    original = reminders.remind_once

    def crash(**kwargs):
        original(**kwargs)
        raise RuntimeError("the worker was killed")

    reminders.remind_once = crash
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            run_reminders(TODAY)
    finally:
        reminders.remind_once = original
    assert not Notification.objects.exists() and not SentReminder.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(TODAY)
        run_reminders(TODAY)
    # A restart: a new process knows nothing but the database.
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(TODAY)
    assert Notification.objects.filter(user=people.na_leader).count() == 1
    assert [m.to for m in mail.outbox] == [["lanhdao@example.org"]]


def test_the_schedule_queues_each_slot_once_across_restarts(
    people, tree, settings, django_capture_on_commit_callbacks
):
    """run_schedule --once, twice (a restart): the reminders and the digest run once for the slot."""
    from django.utils import timezone

    from solidarity.notifications.models import ScheduleSlot

    settings.DIGEST_HOUR = 0
    conference(tree.nghe_an, timezone.localdate() + datetime.timedelta(days=40))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_schedule", "--once")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_schedule", "--once")
    assert sorted(ScheduleSlot.objects.values_list("task", flat=True)) == ["digest", "reminders"]
    assert Notification.objects.filter(kind=Kind.HOSTING_APPROVAL).count() == 3
