"""Scans of passports and ID cards: encrypted at rest, read only by holders of the permission.

Issue 12: ID and passport numbers and their images are sensitive data (Decree
356/2025/NĐ-CP). The numbers are encrypted fields; the images are files whose
bytes are stored as a Fernet token under the same keys (``fields.file_fernet``),
so a copy of the media folder alone reveals nothing. Adding and removing asks
:func:`services.require_manage`; opening asks ``may_see_personal``; all three
are written to the access log.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_see_personal
from solidarity.core.files import validate_upload

from .access import log_access
from .choices import AccessAction, DocumentKind
from .fields import file_fernet
from .models import SensitiveDocument
from .services import _person_ref, _refuse_erased, require_manage


def documents_of(person):
    ref = _person_ref(person)
    return SensitiveDocument.objects.filter(content_type=ref["content_type"], object_id=person.pk)


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = b"".join(upload.chunks()) if hasattr(upload, "chunks") else upload.read()
    upload.seek(0)
    return data


def document_add(*, user, person, kind: str, upload) -> SensitiveDocument:
    """Store a scan of ``person``'s document, encrypted; checked by content, size-limited as every upload."""
    ref = _person_ref(person)
    require_manage(user, ref["unit"])
    _refuse_erased(person)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose what the document is.")})
    if upload is None:
        raise ValidationError({"file": _("Choose the scanned file.")})
    content_kind = validate_upload(upload)  # by content, and the size limit; before anything is written
    token = file_fernet().encrypt(_read_all(upload))
    with transaction.atomic():
        document = SensitiveDocument(
            **ref,
            kind=kind,
            original_name=(upload.name or "")[:255],
            content_kind=content_kind,
            size=upload.size,
            uploaded_by=user,
        )
        document.file.save("document.bin", ContentFile(token), save=False)
        name, storage = document.file.name, document.file.storage
        try:  # the row is not written: its file goes too
            document.save()
            log_access(user=user, person=person, action=AccessAction.CHANGE, detail="document added")
        except Exception:
            storage.delete(name)
            raise
    return document


def document_remove(*, user, document: SensitiveDocument) -> None:
    """Delete the row, and its file once the deletion is committed."""
    require_manage(user, document.unit)
    name, storage = document.file.name, document.file.storage
    person = document.person
    with transaction.atomic():
        SensitiveDocument.objects.filter(pk=document.pk).delete()
        log_access(user=user, person=person, action=AccessAction.CHANGE, detail="document removed")
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def document_open(*, user, document: SensitiveDocument) -> bytes:
    """The original bytes of a scan, to a holder of the permission on the person's unit; logged."""
    if not may_see_personal(user, document.unit):
        raise PermissionDenied(_("Only users holding the personal data permission may open this document."))
    with document.file.open("rb") as stored:
        data = file_fernet().decrypt(stored.read())
    log_access(user=user, person=document.person, action=AccessAction.VIEW, detail="document opened")
    return data
