"""Consent, data subject requests and erasure: each rule in its service."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.contacts.models import Contact
from solidarity.core.models import Attachment
from solidarity.figures.models import Tally
from solidarity.figures.rebuild import check
from solidarity.privacy import services
from solidarity.privacy.choices import AccessAction, RequestState
from solidarity.privacy.models import AccessLog, Consent, PersonalDataErasure
from solidarity.reports import periods
from solidarity.reports.selectors import build_report
from solidarity.staff import services as staff
from solidarity.staff.models import Officer, Participant

from .conftest import PDF

D = datetime.date
pytestmark = pytest.mark.django_db


def pdf(name="dong-y.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def record_consent(user, person, **kwargs):
    options = {"purposes": ["cooperation"], "given_on": D(2026, 3, 2), "form": "written"}
    options.update(kwargs)
    return services.consent_record(user=user, person=person, **options)


# ------------------------------------------------------------------ consent


def test_a_consent_without_a_note_or_a_file_is_refused_in_vietnamese(granted, contact, settings):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as error:
        record_consent(granted.na_officer, contact, evidence_note="  ")
    assert "bằng chứng" in error.value.message_dict["evidence_note"][0]
    assert not Consent.objects.exists()


def test_a_consent_with_a_note_or_with_a_file_is_recorded(granted, contact):
    noted = record_consent(granted.na_officer, contact, evidence_note="Phiếu ký lưu tại Ban Đối ngoại")
    filed = record_consent(granted.na_officer, contact, files=[pdf()], purposes=["travel", "cooperation"])
    assert noted.unit == contact.owner_unit and noted.in_force
    assert filed.purposes == ["cooperation", "travel"]  # kept in the declared order
    attachment = Attachment.objects.get(content_type=ContentType.objects.get_for_model(Consent))
    assert attachment.object_id == filed.pk and attachment.content_kind == "pdf"


def test_a_file_is_checked_by_its_content_and_nothing_is_written_when_it_fails(granted, contact):
    fake = SimpleUploadedFile("dong-y.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError):
        record_consent(granted.na_officer, contact, files=[fake])
    assert not Consent.objects.exists() and not Attachment.objects.exists()


def test_only_officers_holding_the_permission_record_consent(granted, people, contact, tree):
    from .conftest import grant

    for user in (people.na_viewer, people.na_leader, people.hn_officer, people.vinh_officer):
        with pytest.raises(PermissionDenied):
            record_consent(user, contact, evidence_note="x")
    grant(people.na_leader, tree.nghe_an)
    assert record_consent(people.na_leader, contact, evidence_note="x").pk


def test_withdrawing_is_a_dated_action_and_the_consent_stays(granted, contact):
    consent = record_consent(granted.na_officer, contact, evidence_note="Phiếu ký")
    services.consent_withdraw(
        user=granted.na_admin, consent=consent, withdrawn_on=D(2026, 6, 1), note="Thư điện tử ngày 1/6"
    )
    consent.refresh_from_db()
    assert not consent.in_force and consent.withdrawn_on == D(2026, 6, 1)
    assert consent.withdrawn_by == granted.na_admin
    assert consent.history.count() == 2  # given, then withdrawn: the history keeps both
    with pytest.raises(ValidationError):
        services.consent_withdraw(user=granted.na_admin, consent=consent, withdrawn_on=D(2026, 6, 2))


def test_a_withdrawal_before_the_consent_was_given_is_refused(granted, contact):
    consent = record_consent(granted.na_officer, contact, evidence_note="Phiếu ký")
    with pytest.raises(ValidationError) as error:
        services.consent_withdraw(user=granted.na_officer, consent=consent, withdrawn_on=D(2026, 1, 1))
    assert "withdrawn_on" in error.value.message_dict


# ------------------------------------------------------------------ requests


def test_working_days_skip_saturday_and_sunday():
    friday = D(2026, 11, 6)
    assert friday.weekday() == 4
    assert services.add_working_days(friday, 1) == D(2026, 11, 9)  # Monday
    assert services.add_working_days(friday, 2) == D(2026, 11, 10)
    assert services.add_working_days(D(2026, 11, 7), 1) == D(2026, 11, 9)  # received on a Saturday
    assert services.add_working_days(D(2026, 11, 2), 10) == D(2026, 11, 16)


def test_a_request_gets_its_acknowledgement_and_its_deadline_from_the_settings(granted, contact, settings):
    settings.PRIVACY_REPLY_WORKING_DAYS = 2
    settings.PRIVACY_REQUEST_DAYS = {"access": 10, "correct": 10, "delete": 20, "restrict": 2}
    request = services.request_record(
        user=granted.na_officer,
        person=contact,
        kind="access",
        received_on=D(2026, 11, 6),
        details="Xin bản sao",
    )
    assert request.reply_due_on == D(2026, 11, 10)  # Friday + 2 working days
    assert request.due_on == D(2026, 11, 20)
    assert request.state == RequestState.OPEN and request.unit == contact.owner_unit


def test_answering_needs_a_state_and_an_answer_and_happens_once(granted, contact):
    request = services.request_record(
        user=granted.na_officer, person=contact, kind="correct", received_on=D(2026, 11, 2)
    )
    with pytest.raises(ValidationError):
        services.request_answer(user=granted.na_officer, request=request, state="done", answer=" ")
    with pytest.raises(ValidationError):
        services.request_answer(user=granted.na_officer, request=request, state="open", answer="x")
    services.request_answer(
        user=granted.na_officer, request=request, state="refused", answer="Không đủ căn cứ"
    )
    request.refresh_from_db()
    assert request.state == RequestState.REFUSED and request.answered_by == granted.na_officer
    with pytest.raises(ValidationError):
        services.request_answer(user=granted.na_officer, request=request, state="done", answer="x")


def test_a_sibling_or_a_viewer_cannot_record_or_answer_requests(granted, people, contact):
    for user in (people.hn_officer, people.na_viewer, people.vinh_officer):
        with pytest.raises(PermissionDenied):
            services.request_record(user=user, person=contact, kind="access", received_on=D(2026, 11, 2))
    request = services.request_record(
        user=granted.na_officer, person=contact, kind="access", received_on=D(2026, 11, 2)
    )
    with pytest.raises(PermissionDenied):
        services.request_answer(user=people.hn_officer, request=request, state="done", answer="x")


# ------------------------------------------------------------------ erasure


def test_erasure_blanks_the_row_and_every_history_row(granted, contact):
    contact.phone = "0912 000 111"
    contact.save()  # a second historical version holding personal data
    consent = record_consent(granted.na_officer, contact, evidence_note="Phiếu ký của Bounmy", files=[pdf()])
    services.consent_withdraw(
        user=granted.na_officer, consent=consent, withdrawn_on=D(2026, 4, 1), note="Bounmy gọi"
    )
    request = services.request_record(
        user=granted.na_officer,
        person=contact,
        kind="delete",
        received_on=D(2026, 11, 2),
        details="Bounmy xin xoá",
    )

    services.request_answer(user=granted.na_officer, request=request, state="done", answer="Đã xoá")

    contact.refresh_from_db()
    assert (contact.full_name, contact.email, contact.phone, contact.notes) == ("—", "", "", "")
    assert "bounmy" not in contact.search_text
    for version in contact.history.all():
        assert (version.full_name, version.email, version.phone, version.notes) == ("—", "", "", "")
    consent.refresh_from_db()
    assert consent.given_on == D(2026, 3, 2) and consent.purposes == ["cooperation"]  # the proof stays
    assert consent.withdrawn_on == D(2026, 4, 1)  # withdrawn before: its day stays
    assert "Bounmy" not in consent.evidence_note and consent.withdrawal_note == ""
    assert all("Bounmy" not in v.evidence_note and not v.withdrawal_note for v in consent.history.all())
    evidence = Attachment.objects.get(object_id=consent.pk)
    assert evidence.archived_at is not None and evidence.original_name == "" and not evidence.file
    assert all(v.original_name == "" for v in evidence.history.all())
    request.refresh_from_db()
    assert request.state == RequestState.DONE and request.details == ""
    assert all(v.details == "" for v in request.history.all())
    erasure = PersonalDataErasure.objects.get(object_id=contact.pk)
    assert erasure.request == request and erasure.erased_by == granted.na_officer
    assert AccessLog.objects.filter(object_id=contact.pk, action=AccessAction.ERASE).count() == 1
    assert Contact.objects.filter(pk=contact.pk).exists()  # the row stays, without the person


def test_an_erased_person_takes_no_new_consent_or_request_and_is_erased_once(granted, contact):
    services.person_erase(user=granted.na_officer, person=contact, reason="Retention")
    with pytest.raises(ValidationError):
        record_consent(granted.na_officer, contact, evidence_note="x")
    with pytest.raises(ValidationError):
        services.request_record(
            user=granted.na_officer, person=contact, kind="access", received_on=D(2026, 11, 2)
        )
    with pytest.raises(ValidationError):
        services.person_erase(user=granted.na_officer, person=contact)


def test_erasure_is_refused_without_the_permission_and_changes_nothing(granted, people, contact):
    for user in (people.na_viewer, people.hn_officer, people.na_leader):
        with pytest.raises(PermissionDenied):
            services.person_erase(user=user, person=contact)
    contact.refresh_from_db()
    assert contact.full_name == "Bounmy Phommachanh" and not PersonalDataErasure.objects.exists()


def test_a_stale_edit_form_cannot_bring_erased_data_back(granted, contact):
    version = contact.version
    services.person_erase(user=granted.na_officer, person=contact)
    contact.refresh_from_db()
    assert contact.version == version + 1


@pytest.fixture
def officer_with_training(tree, people):
    officer = staff.officer_create(
        by=people.na_officer, owner_unit=tree.nghe_an, full_name="Nguyễn Thị Lan", employment="part_time",
        started_year=2015, position="Chuyên viên", notes="Con nhỏ",
        languages=[{"language": "lo", "level": "B2"}],
    )  # fmt: skip
    course = staff.training_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        title="Bồi dưỡng nghiệp vụ đối ngoại 2025",
        starts_on=D(2025, 6, 9),
        ends_on=D(2025, 6, 11),
        place="TP. Vinh",
        format="in_person",
    )
    staff.participant_add(
        training=course, officer=officer, by=people.na_officer, result="Giỏi, chứng chỉ số 12"
    )
    return officer


def tallies():
    return sorted(Tally.objects.values_list("unit_id", "grain", "day", "indicator", "key", "value"))


def test_erasure_keeps_every_figure_and_the_report_s_counts(granted, tree, officer_with_training):
    """GIVEN a counted officer with a training result WHEN erased THEN child rows are blank, figures equal."""
    officer = officer_with_training
    report = build_report(user=granted.na_viewer, unit=tree.nghe_an, period=periods.year(2025))
    before = ({f.indicator: f.value for f in report.figures}, tallies())
    assert before[0]["staff_officers"] == 1 and before[0]["staff_trained"] == 1

    services.person_erase(user=granted.na_admin, person=officer, reason="Hết thời hạn lưu trữ")

    report = build_report(user=granted.na_viewer, unit=tree.nghe_an, period=periods.year(2025))
    assert ({f.indicator: f.value for f in report.figures}, tallies()) == before
    assert check()[0] == 0
    officer = Officer.objects.get(pk=officer.pk)
    assert (officer.full_name, officer.position, officer.notes) == ("—", "", "")
    participation = Participant.objects.get(officer=officer)
    assert participation.result == "" and all(v.result == "" for v in participation.history.all())
    assert all(v.full_name == "—" for v in officer.history.all())
    assert officer.languages.count() == 1  # what is not personal stays


def test_a_kind_that_says_so_loses_its_own_files(
    granted, people, officer_with_training, django_capture_on_commit_callbacks
):
    from solidarity.records.attachments import attachment_add

    officer = officer_with_training
    passport = attachment_add(record=officer, upload=pdf("ho-chieu-lan.pdf"), by=people.na_officer)
    stored = passport.file.name
    storage = passport.file.storage
    assert storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(user=granted.na_admin, person=officer)
    passport.refresh_from_db()
    assert passport.archived_at and passport.original_name == ""
    assert not storage.exists(stored)


def test_the_retention_job_erases_without_a_user_and_says_so(granted, contact):
    from django.utils.timezone import localdate as today

    consent = Consent.objects.create(
        unit=contact.owner_unit, object_id=contact.pk,
        content_type=ContentType.objects.get_for_model(Contact),
        purposes=["cooperation"], given_on=D(2026, 3, 2), form="written", evidence_note="x",
        recorded_by=granted.na_officer,
    )  # fmt: skip
    erasure = services.person_erase(user=None, person=contact, reason="Retention", system=True)
    consent.refresh_from_db()
    assert consent.withdrawn_on == today() and not consent.in_force  # nothing left for it to cover
    contact.refresh_from_db()
    assert contact.full_name == "—" and erasure.erased_by is None
    line = AccessLog.objects.get()  # the system erased them: no user, the reason says why
    assert line.user is None and line.action == AccessAction.ERASE and line.detail == "Retention"


def test_a_deletion_request_answered_after_the_person_was_erased_is_simply_closed(granted, contact):
    request = services.request_record(
        user=granted.na_officer, person=contact, kind="delete", received_on=D(2026, 11, 2)
    )
    services.person_erase(user=granted.na_officer, person=contact, reason="Retention")
    services.request_answer(user=granted.na_officer, request=request, state="done", answer="Đã xoá")
    request.refresh_from_db()
    assert request.state == RequestState.DONE
    assert PersonalDataErasure.objects.get(object_id=contact.pk).request is None
