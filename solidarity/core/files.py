"""Files on records: checked by content, not by name, and stored via Django's storage API.

What a file *is* decides everything about it: the kind is detected from its
bytes (its header, its end marker, an Office file's declared main part), the
stored name and the download's type and extension follow that kind, and the
uploader's name is only shown, with the detected kind's extension.
"""

from __future__ import annotations

import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    label: str
    extension: str  # the one a stored or downloaded file gets
    content_type: str
    aliases: tuple[str, ...] = ()  # other extensions people use for the same kind


KINDS = {
    "pdf": FileKind("PDF", ".pdf", "application/pdf"),
    "png": FileKind("PNG", ".png", "image/png"),
    "jpeg": FileKind("JPEG", ".jpg", "image/jpeg", aliases=(".jpeg", ".jpe")),
    "docx": FileKind(
        "Word", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "xlsx": FileKind("Excel", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
KIND_LABELS = {kind: spec.label for kind, spec in KINDS.items()}

# End markers may be followed by a little padding (a newline, a few NULs from
# old scanners), never by a document of their own.
TAIL_BYTES = 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk: no data, fixed CRC
JPEG_END = b"\xff\xd9"
# An OOXML package names its main part's content type in [Content_Types].xml;
# the macro-enabled and template variants declare other types and are refused.
OFFICE_MAIN_PARTS = {
    "docx": (
        "word/document.xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}
CONTENT_TYPES_MAX_BYTES = 1024 * 1024


def _read(upload, *, start: int, size: int) -> bytes:
    upload.seek(start)
    data = upload.read(size)
    upload.seek(0)
    return data


def _contains(upload, marker: bytes, *, start: int) -> bool:
    """Whether ``marker`` occurs after ``start``, reading the file in chunks (photos may be large)."""
    upload.seek(start)
    carry = b""
    try:
        while chunk := upload.read(64 * 1024):
            if marker in carry + chunk:
                return True
            carry = chunk[-(len(marker) - 1) :]
        return False
    finally:
        upload.seek(0)


def _office_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            info = archive.getinfo("[Content_Types].xml") if "[Content_Types].xml" in names else None
            if info is None or info.file_size > CONTENT_TYPES_MAX_BYTES:
                return None
            with archive.open(info) as member:
                declared = member.read(CONTENT_TYPES_MAX_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError, OSError):
        # A damaged, encrypted or oddly compressed archive is not a document we accept.
        return None
    except (ValueError, zlib.error):
        return None
    finally:
        upload.seek(0)
    for kind, (main_part, content_type) in OFFICE_MAIN_PARTS.items():
        if main_part in names and content_type in declared:
            return kind
    return None


def sniff(upload) -> str:
    """The file's real kind: its header, its end marker, and for Office files the package's main part.

    A first line alone proves nothing (``%PDF-`` followed by a web page is not a
    PDF), so each kind must also end or be declared the way that format does.
    """
    size = upload.size
    head = _read(upload, start=0, size=16)
    tail = _read(upload, start=max(0, size - TAIL_BYTES), size=TAIL_BYTES)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = "pdf" if b"%%EOF" in tail else None
    elif head.startswith(PNG_SIGNATURE):
        kind = "png" if head[12:16] == b"IHDR" and PNG_END in tail else None
    elif head.startswith(b"\xff\xd8\xff") and len(head) > 3 and head[3] >= 0xC0:
        # Phones append data after the image (motion photos), so the end marker may be far from the end.
        kind = "jpeg" if _contains(upload, JPEG_END, start=4) else None
    elif head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
    if kind is None:
        raise ValidationError(
            _(
                "This file type is not accepted. "
                "Upload a PDF, an image (PNG, JPEG), a Word (DOCX) or an Excel (XLSX) file."
            ),
            code="file_type",
        )
    return kind


def check_size(upload, limit: int) -> None:
    """Refuse an empty upload or one over ``limit`` bytes, saying so in the user's language."""
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")


def validate_upload(upload) -> str:
    check_size(upload, settings.ATTACHMENT_MAX_BYTES)
    return sniff(upload)


def display_name(name: str, kind: str) -> str:
    """``name`` as shown and downloaded: the uploader's words, the detected kind's extension.

    "x.exe" holding a PDF becomes "x.pdf"; "Biên bản.PDF" and "anh.jpeg" stay as they are.
    """
    spec = KINDS[kind]
    # Only the last path part, without control characters (they would break the download header)
    # and without leading dots (a hidden file once saved).
    name = PurePosixPath(name.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    path = PurePosixPath(name or "file")
    if path.suffix.lower() in (spec.extension, *spec.aliases):
        stem, suffix = path.stem, path.suffix
    else:
        stem, suffix = (path.stem if path.suffix else path.name), spec.extension
    return (stem.strip() or "file")[: 255 - len(suffix)] + suffix
