"""Files on records: attached, removed (archived) and listed through the record's rules.

What a file is (its kind, detected from its bytes) is decided in
:mod:`solidarity.core.files`; here the record's permission, archive and
workflow rules apply to every change.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from solidarity.core.files import validate_upload
from solidarity.core.models import Attachment

from .base import require_active, require_edit
from .workflow import require_file_change


def attachment_add(*, record, upload, by, description: str = "") -> Attachment:
    require_edit(user=by, record=record)
    require_active(record)
    require_file_change(record=record)
    kind = validate_upload(upload)
    with transaction.atomic():
        attachment = Attachment(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            original_name=(upload.name or "")[:255],
            content_kind=kind,  # before the file: its stored name takes this kind's extension
            size=upload.size,
            description=description,
            uploaded_by=by,
        )
        attachment.file = upload
        attachment._history_user = by
        attachment.save()
        return attachment


def attachment_archive(*, attachment: Attachment, by) -> Attachment:
    require_edit(user=by, record=attachment.record)
    require_active(attachment.record)
    require_file_change(record=attachment.record, attachment=attachment)
    attachment.archived_at = timezone.now()
    attachment._history_user = by
    attachment._change_reason = "remove"
    attachment.save(update_fields=["archived_at"])
    return attachment


def attachments_of(record):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk, archived_at__isnull=True
    ).select_related("uploaded_by")


def attachments_by_record(model, ids) -> dict[int, list[Attachment]]:
    """The current files of the ``model`` rows ``ids`` (a page of a ledger), by row id: one query."""
    found: dict[int, list[Attachment]] = {}
    rows = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=list(ids),
        archived_at__isnull=True,
    ).order_by("pk")
    for attachment in rows:
        found.setdefault(attachment.object_id, []).append(attachment)
    return found
