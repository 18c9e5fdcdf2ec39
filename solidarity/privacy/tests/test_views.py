"""The pages: who sees and does what, the panel on a person's page, the queue; query guards."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.contacts.models import Contact
from solidarity.core.models import Attachment
from solidarity.privacy import services
from solidarity.privacy.models import Consent, PersonalDataErasure, SubjectRequest

from .conftest import PDF

D = datetime.date
pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def ref(person):
    return ContentType.objects.get_for_model(person).pk, person.pk


@pytest.fixture
def filled(granted, contact):
    """A contact with a consent (note and file), a withdrawn one, and an open request."""
    consent = services.consent_record(
        user=granted.na_officer,
        person=contact,
        purposes=["cooperation", "travel"],
        given_on=D(2026, 3, 2),
        form="written",
        evidence_note="Phiếu ký lưu tại Ban Đối ngoại",
        files=[SimpleUploadedFile("phieu.pdf", PDF)],
    )
    old = services.consent_record(
        user=granted.na_officer,
        person=contact,
        purposes=["publicity"],
        given_on=D(2025, 1, 5),
        form="electronic",
        evidence_note="Thư điện tử",
    )
    services.consent_withdraw(user=granted.na_officer, consent=old, withdrawn_on=D(2025, 6, 1))
    request = services.request_record(
        user=granted.na_officer,
        person=contact,
        kind="access",
        received_on=D(2026, 11, 2),
        details="Xin bản sao",
    )
    return {
        "consent": consent,
        "old": old,
        "request": request,
        "file": Attachment.objects.get(object_id=consent.pk),
    }


def person_urls(contact, filled):
    ct, pk = ref(contact)
    return [
        reverse("privacy:person", args=[ct, pk]),
        reverse("privacy:consent_create", args=[ct, pk]),
        reverse("privacy:request_create", args=[ct, pk]),
        reverse("privacy:erase", args=[ct, pk]),
        reverse("privacy:consent_withdraw", args=[filled["consent"].pk]),
        reverse("privacy:consent_file", args=[filled["consent"].pk, filled["file"].pk]),
        reverse("privacy:request_answer", args=[filled["request"].pk]),
    ]


def test_a_sibling_unit_gets_404_on_every_url_even_with_the_grant(client, granted, contact, filled):
    login(client, granted.hn_officer)
    for url in person_urls(contact, filled):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "confirm": "on"}).status_code == 404, url
    assert Contact.objects.get(pk=contact.pk).full_name == "Bounmy Phommachanh"
    response = client.get(reverse("privacy:requests"))
    assert response.status_code == 200 and not response.context["page"].rows


def test_a_viewer_with_the_grant_reads_but_gets_403_on_every_action(client, granted, contact, filled):
    login(client, granted.na_viewer)
    urls = person_urls(contact, filled)
    for url in urls[1:5] + urls[6:]:
        assert client.get(url).status_code == 403, url
    assert client.get(urls[5]).status_code == 200  # the evidence file, for a grant holder
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "Phiếu ký lưu tại Ban Đối ngoại" in page and "Record consent" not in page


def test_without_the_grant_the_panel_shows_only_counts_and_files_are_refused(
    client, people, granted, contact, filled
):
    login(client, people.na_leader)
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "1 consent in force" in page and "1 withdrawn" in page and "1 open request" in page
    assert "Phiếu ký" not in page and "Xin bản sao" not in page and "phieu" not in page
    assert "Record consent" not in page
    assert client.get(person_urls(contact, filled)[5]).status_code == 403


def test_the_panel_shows_consents_requests_and_actions_to_an_officer_with_the_grant(
    client, granted, contact, filled
):
    login(client, granted.na_officer)
    page = client.get(contact.get_absolute_url()).content.decode()
    for text in ("In force", "Withdrawn", "Phiếu ký lưu tại Ban Đối ngoại", "phieu.pdf", "Record consent",
                 "Record a request", "Erase personal data", "Answer", "Xin bản sao"):  # fmt: skip
        assert text in page, text
    assert "privacy-log-link" not in page  # the access log is the administrators'
    login(client, granted.na_admin)
    assert "/privacy/log/?content_type=" in client.get(contact.get_absolute_url()).content.decode()


def test_the_panel_reads_a_few_queries_whatever_the_number_of_consents(
    client, granted, contact, filled, django_assert_max_num_queries
):
    login(client, granted.na_officer)
    client.get(contact.get_absolute_url())
    with django_assert_max_num_queries(14) as few:
        client.get(contact.get_absolute_url())
    for day in range(1, 11):
        services.consent_record(
            user=granted.na_officer, person=contact, purposes=["cooperation"], given_on=D(2026, 4, day),
            form="written", files=[SimpleUploadedFile("p.pdf", PDF)],
        )  # fmt: skip
        services.request_record(
            user=granted.na_officer, person=contact, kind="correct", received_on=D(2026, 4, day)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(contact.get_absolute_url())


def test_recording_a_consent_through_the_form_needs_evidence(client, granted, contact):
    login(client, granted.na_officer)
    url = reverse("privacy:consent_create", args=ref(contact))
    response = client.post(url, {"purposes": ["cooperation"], "given_on": "02/03/2026", "form": "written"})
    assert response.status_code == 200 and "evidence" in response.content.decode()
    assert not Consent.objects.exists()
    response = client.post(
        url,
        {"purposes": ["cooperation"], "given_on": "02/03/2026", "form": "written",
         "file": SimpleUploadedFile("a.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302
    assert Attachment.objects.filter(object_id=Consent.objects.get().pk).count() == 1


def test_withdraw_request_answer_and_erase_through_the_pages(client, granted, contact, filled):
    login(client, granted.na_officer)
    response = client.post(
        reverse("privacy:consent_withdraw", args=[filled["consent"].pk]), {"withdrawn_on": "01/11/2026"}
    )
    assert response.status_code == 302
    assert Consent.objects.get(pk=filled["consent"].pk).withdrawn_on == D(2026, 11, 1)
    response = client.post(
        reverse("privacy:request_create", args=ref(contact)), {"kind": "delete", "received_on": "06/11/2026"}
    )
    assert response.status_code == 302
    deletion = SubjectRequest.objects.get(kind="delete")
    response = client.post(
        reverse("privacy:request_answer", args=[deletion.pk]),
        {"state": "done", "answered_on": "10/11/2026", "answer": "Đã xoá toàn bộ"},
    )
    assert response.status_code == 302
    assert PersonalDataErasure.objects.filter(object_id=contact.pk).exists()
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "Personal data erased on request on" in page and "Bounmy" not in page
    assert client.get(reverse("privacy:erase", args=ref(contact))).status_code == 404


def test_erasing_through_the_page_needs_a_reason_and_the_confirmation(client, granted, contact):
    login(client, granted.na_officer)
    url = reverse("privacy:erase", args=ref(contact))
    assert client.post(url, {"reason": "Hết hạn"}).status_code == 200
    assert Contact.objects.get(pk=contact.pk).full_name == "Bounmy Phommachanh"
    assert client.post(url, {"reason": "Hết hạn", "confirm": "on"}).status_code == 302
    assert Contact.objects.get(pk=contact.pk).full_name == "—"


def test_the_panel_says_the_erasure_in_vietnamese(client, granted, contact, settings):
    settings.LANGUAGE_CODE = "vi"
    services.person_erase(user=granted.na_officer, person=contact, reason="x")
    login(client, granted.na_viewer)
    page = client.get(contact.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Dữ liệu cá nhân đã được xoá" in page


# ------------------------------------------------------------------ the queue


def make_requests(granted, tree, count=3):
    from solidarity.contacts.models import Contact as C

    made = []
    for index in range(count):
        unit = tree.vinh if index % 2 else tree.nghe_an
        person = C.objects.create(owner_unit=unit, full_name=f"Người {index}", created_by=granted.na_officer)
        made.append(
            services.request_record(
                user=granted.na_officer, person=person, kind="access", received_on=D(2026, 10, 1 + index)
            )
        )
    return made


def test_the_queue_lists_open_requests_by_due_date_with_overdue_in_red(client, granted, tree):
    made = make_requests(granted, tree)
    services.request_answer(user=granted.na_officer, request=made[1], state="done", answer="Đã gửi")
    login(client, granted.na_admin)
    response = client.get(reverse("privacy:requests"))
    rows = response.context["page"].rows
    assert [row.pk for row in rows] == [made[0].pk, made[2].pk]
    assert 'data-overdue="1"' in response.content.decode()  # due in October, today is later
    assert [r.pk for r in client.get(reverse("privacy:requests") + "?state=done").context["page"].rows] == [
        made[1].pk
    ]
    below = client.get(reverse("privacy:requests") + f"?unit={tree.vinh.pk}&state=all").context["page"].rows
    assert [row.pk for row in below] == [made[1].pk]


def test_the_queue_is_for_administrators_and_grant_holders_of_the_unit_and_below(
    client, granted, people, tree
):
    make_requests(granted, tree)
    for user, seen in (
        (people.na_leader, 0),
        (people.hn_admin, 0),
        (people.vgcl_admin, 3),
        (people.na_viewer, 3),
    ):
        login(client, user)
        assert len(client.get(reverse("privacy:requests")).context["page"].rows) == seen, user


def test_the_queue_reads_a_fixed_number_of_queries_and_counts_nothing(
    client, granted, tree, django_assert_max_num_queries
):
    make_requests(granted, tree, count=2)
    login(client, granted.na_admin)
    client.get(reverse("privacy:requests"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("privacy:requests"))
    make_requests(granted, tree, count=12)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        client.get(reverse("privacy:requests"))
    assert not any(
        "COUNT(" in q["sql"].upper() for q in many.captured_queries if "privacy_subjectrequest" in q["sql"]
    )


def test_downloading_evidence_is_logged_for_the_administrator(client, granted, contact, filled):
    from solidarity.privacy.models import AccessLog

    login(client, granted.na_viewer)
    response = client.get(person_urls(contact, filled)[5])
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AccessLog.objects.filter(object_id=contact.pk, user=granted.na_viewer, action="view").count() == 1
