"""Hosting an international meeting goes through the approval of the level above."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from solidarity.core.models import WorkflowEvent
from solidarity.meetings import services
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.records.workflow import Action, ApprovalState

pytestmark = pytest.mark.django_db


def make(unit, *, days_ahead=35, **fields) -> Meeting:
    """A hosted international conference with what its approval needs (place, participants, topics)."""
    complete = {
        "place": "Vinh, Nghệ An",
        "domestic_participants": 40,
        "foreign_participants": 6,
        "topics": "Lao động di cư qua biên giới",
    }
    return Meeting.objects.create(
        owner_unit=unit,
        kind=MeetingKind.CONFERENCE,
        title="Hội nghị quốc tế về lao động di cư",
        start_on=timezone.localdate() + datetime.timedelta(days=days_ahead),
        **{**complete, **fields},
    )


def act(client, meeting, action, **data):
    return client.post(reverse("meetings:action", args=[meeting.pk]), {"action": action, **data})


def test_a_hosted_international_meeting_is_submitted_approved_held_reported_and_closed(client, people, tree):
    """
    GIVEN a draft international conference hosted by Nghệ An, 35 days ahead
    WHEN the Nghệ An officer submits it and the VGCL leader approves it
    AND after the event the officer marks it held and files the report, and the leader closes it
    THEN each step is a workflow event with who did it, and the history shows the report
    """
    meeting = make(tree.nghe_an)
    client.force_login(people.na_officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'value="submit"' in page and "30 to 40 days" in page
    assert act(client, meeting, "submit").status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == ApprovalState.SUBMITTED

    client.force_login(people.vgcl_leader)
    assert act(client, meeting, "approve", comment="Đồng ý").status_code == 302
    Meeting.objects.filter(pk=meeting.pk).update(start_on=timezone.localdate() - datetime.timedelta(days=1))

    client.force_login(people.na_officer)
    assert act(client, meeting, "carry_out").status_code == 302
    assert (
        act(client, meeting, "file_report", report_text="Hội nghị thành công, 3 kết luận").status_code == 302
    )
    client.force_login(people.vgcl_leader)
    assert act(client, meeting, "close").status_code == 302

    meeting.refresh_from_db()
    assert meeting.state == ApprovalState.CLOSED and meeting.report_text.startswith("Hội nghị thành công")
    events = list(WorkflowEvent.objects.filter(object_id=meeting.pk).values_list("action", "by__username"))
    assert events == [
        ("submit", "na_officer"),
        ("approve", "vgcl_leader"),
        ("carry_out", "na_officer"),
        ("file_report", "na_officer"),
        ("close", "vgcl_leader"),
    ]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Đồng ý" in page and "Report filed" in page and "3 kết luận" in page


def test_a_nghe_an_leader_cannot_approve_a_nghe_an_meeting(client, people, tree):
    """
    GIVEN a submitted meeting hosted by Nghệ An (its approver is VGCL)
    WHEN the Nghệ An leader tries to approve it
    THEN it is refused with 403 and a message naming who decides, and nothing changes
    """
    meeting = make(tree.nghe_an)
    services.meeting_take_action(meeting=meeting, action=Action.SUBMIT, by=people.na_officer)
    client.force_login(people.na_leader)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'value="approve"' not in page and "Waiting for a decision" in page
    response = act(client, meeting, "approve")
    assert response.status_code == 403
    assert "Only leaders of Tổng Liên đoàn Lao động Việt Nam can decide on this." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == ApprovalState.SUBMITTED


def test_the_nghe_an_leader_approves_a_ky_son_meeting(people, tree):
    """
    GIVEN a submitted meeting hosted by Kỳ Sơn district (a child of Nghệ An)
    WHEN the Nghệ An leader approves it
    THEN it is approved; the Hà Nội officer could not have
    """
    meeting = make(tree.ky_son)
    services.meeting_take_action(meeting=meeting, action=Action.SUBMIT, by=people.na_officer)
    with pytest.raises(PermissionDenied):
        services.meeting_take_action(meeting=meeting, action=Action.APPROVE, by=people.hn_officer)
    meeting, _ = services.meeting_take_action(meeting=meeting, action=Action.APPROVE, by=people.na_leader)
    assert meeting.state == ApprovalState.APPROVED


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("na_viewer", False), ("hn_officer", False), ("na_officer", True), ("vgcl_leader", True)],
)
def test_who_may_submit(people, tree, persona, allowed):
    """
    GIVEN a draft meeting hosted by Nghệ An
    WHEN someone submits it
    THEN only officers of Nghệ An or above may
    """
    meeting = make(tree.nghe_an)
    if allowed:
        meeting, _ = services.meeting_take_action(
            meeting=meeting, action=Action.SUBMIT, by=getattr(people, persona)
        )
        assert meeting.state == ApprovalState.SUBMITTED
    else:
        with pytest.raises(PermissionDenied):
            services.meeting_take_action(meeting=meeting, action=Action.SUBMIT, by=getattr(people, persona))


def test_returning_needs_a_comment_and_makes_it_editable_again(client, people, tree):
    """
    GIVEN a submitted meeting
    WHEN the leader returns it without a comment, then with one
    THEN the first is refused, the second returns it and the officer may edit and resubmit
    """
    meeting = make(tree.nghe_an)
    services.meeting_take_action(meeting=meeting, action=Action.SUBMIT, by=people.na_officer)
    client.force_login(people.vgcl_leader)
    response = act(client, meeting, "return")
    assert response.status_code == 400 and "Say why" in response.content.decode()
    assert act(client, meeting, "return", comment="Bổ sung chương trình").status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == ApprovalState.RETURNED
    meeting, _ = services.meeting_take_action(meeting=meeting, action=Action.SUBMIT, by=people.na_officer)
    assert meeting.state == ApprovalState.SUBMITTED


def test_submitting_less_than_30_days_ahead_warns_but_does_not_block(client, people, tree):
    """
    GIVEN a hosted international meeting only 10 days ahead
    WHEN the officer submits it
    THEN it is submitted, with a warning about the 30-40 day rule
    """
    meeting = make(tree.nghe_an, days_ahead=10)
    client.force_login(people.na_officer)
    response = client.post(reverse("meetings:action", args=[meeting.pk]), {"action": "submit"}, follow=True)
    assert "starts in 10 days" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == ApprovalState.SUBMITTED


def test_a_meeting_cannot_be_marked_held_before_it_happens(people, tree):
    meeting = make(tree.nghe_an)
    services.meeting_take_action(meeting=meeting, action=Action.SUBMIT, by=people.na_officer)
    services.meeting_take_action(meeting=meeting, action=Action.APPROVE, by=people.vgcl_leader)
    with pytest.raises(ValidationError):
        services.meeting_take_action(meeting=meeting, action=Action.CARRY_OUT, by=people.na_officer)


def test_a_report_cannot_be_filed_empty(people, tree):
    meeting = make(tree.nghe_an, days_ahead=-2, state=ApprovalState.CARRIED_OUT)
    with pytest.raises(ValidationError):
        services.meeting_take_action(meeting=meeting, action=Action.FILE_REPORT, by=people.na_officer)
    assert not WorkflowEvent.objects.exists()


@pytest.mark.parametrize("fields", [{"hosted": False}, {"is_international": False}])
def test_attended_or_domestic_meetings_skip_the_workflow(client, people, tree, fields):
    """
    GIVEN a meeting we attended abroad, or a domestic one we host
    WHEN the officer opens it or tries to submit it
    THEN there are no approval buttons and submitting is refused
    """
    meeting = make(tree.nghe_an, **fields)
    client.force_login(people.na_officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'value="submit"' not in page and "Approval to host" not in page
    assert act(client, meeting, "submit").status_code == 400
    meeting.refresh_from_db()
    assert meeting.state == ApprovalState.DRAFT and not WorkflowEvent.objects.exists()


def test_what_the_leader_approved_cannot_change_after_approval(client, people, tree):
    """
    GIVEN an approved meeting (6 foreign participants)
    WHEN the officer edits its date, its participants and its conclusions
    THEN the date and the participants stay as approved, the conclusions are saved
    """
    meeting = make(tree.nghe_an)
    services.meeting_take_action(meeting=meeting, action=Action.SUBMIT, by=people.na_officer)
    services.meeting_take_action(meeting=meeting, action=Action.APPROVE, by=people.vgcl_leader)
    meeting.refresh_from_db()
    for fields in ({"start_on": meeting.start_on + datetime.timedelta(days=3)}, {"foreign_participants": 60}):
        with pytest.raises(ValidationError):
            services.meeting_update(
                meeting=meeting, by=people.na_officer, expected_version=meeting.version, fields=fields
            )
    client.force_login(people.na_officer)
    response = client.post(
        reverse("meetings:edit", args=[meeting.pk]),
        {
            "start_on": "01/01/2030",
            "conclusions": "Thống nhất nội dung",
            "domestic_participants": "50",
            "foreign_participants": "60",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    updated = Meeting.objects.get(pk=meeting.pk)
    assert updated.foreign_participants == 6
    assert updated.start_on == meeting.start_on and updated.conclusions == "Thống nhất nội dung"
