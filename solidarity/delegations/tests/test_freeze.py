"""Once submitted, a delegation and everything on it stay as the leaders see them (issue 6).

The rule is declared once in solidarity/core/workflow.py (``WRITABLE``): the
proposal (fields, members, programme, estimated costs, the files attached
while it was prepared) is open in draft and returned only; the outcome (actual
costs, new files, the report) opens with the approval and closes with the
record. Submission needs a complete proposal; a submitted proposal is
withdrawn, with a reason, instead of archived.
"""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.core.models import Attachment, WorkflowEvent
from solidarity.delegations import selectors, services
from solidarity.delegations.models import Cost, Delegation
from solidarity.records.attachments import attachment_add, attachment_archive, attachments_of
from solidarity.records.workflow import ApprovalState, workflow_events

from .factories import add_member, complete, make_delegation

pytestmark = pytest.mark.django_db
S = ApprovalState
SUBMITTED = "nothing on it can change until they return it for changes, or until it is withdrawn."
APPROVED = "The proposal stays as the leaders approved it."
INCOMPLETE = "The proposal is not complete. Before submitting it, add: "


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="chuong-trinh.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%x\n%%EOF\n", content_type="application/pdf")


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def snapshot(delegation):
    delegation.refresh_from_db()
    return (
        delegation.version,
        delegation.title,
        delegation.state,
        delegation.archived_at,
        sorted(delegation.members.values_list("full_name", flat=True)),
        sorted(delegation.programme.values_list("activity", flat=True)),
        sorted(delegation.costs.values_list("kind", "amount_vnd")),
        sorted(attachments_of(delegation).values_list("original_name", flat=True)),
    )


@pytest.fixture
def submitted(tree, people):
    """A complete Nghệ An proposal with a member and a file, submitted by its officer."""
    delegation = make_delegation(tree.nghe_an, title="Đoàn đã trình")
    add_member(delegation, "Kha Văn Tám", tree.nghe_an, key=True)
    complete(delegation)
    attachment_add(record=delegation, upload=pdf(), by=people.na_officer)
    return services.delegation_submit(delegation=delegation, by=people.na_officer)


def every_write(delegation, by):
    """Every write path on a delegation and the rows hanging on it, through the services."""
    member, item = delegation.members.first(), delegation.programme.first()
    estimate = delegation.costs.get(kind="estimated")
    attachment = attachments_of(delegation).first()
    return {
        "update": lambda: services.delegation_update(
            delegation=delegation, by=by, expected_version=delegation.version, title="Đổi tên"
        ),
        "member_add": lambda: services.member_add(delegation=delegation, by=by, full_name="Lê Thị Hoa"),
        "member_remove": lambda: services.member_remove(member=member, by=by),
        "programme_add": lambda: services.programme_item_add(
            delegation=delegation, by=by, day=delegation.start_on, activity="Thăm nhà máy"
        ),
        "programme_remove": lambda: services.programme_item_remove(item=item, by=by),
        "estimate_add": lambda: services.cost_add(
            delegation=delegation, by=by, kind="estimated", source="partner", amount=Decimal(5)
        ),
        "estimate_remove": lambda: services.cost_remove(cost=estimate, by=by),
        "actual_add": lambda: services.cost_add(
            delegation=delegation, by=by, kind="actual", source="partner", amount=Decimal(5)
        ),
        "file_add": lambda: attachment_add(record=delegation, upload=pdf("them.pdf"), by=by),
        "file_remove": lambda: attachment_archive(attachment=attachment, by=by),
        "archive": lambda: services.delegation_archive(delegation=delegation, by=by),
    }


# Frozen while the leaders decide ---------------------------------------------------------------


@pytest.mark.parametrize(
    "write",
    [
        "update",
        "member_add",
        "member_remove",
        "programme_add",
        "programme_remove",
        "estimate_add",
        "estimate_remove",
        "actual_add",
        "file_add",
        "file_remove",
        "archive",
    ],
)
def test_the_services_refuse_every_write_on_a_submitted_delegation(people, submitted, write):
    """
    GIVEN a submitted delegation with members, programme, costs and a file
    WHEN its officer changes anything on it, through any service, or archives it
    THEN it is refused and nothing changes
    """
    before = snapshot(submitted)
    with pytest.raises(ValidationError):
        every_write(submitted, people.na_officer)[write]()
    assert snapshot(submitted) == before


@pytest.mark.parametrize("state", [S.REJECTED, S.CLOSED])
@pytest.mark.parametrize(
    "write", ["update", "member_add", "estimate_add", "actual_add", "file_add", "file_remove"]
)
def test_a_rejected_or_closed_delegation_is_kept_as_decided(people, submitted, state, write):
    Delegation.objects.filter(pk=submitted.pk).update(state=state)
    submitted.refresh_from_db()
    before = snapshot(submitted)
    with pytest.raises(ValidationError):
        every_write(submitted, people.na_officer)[write]()
    assert snapshot(submitted) == before


def test_every_form_on_a_submitted_delegation_refuses_with_a_message(client, people, submitted):
    """
    GIVEN a submitted delegation
    WHEN its officer posts to every form of the detail page (edit, members, programme, costs, files, archive)
    THEN each is refused with the reason on the page, and nothing is written
    """
    login(client, people.na_officer)
    before = snapshot(submitted)
    pk = submitted.pk
    member, item, cost = submitted.members.get(), submitted.programme.get(), submitted.costs.get()
    attachment = attachments_of(submitted).get()
    posts = [
        (
            reverse("delegations:member_add", args=[pk]),
            {"member-full_name": "Lê Thị Hoa", "member-role": "member"},
        ),
        (reverse("delegations:member_remove", args=[pk, member.pk]), {}),
        (
            reverse("delegations:programme_add", args=[pk]),
            {"programme-day": "11/03/2025", "programme-activity": "Thăm nhà máy"},
        ),
        (reverse("delegations:programme_remove", args=[pk, item.pk]), {}),
        (
            reverse("delegations:cost_add", args=[pk]),
            {"cost-kind": "actual", "cost-source": "partner", "cost-currency": "VND", "cost-amount": "5"},
        ),
        (reverse("delegations:cost_remove", args=[pk, cost.pk]), {}),
        (
            reverse("delegations:edit", args=[pk]),
            {
                "direction": "outgoing",
                "title": "Đổi tên",
                "start_on": "10/03/2025",
                "end_on": "15/03/2025",
                "out_of_plan_reason": "Lời mời đột xuất",
                "version": submitted.version,
            },
        ),
        (
            reverse("attachment_upload", args=[ContentType.objects.get_for_model(Delegation).pk, pk]),
            {"file": pdf("them.pdf")},
        ),
        (reverse("attachment_remove", args=[attachment.pk]), {}),
        (reverse("delegations:archive", args=[pk]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        refusals = " ".join(messages_of(response))
        assert SUBMITTED in refusals or "withdraw it first" in refusals, url
    assert snapshot(submitted) == before


def test_the_page_of_a_submitted_delegation_offers_no_change_and_says_why(client, people, submitted):
    login(client, people.na_officer)
    response = client.get(submitted.get_absolute_url())
    page = response.content.decode()
    assert SUBMITTED in page
    pk = submitted.pk
    for url in (
        reverse("delegations:edit", args=[pk]),
        reverse("delegations:member_add", args=[pk]),
        reverse("delegations:programme_add", args=[pk]),
        reverse("delegations:cost_add", args=[pk]),
        reverse("delegations:archive", args=[pk]),
        reverse("attachment_upload", args=[ContentType.objects.get_for_model(Delegation).pk, pk]),
        reverse("attachment_remove", args=[attachments_of(submitted).get().pk]),
    ):
        assert f'"{url}"' not in page, url
    assert ">Remove<" not in page
    assert not response.context["cost_kinds_open"] and response.context["member_form"] is None


# After approval: the proposal stays, the outcome is recorded ----------------------------------------


def test_after_approval_the_outcome_is_recorded_but_the_proposal_stays(client, people, submitted):
    """
    GIVEN an approved delegation whose proposal carried a file
    WHEN its officer adds an actual cost and a photo, then removes the photo
    THEN that is recorded; but changing members, programme or estimate, or removing the file
     the leaders saw, is refused with the reason
    """
    approved = services.delegation_approve(delegation=submitted, by=people.vgcl_leader)
    officer = people.na_officer
    services.cost_add(delegation=approved, by=officer, kind="actual", source="partner", amount=Decimal(7))
    photo = attachment_add(record=approved, upload=pdf("anh.pdf"), by=officer)
    attachment_archive(attachment=photo, by=officer)
    assert approved.costs.filter(kind="actual").count() == 1
    before = snapshot(approved)
    writes = every_write(approved, officer)
    for name in ("update", "member_add", "member_remove", "programme_add", "estimate_add", "file_remove"):
        with pytest.raises(ValidationError) as error:
            writes[name]()
        assert APPROVED in " ".join(error.value.messages), name
    assert snapshot(approved) == before

    login(client, officer)
    response = client.get(approved.get_absolute_url())
    page = response.content.decode()
    assert APPROVED in page and 'type="file"' in page
    assert "the report after the trip" in page and "follow-ups" not in page  # a delegation's words
    assert response.context["cost_kinds_open"] == ["actual"] and response.context["member_form"] is None
    assert reverse("attachment_remove", args=[attachments_of(approved).get().pk]) not in page


# A complete proposal before submission ------------------------------------------------------------


def test_an_empty_delegation_cannot_be_submitted_and_every_gap_is_named(people, tree):
    """
    GIVEN a draft with no purpose, no member or planned count, no programme and no cost
    WHEN its officer submits it
    THEN it is refused with one message naming all four, and it stays a draft with no event
    """
    delegation = make_delegation(tree.nghe_an, purpose="")
    with pytest.raises(ValidationError) as error:
        services.delegation_submit(delegation=delegation, by=people.na_officer)
    assert error.value.messages == [
        INCOMPLETE + "the purpose and content; the members, or the planned number of people; "
        "the programme; the estimated cost."
    ]
    assert Delegation.objects.get(pk=delegation.pk).state == S.DRAFT
    assert not WorkflowEvent.objects.exists()


def test_a_planned_count_stands_for_the_members_until_they_are_known(people, tree):
    delegation = complete(make_delegation(tree.nghe_an, planned_count=4))
    assert not delegation.members.exists()
    assert services.delegation_submit(delegation=delegation, by=people.na_officer).state == S.SUBMITTED


def test_an_estimate_is_needed_even_when_actual_costs_are_known(people, tree):
    delegation = make_delegation(tree.nghe_an, planned_count=4)
    delegation.programme.create(day=delegation.start_on, activity="Hội đàm")
    Cost.objects.create(delegation=delegation, kind="actual", source="partner", amount=1, amount_vnd=1)
    with pytest.raises(ValidationError) as error:
        services.delegation_submit(delegation=delegation, by=people.na_officer)
    assert error.value.messages == [INCOMPLETE + "the estimated cost."]


def test_the_pages_say_what_is_missing_and_the_submission_is_refused(client, people, tree):
    """
    GIVEN a draft with only a member
    WHEN its officer opens it, opens the submit page, then posts the submission
    THEN the detail page lists what is missing, the submit page sends back with the list,
     the post is refused with it, and the delegation stays a draft
    """
    delegation = make_delegation(tree.nghe_an)
    add_member(delegation, "Kha Văn Tám", tree.nghe_an)
    login(client, people.na_officer)
    page = client.get(delegation.get_absolute_url()).content.decode()
    assert 'data-testid="missing"' in page and "the programme" in page and "the estimated cost" in page
    url = reverse("delegations:act", args=[delegation.pk, "submit"])
    expected = INCOMPLETE + "the programme; the estimated cost."
    response = client.get(url, follow=True)
    assert response.redirect_chain and expected in messages_of(response)
    response = client.post(url, {"comment": ""}, follow=True)
    assert expected in messages_of(response)
    assert Delegation.objects.get(pk=delegation.pk).state == S.DRAFT
    assert not WorkflowEvent.objects.exists()


# Withdrawing instead of archiving -----------------------------------------------------------------


def test_the_officer_withdraws_a_submitted_delegation_with_a_reason(client, people, submitted):
    """
    GIVEN a delegation waiting in the VGCL leader's queue
    WHEN its officer withdraws it without a reason, then with one
    THEN the first is refused; the second makes it a draft again, leaves the queue,
     and the timeline shows who withdrew it and why
    """
    assert list(selectors.delegation_queue(user=people.vgcl_leader)) == [submitted]
    login(client, people.na_officer)
    url = reverse("delegations:act", args=[submitted.pk, "withdraw"])
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert 'value="withdraw"' in page
    response = client.post(url, {"comment": " "})
    assert response.status_code == 200 and "comment" in response.context["form"].errors
    assert Delegation.objects.get(pk=submitted.pk).state == S.SUBMITTED

    client.post(url, {"comment": "Đối tác đề nghị lùi thời gian"})
    submitted.refresh_from_db()
    assert submitted.state == S.DRAFT
    assert list(selectors.delegation_queue(user=people.vgcl_leader)) == []
    event = workflow_events(submitted).last()
    assert (event.action, event.from_state, event.to_state, event.by, event.comment) == (
        "withdraw",
        S.SUBMITTED,
        S.DRAFT,
        people.na_officer,
        "Đối tác đề nghị lùi thời gian",
    )
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Withdraw" in page and "Đối tác đề nghị lùi thời gian" in page
    # A draft again: editable, and archivable now that the leaders can see what became of it.
    services.member_add(delegation=submitted, by=people.na_officer, full_name="Lê Thị Hoa")
    services.delegation_archive(delegation=submitted, by=people.na_officer)
    assert Delegation.objects.get(pk=submitted.pk).is_archived


@pytest.mark.parametrize("persona", ["na_viewer", "hn_officer", "outsider"])
def test_only_the_owners_officers_withdraw(people, submitted, persona):
    with pytest.raises(PermissionDenied):
        services.delegation_withdraw(delegation=submitted, by=getattr(people, persona), comment="Rút")
    assert Delegation.objects.get(pk=submitted.pk).state == S.SUBMITTED


def test_an_approved_trip_that_is_called_off_is_withdrawn_then_archived(people, submitted):
    """
    GIVEN an approved delegation that will not travel
    WHEN its officer tries to archive it, then withdraws it with the reason and archives it
    THEN the archive is refused first, then allowed; the approval stays on the timeline
    """
    approved = services.delegation_approve(delegation=submitted, by=people.vgcl_leader)
    with pytest.raises(ValidationError):
        services.delegation_archive(delegation=approved, by=people.na_officer)
    services.delegation_withdraw(delegation=approved, by=people.na_officer, comment="Hoãn chuyến đi")
    services.delegation_archive(delegation=approved, by=people.na_officer)
    assert [e.action for e in workflow_events(approved)] == ["submit", "approve", "withdraw"]


@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        (S.DRAFT, True),
        (S.RETURNED, True),
        (S.REJECTED, True),
        (S.CLOSED, True),
        (S.SUBMITTED, False),
        (S.APPROVED, False),
        (S.CARRIED_OUT, False),
        (S.REPORTED, False),
    ],
)
def test_archiving_only_from_draft_returned_rejected_or_closed(people, tree, state, allowed):
    delegation = make_delegation(tree.nghe_an, state=state)
    if allowed:
        services.delegation_archive(delegation=delegation, by=people.na_officer)
    else:
        with pytest.raises(ValidationError):
            services.delegation_archive(delegation=delegation, by=people.na_officer)
    assert Delegation.objects.get(pk=delegation.pk).is_archived is allowed


def test_a_file_can_be_removed_while_the_proposal_is_a_draft(people, tree):
    delegation = make_delegation(tree.nghe_an)
    attachment = attachment_add(record=delegation, upload=pdf(), by=people.na_officer)
    attachment_archive(attachment=attachment, by=people.na_officer)
    assert Attachment.objects.get(pk=attachment.pk).archived_at is not None
