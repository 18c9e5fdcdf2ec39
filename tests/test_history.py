"""The history panel names who changed what, in a fixed number of queries."""

import pytest

from solidarity.agreements.models import Agreement, Commitment
from solidarity.core.history import record_history

pytestmark = pytest.mark.django_db


def agreement(unit, title):
    return Agreement.objects.create(owner_unit=unit, title=title, agreement_type="memorandum")


def test_related_records_in_changes_are_fetched_once_per_model(tree, django_assert_max_num_queries):
    first, second = agreement(tree.nghe_an, "Thỏa thuận A"), agreement(tree.nghe_an, "Thỏa thuận B")
    commitment = Commitment.objects.create(
        owner_unit=tree.nghe_an, description="Trao đổi đoàn", agreement=first
    )
    for index in range(8):
        commitment.agreement = second if index % 2 == 0 else first
        commitment.save()
    with django_assert_max_num_queries(3):  # history rows, then one bulk fetch of agreements
        entries = record_history(record=commitment)
    assert ("agreement", "Thỏa thuận A", "Thỏa thuận B") in entries[-2].changes


def test_history_names_the_person_when_a_request_made_the_change(client, people, tree):
    record = agreement(tree.nghe_an, "Thỏa thuận C")
    record.title = "Thỏa thuận C (sửa)"
    record._history_user = people.na_officer
    record.save()
    latest = record_history(record=record)[0]
    assert latest.record.history_user == people.na_officer
    assert latest.changes == [("agreement title", "Thỏa thuận C", "Thỏa thuận C (sửa)")]


# Every change a user makes to a record shows in that record's history ---------------------------------

import datetime  # noqa: E402

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.urls import reverse  # noqa: E402

from solidarity.agreements import services as agreement_services  # noqa: E402
from solidarity.agreements.models import Phase, SigningStep  # noqa: E402
from solidarity.core.models import Attachment  # noqa: E402
from solidarity.delegations.models import Delegation  # noqa: E402
from solidarity.meetings.models import Meeting  # noqa: E402
from solidarity.partners.models import Partner  # noqa: E402
from solidarity.support.models import Support  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def reasons_on(client, record) -> list[str]:
    return [entry.reason for entry in client.get(record.get_absolute_url()).context["history"]]


@pytest.fixture
def international(people, tree):
    partner = Partner.objects.create(name="LHCĐ Xiêng Khoảng", kind="regional_union", country="LA")
    return agreement_services.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[partner],
        title="Biên bản hợp tác",
        agreement_type="cooperation_agreement",
        is_international_agreement=True,
    )


def test_phases_added_changed_and_removed_show_in_the_agreements_history(client, people, international):
    """GIVEN an agreement
    WHEN its officer adds a phase, renames it, then removes it
    THEN the agreement's history says so, with the officer's name, newest first."""
    client.force_login(people.na_officer)
    phase_data = {"name": "2022–2024", "start_year": 2022, "end_year": 2024, "contents": ""}
    client.post(reverse("agreements:phase_create", args=[international.pk]), phase_data)
    phase = Phase.objects.get()
    client.post(
        reverse("agreements:phase_edit", args=[international.pk, phase.pk]),
        {**phase_data, "name": "2022–2025"},
    )
    client.post(reverse("agreements:phase_delete", args=[international.pk, phase.pk]))
    history = client.get(international.get_absolute_url()).context["history"]
    assert [entry.reason for entry in history[:3]] == [
        "Phase removed: 2022–2025",
        "Phase changed: 2022–2025",
        "Phase added: 2022–2024",
    ]
    assert ("name", "2022–2024", "2022–2025") in history[1].changes
    assert {entry.record.history_user for entry in history[:3]} == {people.na_officer}


def test_a_commitment_added_to_an_agreement_shows_in_its_history(client, people, international):
    client.force_login(people.na_officer)
    client.post(
        reverse("agreements:commitment_create", args=[international.pk]),
        {"description": "Trao đổi đoàn cán bộ", "due_year": 2026, "status": "planned"},
    )
    assert "Commitment added: Trao đổi đoàn cán bộ" in reasons_on(client, international)


def test_recording_a_signing_step_shows_what_changed_in_the_agreements_history(client, people, international):
    client.force_login(people.na_officer)
    step = SigningStep.objects.get(agreement=international, kind="opinions_requested")
    client.post(reverse("agreements:step_edit", args=[step.pk]), {"done_on": "02/01/2024", "note": ""})
    history = client.get(international.get_absolute_url()).context["history"]
    recorded = next(
        entry for entry in history if entry.reason.startswith("Signing step changed: Written opinions")
    )
    assert ("done on", "—", "02/01/2024") in recorded.changes
    followed = next(
        entry for entry in history if entry.reason.startswith("Signing step changed: Opinions received")
    )
    assert ("due on", "—", "11/01/2024") in followed.changes  # the next step's due date follows


def test_a_follow_up_added_to_a_meeting_shows_in_its_history(client, people, tree):
    meeting = Meeting.objects.create(
        owner_unit=tree.nghe_an, kind="seminar", title="Tọa đàm", start_on=datetime.date(2024, 7, 29)
    )
    client.force_login(people.na_officer)
    client.post(
        reverse("meetings:follow_up_add", args=[meeting.pk]),
        {"follow_up-description": "Tổ chức hội thảo lần 2", "follow_up-due_year": 2025},
    )
    assert "Commitment added: Tổ chức hội thảo lần 2" in reasons_on(client, meeting)


def records(tree, partner) -> list:
    return [
        agreement(tree.nghe_an, "Thỏa thuận có tệp"),
        Delegation.objects.create(
            owner_unit=tree.nghe_an,
            direction="outgoing",
            title="Đoàn có tệp",
            start_on=datetime.date(2025, 3, 10),
            end_on=datetime.date(2025, 3, 15),
        ),
        Meeting.objects.create(
            owner_unit=tree.nghe_an,
            kind="seminar",
            title="Tọa đàm có tệp",
            start_on=datetime.date(2024, 7, 29),
        ),
        Support.objects.create(
            owner_unit=tree.nghe_an,
            direction="given",
            partner=partner,
            given_on=datetime.date(2023, 4, 10),
            form="gifts",
            total_vnd=1_000_000,
            funding_source="union_budget",
        ),
    ]


def test_files_added_and_removed_show_in_every_records_history(client, people, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    partner = Partner.objects.create(name="LHCĐ Hủa Phăn", kind="regional_union", country="LA")
    client.force_login(people.na_officer)
    for record in records(tree, partner):
        content_type = ContentType.objects.get_for_model(record)
        client.post(
            reverse("attachment_upload", args=[content_type.pk, record.pk]),
            {"file": SimpleUploadedFile("bien-ban.pdf", PDF)},
        )
        attachment = Attachment.objects.get(content_type=content_type, object_id=record.pk)
        client.post(reverse("attachment_remove", args=[attachment.pk]))
        history = client.get(record.get_absolute_url()).context["history"]
        assert [entry.reason for entry in history[:2]] == [
            "Attachment removed: bien-ban.pdf",
            "Attachment added: bien-ban.pdf",
        ], record
        assert {entry.record.history_user for entry in history[:2]} == {people.na_officer}


def test_the_history_with_its_lines_takes_the_same_queries_however_many_lines(
    people, tree, international, settings, tmp_path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.records.attachments import attachment_add

    settings.MEDIA_ROOT = tmp_path

    def queries(n: int) -> int:
        for index in range(n):
            agreement_services.phase_save(
                agreement=international,
                by=people.na_officer,
                name=f"Giai đoạn {index}",
                start_year=2020,
                end_year=2021,
            )
            agreement_services.commitment_create(
                by=people.na_officer, agreement=international, description=f"Việc {index}", due_year=2026
            )
            attachment_add(
                record=international, upload=SimpleUploadedFile("a.pdf", PDF), by=people.na_officer
            )
        with CaptureQueriesContext(connection) as captured:
            record_history(record=international)
        return len(captured)

    assert queries(1) == queries(5)
