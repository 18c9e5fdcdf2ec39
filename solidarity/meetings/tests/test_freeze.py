"""A hosted international meeting stays as submitted while the leaders decide (issue 6).

The rule is the workflow's (solidarity/core/workflow.py, ``WRITABLE``): while
submitted nothing changes, not even the participants or the files; after
approval only the conclusions, follow-ups and new files are recorded.
Submission needs a complete request; a submitted request is withdrawn with a
reason instead of archived. Meetings that need no approval are not affected.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from solidarity.agreements.models import Commitment
from solidarity.core.models import WorkflowEvent
from solidarity.meetings import services
from solidarity.meetings.models import Meeting
from solidarity.records.attachments import attachment_add, attachments_of
from solidarity.records.workflow import Action, ApprovalState, waiting_for, workflow_events

from .test_views import form_data, make_meeting

pytestmark = pytest.mark.django_db
S = ApprovalState
SUBMITTED = "nothing on it can change until they return it for changes, or until it is withdrawn."
INCOMPLETE = "The request is not complete. Before submitting it, add: "


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="chuong-trinh.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%x\n%%EOF\n", content_type="application/pdf")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def conference(tree, people):
    """A complete hosted international conference 35 days ahead, with a file, submitted by Nghệ An."""
    meeting = make_meeting(
        tree.nghe_an,
        title="Hội nghị quốc tế về lao động di cư",
        start_on=timezone.localdate() + datetime.timedelta(days=35),
        domestic_participants=40,
        foreign_participants=6,
        topics="Lao động di cư qua biên giới",
    )
    attachment_add(record=meeting, upload=pdf(), by=people.na_officer)
    meeting, _warnings = services.meeting_take_action(
        meeting=meeting, action=Action.SUBMIT, by=people.na_officer
    )
    return meeting


def snapshot(meeting):
    meeting.refresh_from_db()
    return (
        meeting.version,
        meeting.state,
        meeting.archived_at,
        meeting.foreign_participants,
        meeting.conclusions,
        Commitment.objects.count(),
        sorted(attachments_of(meeting).values_list("original_name", flat=True)),
    )


def test_the_participants_of_a_submitted_meeting_cannot_change(client, people, conference):
    """
    GIVEN a meeting submitted with 6 foreign participants
    WHEN its officer sets them to 60, through the service or the edit form
    THEN it is refused with the reason, the form is not even offered, and 6 stay
    """
    before = snapshot(conference)
    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            meeting=conference,
            by=people.na_officer,
            expected_version=conference.version,
            fields={"foreign_participants": 60},
        )
    assert SUBMITTED in " ".join(error.value.messages)
    client.force_login(people.na_officer)
    url = reverse("meetings:edit", args=[conference.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain and SUBMITTED in " ".join(messages_of(response))
    response = client.post(url, form_data(conference, foreign_participants="60"), follow=True)
    assert SUBMITTED in " ".join(messages_of(response))
    assert snapshot(conference) == before


def test_every_form_on_a_submitted_meeting_refuses_with_a_message(client, people, conference):
    """
    GIVEN a submitted meeting with a file
    WHEN its officer posts a follow-up, uploads a file, removes the file, archives it
    THEN each is refused with the reason and nothing is written
    """
    before = snapshot(conference)
    client.force_login(people.na_officer)
    posts = [
        (
            reverse("meetings:follow_up_add", args=[conference.pk]),
            {"follow_up-description": "Trao đổi đoàn", "follow_up-due_year": "2026"},
        ),
        (
            reverse("attachment_upload", args=[ContentType.objects.get_for_model(Meeting).pk, conference.pk]),
            {"file": pdf("them.pdf")},
        ),
        (reverse("attachment_remove", args=[attachments_of(conference).get().pk]), {}),
        (reverse("meetings:archive", args=[conference.pk]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        refusals = " ".join(messages_of(response))
        assert SUBMITTED in refusals or "withdraw it first" in refusals, url
    assert snapshot(conference) == before
    with pytest.raises(ValidationError):
        services.meeting_add_follow_up(
            meeting=conference, by=people.na_officer, description="X", due_year=2026
        )
    assert snapshot(conference) == before


def test_the_page_of_a_submitted_meeting_offers_no_change_and_says_why(client, people, conference):
    client.force_login(people.na_officer)
    page = client.get(conference.get_absolute_url()).content.decode()
    assert SUBMITTED in page and "Waiting for a decision" in page
    for url in (
        reverse("meetings:edit", args=[conference.pk]),
        reverse("meetings:follow_up_add", args=[conference.pk]),
        reverse("meetings:archive", args=[conference.pk]),
        reverse("attachment_upload", args=[ContentType.objects.get_for_model(Meeting).pk, conference.pk]),
        reverse("attachment_remove", args=[attachments_of(conference).get().pk]),
    ):
        assert url not in page, url


def test_after_approval_conclusions_follow_ups_and_files_are_recorded(client, people, conference):
    """
    GIVEN an approved meeting
    WHEN its officer opens the edit form, records conclusions, a follow-up and a new file
    THEN the planned fields are shown disabled, the outcome is saved, the approved file stays
    """
    services.meeting_take_action(meeting=conference, action=Action.APPROVE, by=people.vgcl_leader)
    client.force_login(people.na_officer)
    response = client.get(reverse("meetings:edit", args=[conference.pk]))
    form = response.context["form"]
    assert form.fields["foreign_participants"].disabled and not form.fields["conclusions"].disabled
    assert "The proposal stays as the leaders approved it." in response.content.decode()
    # A meeting's own words: no actual costs or trip report to add, its conclusions and follow-ups
    assert "the follow-up commitments" in response.context["frozen_reason"]
    assert "report" not in response.context["frozen_reason"]
    conference.refresh_from_db()
    services.meeting_update(
        meeting=conference,
        by=people.na_officer,
        expected_version=conference.version,
        fields={"conclusions": "Thống nhất 3 nội dung"},
    )
    services.meeting_add_follow_up(
        meeting=conference, by=people.na_officer, description="Trao đổi đoàn", due_year=2026
    )
    attachment_add(record=conference, upload=pdf("anh.pdf"), by=people.na_officer)
    conference.refresh_from_db()
    assert conference.conclusions == "Thống nhất 3 nội dung" and Commitment.objects.count() == 1
    page = client.get(conference.get_absolute_url()).content.decode()
    proposal_file, photo = attachments_of(conference).order_by("pk")
    assert reverse("attachment_remove", args=[photo.pk]) in page
    assert reverse("attachment_remove", args=[proposal_file.pk]) not in page


def test_an_incomplete_request_cannot_be_submitted_and_every_gap_is_named(client, people, tree):
    """
    GIVEN a hosted international meeting with no place, no participants and no topics
    WHEN its officer submits it
    THEN the page lists what is missing, the submission is refused with one message naming all three,
     and it stays a draft
    """
    meeting = make_meeting(
        tree.nghe_an, place="", start_on=timezone.localdate() + datetime.timedelta(days=35)
    )
    client.force_login(people.na_officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="missing"' in page and "the place" in page
    response = client.post(reverse("meetings:action", args=[meeting.pk]), {"action": "submit"})
    assert response.status_code == 400
    expected = INCOMPLETE + "the place; the expected participants, domestic and foreign; the topics."
    assert expected in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == S.DRAFT and not WorkflowEvent.objects.exists()


def test_the_officer_withdraws_a_submitted_meeting_with_a_reason(client, people, conference):
    """
    GIVEN a meeting waiting for the VGCL leader
    WHEN its officer withdraws it without a reason, then with one
    THEN the first is refused; the second makes it a draft again, off the queue,
     with the reason on the timeline, and it can then be archived
    """
    queue = Meeting.objects.visible_to(people.vgcl_leader).active()
    assert list(waiting_for(user=people.vgcl_leader, queryset=queue)) == [conference]
    client.force_login(people.na_officer)
    page = client.get(conference.get_absolute_url()).content.decode()
    assert 'value="withdraw"' in page and "required to withdraw" in page
    url = reverse("meetings:action", args=[conference.pk])
    response = client.post(url, {"action": "withdraw"})
    assert response.status_code == 400 and "Say why it is withdrawn" in response.content.decode()
    assert client.post(url, {"action": "withdraw", "comment": "Đối tác xin hoãn"}).status_code == 302
    conference.refresh_from_db()
    assert conference.state == S.DRAFT
    assert list(waiting_for(user=people.vgcl_leader, queryset=queue)) == []
    event = workflow_events(conference).last()
    assert (event.action, event.by, event.comment) == ("withdraw", people.na_officer, "Đối tác xin hoãn")
    assert "Đối tác xin hoãn" in client.get(conference.get_absolute_url()).content.decode()
    services.meeting_archive(meeting=conference, by=people.na_officer)
    assert Meeting.objects.get(pk=conference.pk).is_archived


def test_a_meeting_that_needs_no_approval_is_never_frozen(people, tree):
    meeting = make_meeting(tree.nghe_an, hosted=False, state=S.SUBMITTED)
    meeting = services.meeting_update(
        meeting=meeting,
        by=people.na_officer,
        expected_version=meeting.version,
        fields={"foreign_participants": 9},
    )
    attachment_add(record=meeting, upload=pdf(), by=people.na_officer)
    services.meeting_archive(meeting=meeting, by=people.na_officer)
    assert Meeting.objects.get(pk=meeting.pk).is_archived
