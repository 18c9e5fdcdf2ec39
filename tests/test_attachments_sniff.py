"""Attachments are checked by content, stored and served as what they are, never straight from MEDIA_ROOT."""

import importlib.util
import io
import struct
import zipfile
import zlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, resolve
from django.urls.exceptions import Resolver404

from solidarity.core.files import display_name, sniff, validate_upload
from solidarity.core.models import Attachment

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_WORD = "application/vnd.ms-word.document.macroEnabled.main+xml"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def office(main_part: str | None, content_type: str = "", *names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        override = f'<Override PartName="/{main_part}" ContentType="{content_type}"/>' if main_part else ""
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f"{override}</Types>",
        )
        for name in (main_part, *names):
            if name:
                archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (PDF + b"\r\n\x00\x00", "pdf"),  # a little padding after the end marker
        (png(), "png"),
        (JPEG, "jpeg"),
        (JPEG + b"\x00" * 200_000, "jpeg"),  # a phone's data after the image
        (office("word/document.xml", WORD), "docx"),
        (office("xl/workbook.xml", EXCEL), "xlsx"),
    ],
)
def test_accepted_kinds_are_recognised_by_their_bytes(content, kind):
    assert sniff(SimpleUploadedFile("whatever.bin", content)) == kind


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 an exe renamed",
        HTML,
        b"%PDF-1.4\n" + HTML,  # a PDF's first line, then a web page
        b"%PDF-1.4\n" + HTML * 100 + b"%%EOF" + HTML * 100,  # the end marker is not at the end
        png()[:-12] + HTML,  # a PNG header without its end
        b"\x89PNG\r\n\x1a\n" + HTML,
        b"\xff\xd8\xff\xe0" + HTML,  # a JPEG start without an image
        office(None, "", "evil.txt"),
        office(None, "", "word/document.xml"),  # the part without its declared type
        office("word/document.xml", MACRO_WORD),  # macro-enabled Word (DOCM) renamed
        office("word/document.xml", WORD)[:-30],  # truncated archive
        b"PK\x03\x04 broken zip",
    ],
)
def test_a_file_that_only_starts_like_an_accepted_kind_is_refused_whatever_its_name(content):
    with pytest.raises(ValidationError) as error:
        sniff(SimpleUploadedFile("bien-ban.pdf", content))
    assert error.value.code == "file_type"


def test_the_size_limit_comes_from_settings(settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("a.pdf", PDF))
    assert error.value.code == "file_size"


@pytest.mark.parametrize(
    ("name", "kind", "shown"),
    [
        ("x.exe", "pdf", "x.pdf"),
        ("trang.html", "pdf", "trang.pdf"),
        ("Biên bản ký kết.PDF", "pdf", "Biên bản ký kết.PDF"),
        ("anh.jpeg", "jpeg", "anh.jpeg"),
        ("anh.png", "jpeg", "anh.jpg"),
        ("scan", "pdf", "scan.pdf"),
        (".htaccess", "pdf", "htaccess.pdf"),
        ("", "xlsx", "file.xlsx"),
        ("bao\r\ncao.docx", "docx", "baocao.docx"),
        ("a" * 300 + ".exe", "pdf", "a" * 251 + ".pdf"),
    ],
)
def test_the_name_shown_keeps_the_uploaders_words_with_the_detected_extension(name, kind, shown):
    assert display_name(name, kind) == shown


# Through the views ----------------------------------------------------------------------------------------


@pytest.fixture
def agreement(tree, settings, tmp_path):
    from solidarity.agreements.models import Agreement

    settings.MEDIA_ROOT = tmp_path
    return Agreement.objects.create(owner_unit=tree.nghe_an, title="Biên bản", agreement_type="memorandum")


def upload(client, record, name: str, content: bytes):
    from django.urls import reverse

    content_type = ContentType.objects.get_for_model(record)
    return client.post(
        reverse("attachment_upload", args=[content_type.pk, record.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "stored", "served", "content_type"),
    [
        ("x.exe", PDF, ".pdf", "x.pdf", "application/pdf"),
        ("trang.html", b"%PDF-1.4\n" + HTML + b"\n%%EOF\n", ".pdf", "trang.pdf", "application/pdf"),
        ("anh.png", JPEG, ".jpg", "anh.jpg", "image/jpeg"),
        (
            "bang.xls",
            office("xl/workbook.xml", EXCEL),
            ".xlsx",
            "bang.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_a_file_is_stored_and_served_as_the_kind_its_bytes_show(
    client, people, agreement, name, content, stored, served, content_type
):
    client.force_login(people.na_officer)
    assert upload(client, agreement, name, content).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(stored) and attachment.original_name == name
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{served}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert served in client.get(agreement.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_refused_file_is_not_stored_and_the_page_says_why(client, people, agreement, tmp_path):
    client.force_login(people.na_officer)
    response = upload(client, agreement, "bien-ban.pdf", b"%PDF-1.4\n" + HTML)
    assert response.status_code == 302 and not Attachment.objects.exists()
    assert not any(tmp_path.rglob("*.*"))
    page = client.get(response.url).content.decode()
    assert "This file type is not accepted." in page


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "status"), [("hn_officer", 404), ("outsider", 404), ("na_viewer", 200)])
def test_a_download_goes_through_the_records_permission_check(client, people, agreement, persona, status):
    client.force_login(people.na_officer)
    upload(client, agreement, "bien-ban.pdf", PDF)
    client.force_login(getattr(people, persona))
    assert client.get(Attachment.objects.get().get_absolute_url()).status_code == status


def patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_no_url_serves_media_root_even_with_debug_on(settings):
    """GIVEN the project's URLs loaded afresh with DEBUG on (as on a developer's machine)
    THEN no pattern serves files from disk and the media URL of a stored file resolves to nothing."""
    from django.views import static

    settings.DEBUG = True
    spec = importlib.util.find_spec("solidarity.urls")
    fresh = importlib.util.module_from_spec(spec)  # not in sys.modules: the running URLs stay as they are
    spec.loader.exec_module(fresh)
    for route, pattern in patterns(URLResolver(r"^/", fresh)):
        assert pattern.callback is not static.serve, route
        assert "document_root" not in (pattern.default_args or {}), route
    with pytest.raises(Resolver404):
        resolve(f"/{settings.MEDIA_URL}attachments/agreements/0123abcd.pdf", urlconf=fresh)


@pytest.mark.django_db
def test_a_stored_file_is_not_reachable_at_its_media_url(client, people, agreement):
    client.force_login(people.na_officer)
    upload(client, agreement, "bien-ban.pdf", PDF)
    attachment = Attachment.objects.get()
    assert client.get(attachment.file.url).status_code == 404
    assert client.get(f"/{attachment.file.name}").status_code == 404


@pytest.mark.django_db
def test_a_request_with_more_than_one_file_is_refused_before_any_is_stored(
    client, people, agreement, tmp_path
):
    from django.urls import reverse

    client.force_login(people.na_officer)
    content_type = ContentType.objects.get_for_model(agreement)
    response = client.post(
        reverse("attachment_upload", args=[content_type.pk, agreement.pk]),
        {"file": [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(2)]},
    )
    assert response.status_code == 400 and not Attachment.objects.exists()


def test_the_readme_tells_the_proxy_to_refuse_the_media_folder_and_large_bodies():
    import re
    from pathlib import Path

    from django.conf import settings

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    production = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    assert "location /media/" in production and "internal;" in production
    limit = re.search(r"client_max_body_size (\d+)m;", production)
    assert limit and int(limit.group(1)) * 1024 * 1024 > settings.ATTACHMENT_MAX_BYTES
    for setting in (
        "DATA_UPLOAD_MAX_MEMORY_SIZE",
        "FILE_UPLOAD_MAX_MEMORY_SIZE",
        "DATA_UPLOAD_MAX_NUMBER_FILES",
    ):
        assert setting in production, setting
