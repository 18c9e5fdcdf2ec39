"""Scans of passports and ID cards: encrypted at rest, who may add, open and remove them, erasure."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import forget_scope
from solidarity.accounts.testing import PASSWORD
from solidarity.privacy import documents, services
from solidarity.privacy.models import AccessLog, SensitiveDocument

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n% HO CHIEU B1234567 NGUYEN VAN A\n%%EOF\n"


def scan(name="hộ chiếu.pdf", data=SCAN):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def ref(person):
    return ContentType.objects.get_for_model(person).pk, person.pk


def stored_bytes(document) -> bytes:
    with document.file.storage.open(document.file.name, "rb") as handle:
        return handle.read()


@pytest.fixture
def document(granted, contact):
    return documents.document_add(user=granted.na_officer, person=contact, kind="passport", upload=scan())


# ------------------------------------------------------------------ encryption at rest


def test_the_stored_file_holds_no_original_byte_and_decrypts_back(granted, document, settings):
    raw = stored_bytes(document)
    assert b"B1234567" not in raw and b"%PDF" not in raw and SCAN not in raw
    assert document.file.name.startswith("sensitive/") and document.file.name.endswith(".bin")
    assert "chi" not in document.file.name  # never the uploader's name on disk
    assert documents.document_open(user=granted.na_officer, document=document) == SCAN
    assert (document.size, document.content_kind, document.original_name) == (
        len(SCAN),
        "pdf",
        "hộ chiếu.pdf",
    )


def test_the_file_is_encrypted_with_the_encrypted_fields_keys_and_survives_a_key_rotation(
    granted, document, settings
):
    from cryptography.fernet import Fernet, InvalidToken
    from encrypted_fields.fields import EncryptedCharField

    assert EncryptedCharField(max_length=1).f.decrypt(stored_bytes(document)) == SCAN
    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(stored_bytes(document))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-test-only-0123456789"
    assert documents.document_open(user=granted.na_officer, document=document) == SCAN


def test_a_file_that_is_not_what_it_claims_or_too_large_is_refused_and_nothing_is_written(
    granted, contact, settings
):
    with pytest.raises(ValidationError):
        documents.document_add(
            user=granted.na_officer, person=contact, kind="passport", upload=scan("a.pdf", b"MZ\x90\x00exe")
        )
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        documents.document_add(user=granted.na_officer, person=contact, kind="passport", upload=scan())
    with pytest.raises(ValidationError):
        documents.document_add(user=granted.na_officer, person=contact, kind="visa", upload=scan())
    assert not SensitiveDocument.objects.exists()
    assert not AccessLog.objects.filter(detail="document added").exists()


# ------------------------------------------------------------------ who may


def test_who_may_add_open_and_remove(people, granted, contact, document):
    # A viewer with the grant opens, but neither adds nor removes.
    assert documents.document_open(user=granted.na_viewer, document=document) == SCAN
    with pytest.raises(PermissionDenied):
        documents.document_add(user=granted.na_viewer, person=contact, kind="id_card", upload=scan())
    with pytest.raises(PermissionDenied):
        documents.document_remove(user=granted.na_viewer, document=document)
    # An officer without the grant: nothing.
    Membership.objects.filter(user=people.na_officer).update(personal_data=False)
    forget_scope(people.na_officer)
    for call in (
        lambda: documents.document_open(user=people.na_officer, document=document),
        lambda: documents.document_add(user=people.na_officer, person=contact, kind="other", upload=scan()),
        lambda: documents.document_remove(user=people.na_officer, document=document),
    ):
        with pytest.raises(PermissionDenied):
            call()
    # A sibling unit's officer, even with the grant there: nothing.
    with pytest.raises(PermissionDenied):
        documents.document_open(user=granted.hn_officer, document=document)
    with pytest.raises(PermissionDenied):
        documents.document_add(user=granted.hn_officer, person=contact, kind="other", upload=scan())
    assert SensitiveDocument.objects.count() == 1


def test_adding_opening_and_removing_are_in_the_access_log(
    granted, contact, document, django_capture_on_commit_callbacks
):
    documents.document_open(user=granted.na_viewer, document=document)
    name, storage = document.file.name, document.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        documents.document_remove(user=granted.na_officer, document=document)
    assert not SensitiveDocument.objects.exists() and not storage.exists(name)
    rows = list(
        AccessLog.objects.filter(object_id=contact.pk, detail__startswith="document")
        .order_by("pk")
        .values_list("user", "action", "detail")
    )
    assert rows == [
        (granted.na_officer.pk, "change", "document added"),
        (granted.na_viewer.pk, "view", "document opened"),
        (granted.na_officer.pk, "change", "document removed"),
    ]


# ------------------------------------------------------------------ erasure


def test_erasure_deletes_the_rows_and_the_files(
    granted, contact, document, django_capture_on_commit_callbacks
):
    other = documents.document_add(user=granted.na_officer, person=contact, kind="id_card", upload=scan())
    names = [document.file.name, other.file.name]
    storage = document.file.storage
    assert all(storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(user=granted.na_officer, person=contact, reason="Hết hạn lưu trữ")
    assert not SensitiveDocument.objects.exists()
    assert not any(storage.exists(name) for name in names)
    with pytest.raises(ValidationError):  # nothing new for an erased person
        documents.document_add(user=granted.na_officer, person=contact, kind="passport", upload=scan())


def test_the_retention_job_erasure_removes_them_too(
    granted, contact, document, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(user=None, person=contact, reason="retention", system=True)
    assert not SensitiveDocument.objects.exists()
    assert not document.file.storage.exists(document.file.name)


# ------------------------------------------------------------------ pages


def test_the_download_is_the_decrypted_file_as_an_uncached_attachment(client, granted, contact, document):
    login(client, granted.na_viewer)
    response = client.get(reverse("privacy:document", args=[document.pk]))
    assert response.status_code == 200
    assert response.content == SCAN
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_404_for_a_sibling_and_403_for_a_read_only_user(client, people, granted, contact, document):
    urls = [
        ("get", reverse("privacy:document", args=[document.pk])),
        ("post", reverse("privacy:document_remove", args=[document.pk])),
        ("post", reverse("privacy:document_add", args=ref(contact))),
    ]
    login(client, granted.hn_officer)
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 404, url
    login(client, granted.na_viewer)
    for method, url in urls[1:]:
        assert getattr(client, method)(url, {"kind": "other", "file": scan()}).status_code == 403, url
    login(client, people.na_leader)  # sees the unit's records, holds no grant
    assert client.get(urls[0][1]).status_code == 403
    assert SensitiveDocument.objects.count() == 1


def test_upload_and_remove_through_the_panel(client, granted, contact, django_capture_on_commit_callbacks):
    login(client, granted.na_officer)
    response = client.post(
        reverse("privacy:document_add", args=ref(contact)), {"kind": "id_card", "file": scan("cccd.pdf")}
    )
    assert response.status_code == 302
    document = SensitiveDocument.objects.get()
    assert document.kind == "id_card" and document.uploaded_by == granted.na_officer
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "cccd.pdf" in page and "ID card scan" in page and 'data-testid="document-upload"' in page
    bad = client.post(
        reverse("privacy:document_add", args=ref(contact)), {"kind": "id_card", "file": scan("x.pdf", b"xx")}
    )
    assert bad.status_code == 302 and SensitiveDocument.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:document_remove", args=[document.pk]))
    assert response.status_code == 302 and not SensitiveDocument.objects.exists()


def test_without_the_grant_the_panel_says_only_how_many(client, people, granted, contact, document):
    login(client, people.na_leader)
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "1 identity document (encrypted)" in page
    assert "hộ chiếu" not in page and "Passport scan" not in page
    assert reverse("privacy:document", args=[document.pk]) not in page and "document-upload" not in page


def test_a_viewer_with_the_grant_sees_the_list_without_the_upload_or_remove(
    client, granted, contact, document
):
    login(client, granted.na_viewer)
    page = client.get(contact.get_absolute_url()).content.decode()
    assert reverse("privacy:document", args=[document.pk]) in page
    assert "document-upload" not in page and "document-remove" not in page


def test_the_panel_reads_a_few_queries_whatever_the_number_of_documents(
    client, granted, contact, document, django_assert_max_num_queries
):
    login(client, granted.na_officer)
    client.get(contact.get_absolute_url())
    with django_assert_max_num_queries(30) as few:
        client.get(contact.get_absolute_url())
    for _ in range(8):
        documents.document_add(user=granted.na_officer, person=contact, kind="other", upload=scan())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(contact.get_absolute_url()).content.decode()
    assert page.count('data-testid="sensitive-document"') == 9
