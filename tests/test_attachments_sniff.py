"""Attachments are checked by content, not by name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.core.attachments import sniff, validate_upload


def office(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpeg"),
        (office("[Content_Types].xml", "word/document.xml"), "docx"),
        (office("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
    ],
)
def test_accepted_kinds_are_recognised_by_their_bytes(content, kind):
    assert sniff(SimpleUploadedFile("whatever.bin", content)) == kind


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00 an exe renamed", b"<html>", office("evil.txt"), b"PK\x03\x04 broken zip"]
)
def test_a_renamed_file_is_refused_whatever_its_name(content):
    with pytest.raises(ValidationError):
        sniff(SimpleUploadedFile("bien-ban.pdf", content))


def test_the_size_limit_comes_from_settings(settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.7 more than ten bytes"))
    assert error.value.code == "file_size"
