"""Files on records: checked by content, not by name, and stored via Django's storage API."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import Attachment
from .records import require_active, require_edit
from .workflow import require_file_change

KIND_LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG", "docx": "Word", "xlsx": "Excel"}


def sniff(upload) -> str:
    """The file's real kind from its first bytes (and its zip directory for Office files)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    raise ValidationError(
        _(
            "This file type is not accepted. "
            "Upload a PDF, an image (PNG, JPEG), a Word (DOCX) or an Excel (XLSX) file."
        ),
        code="file_type",
    )


def validate_upload(upload) -> str:
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    return sniff(upload)


def attachment_add(*, record, upload, by, description: str = "") -> Attachment:
    require_edit(user=by, record=record)
    require_active(record)
    require_file_change(record=record)
    kind = validate_upload(upload)
    with transaction.atomic():
        return Attachment.objects.create(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            file=upload,
            original_name=upload.name[:255],
            content_kind=kind,
            size=upload.size,
            description=description,
            uploaded_by=by,
        )


def attachment_archive(*, attachment: Attachment, by) -> Attachment:
    from django.utils import timezone

    require_edit(user=by, record=attachment.record)
    require_active(attachment.record)
    require_file_change(record=attachment.record, attachment=attachment)
    attachment.archived_at = timezone.now()
    attachment.save(update_fields=["archived_at"])
    return attachment


def attachments_of(record):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk, archived_at__isnull=True
    ).select_related("uploaded_by")
