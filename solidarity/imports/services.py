"""Writes of the import: upload and dry run, the owner's word on likely matches, the run, the undo.

Keyword-only and permission-checking like every app's services. The rows
themselves are written by the kinds' own services (``kinds.py``), through
``pipeline.run``; this module decides the transactions around them: rolled
back for the dry run, one all-or-nothing transaction for the import.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, has_role_on
from solidarity.jobs.registry import Outcome
from solidarity.jobs.services import job_abandon, job_start

from . import pipeline
from .history import importing
from .kinds import importer as importer_for
from .models import BatchState, ImportBatch, ImportedRecord
from .reading import check_upload, read

MAX_STORED_ERRORS = 1000  # the preview lists these; more only repeat the same fault


def _reason(batch: ImportBatch, user) -> str:
    name = batch.file_name if len(batch.file_name) <= 30 else batch.file_name[:27] + "…"
    who = getattr(user, "display_name", "") or user.get_username()
    return _("Imported from %(file)s (batch #%(batch)s) by %(user)s") % {
        "file": name,
        "batch": batch.pk,
        "user": who,
    }


def _tables(batch: ImportBatch):
    importer = importer_for(batch.kind)
    with batch.file.open("rb") as handle:
        return importer, read(handle, file_format=batch.file_format, sheet=importer.sheet)


def _require_owner(batch: ImportBatch, user) -> None:
    if batch.owner_id != user.pk:
        raise PermissionDenied(_("Only the person who uploaded this file can do this."))


def import_upload(*, by, kind: str, upload) -> ImportBatch:
    """Keep the file and run its dry run; a file that cannot be read is refused before anything is kept.

    A file of more than ``IMPORT_SYNC_ROWS`` rows is checked by a background job
    (the batch says "being checked" until it is done); a smaller one here.
    """
    importer = importer_for(kind)
    file_format = check_upload(upload)
    tables = read(
        upload, file_format=file_format, sheet=importer.sheet
    )  # headers and size, before keeping it
    upload.seek(0)
    name = PurePosixPath((upload.name or "import").replace("\\", "/")).name[:200]
    batch = ImportBatch(owner=by, kind=kind, file_name=name, file_format=file_format)
    batch.rows = sum(len(table.rows) for table in tables)
    batch.file.save(f"import.{file_format}", upload, save=False)
    batch.save()
    return _check(batch=batch, by=by, tables=(importer, tables))


def _check(*, batch: ImportBatch, by, tables=None) -> ImportBatch:
    """The dry run now, or as a job when the file is large (a request must not wait minutes)."""
    if batch.rows <= settings.IMPORT_SYNC_ROWS:
        return import_check(batch=batch, by=by, tables=tables)
    with transaction.atomic():
        job = job_start(
            owner=by,
            kind="import_check",
            title=_("Check of %(file)s") % {"file": batch.file_name},
            params={"batch": batch.pk},
        )
        batch.state, batch.job, batch.message = BatchState.CHECKING, job, ""
        batch.save(update_fields=["state", "job", "message"])
    return batch


def import_check_again(*, batch: ImportBatch, by) -> ImportBatch:
    """Check the kept file again after the worker running its check died (the dry run kept nothing)."""
    _require_owner(batch, by)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not batch.is_check_interrupted:
            raise ValidationError(
                _("This import's check is not interrupted: there is nothing to start again.")
            )
        job_abandon(batch.job, message=_("Interrupted; the file is checked again by a new job."))
        return _check(batch=batch, by=by)


def dry_run(*, batch: ImportBatch, by, tables=None, progress=None) -> pipeline.Result:
    """Every row through the services inside a transaction that is rolled back: nothing stays."""
    importer, tables = tables or _tables(batch)
    with importing(reason=_reason(batch, by), user=by), transaction.atomic():
        result = pipeline.run(
            tables=tables, importer=importer, user=by, decisions=batch.decisions, progress=progress
        )
        transaction.set_rollback(True)
    return result


def import_check(*, batch: ImportBatch, by, tables=None, progress=None) -> ImportBatch:
    """Run the dry run again and keep what it found: counts, errors, likely matches."""
    _require_owner(batch, by)
    try:
        result = dry_run(batch=batch, by=by, tables=tables, progress=progress)
    except ValidationError as error:  # the stored file no longer reads (a column renamed by an upgrade)
        batch.errors = [{"sheet": "", "row": "", "column": "", "message": m} for m in error.messages]
        batch.created = batch.updated = batch.unchanged = 0
    else:
        batch.rows, batch.created, batch.updated = result.rows, result.created, result.updated
        batch.unchanged = result.unchanged
        batch.errors = result.errors[:MAX_STORED_ERRORS]
        batch.matches = result.matches
    batch.state = BatchState.PREVIEWED
    batch.save()
    return batch


def import_check_job(job, progress) -> Outcome:
    """The job's body for a large file: its dry run, with progress; the preview page shows the result."""
    batch = ImportBatch.objects.select_related("owner").get(pk=job.params["batch"], owner=job.owner)
    if batch.state != BatchState.CHECKING:
        raise ValidationError(_("This import is no longer waiting for its check."))
    try:
        batch = import_check(batch=batch, by=batch.owner, progress=progress)
    except Exception:
        ImportBatch.objects.filter(pk=batch.pk).update(state=BatchState.FAILED)
        raise
    rows = len({(e["sheet"], e["row"]) for e in batch.errors})
    message = _("Checked: %(created)s to create, %(updated)s to update, %(errors)s rows with errors.") % {
        "created": batch.created,
        "updated": batch.updated,
        "errors": rows,
    }
    return Outcome(message=message, url=batch.get_absolute_url())


def import_decide(*, batch: ImportBatch, by, decisions: dict[str, str]) -> ImportBatch:
    """The owner's word on each likely match ("existing" or "new"), then the dry run again."""
    _require_owner(batch, by)
    if batch.state != BatchState.PREVIEWED:
        raise ValidationError(_("This import is no longer waiting for confirmation."))
    keys = {str(match["key"]) for match in batch.matches}
    batch.decisions = {
        key: value for key, value in decisions.items() if key in keys and value in ("existing", "new")
    }
    return _check(batch=batch, by=by)


def import_confirm(*, batch: ImportBatch, by):
    """Start the import as a background job; it writes everything or nothing."""
    _require_owner(batch, by)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not (batch.can_confirm or batch.is_interrupted):
            raise ValidationError(_("This import cannot be started: check its errors and choices first."))
        job = job_start(
            owner=by,
            kind="import",
            title=_("Import of %(file)s") % {"file": batch.file_name},
            params={"batch": batch.pk},
        )
        batch.state, batch.job, batch.message = BatchState.RUNNING, job, ""
        batch.save(update_fields=["state", "job", "message"])
    return job


class _Refused(Exception):
    def __init__(self, result: pipeline.Result):
        super().__init__("refused")
        self.result = result


def import_run_job(job, progress) -> Outcome:
    """The job's body: the dry run's pass again, in one transaction kept only if every row went in."""
    batch = ImportBatch.objects.select_related("owner").get(pk=job.params["batch"], owner=job.owner)
    user = batch.owner
    importer, tables = _tables(batch)
    try:
        with importing(reason=_reason(batch, user), user=user), transaction.atomic():
            result = pipeline.run(
                tables=tables, importer=importer, user=user, progress=progress, decisions=batch.decisions
            )
            if (
                result.errors
                or result.matches
                and any(str(m["key"]) not in batch.decisions for m in result.matches)
            ):
                raise _Refused(result)
            _keep(batch, result)
    except _Refused as refused:
        message = _(
            "Nothing was imported: %(count)s rows have errors (the data changed since the check)."
        ) % {"count": len({(e["sheet"], e["row"]) for e in refused.result.errors})}
        ImportBatch.objects.filter(pk=batch.pk).update(
            state=BatchState.FAILED, errors=refused.result.errors[:MAX_STORED_ERRORS], message=message
        )
        raise ValidationError(message) from None
    except Exception:
        ImportBatch.objects.filter(pk=batch.pk).update(state=BatchState.FAILED)
        raise
    message = _("Imported: %(created)s created, %(updated)s updated.") % {
        "created": result.created,
        "updated": result.updated,
    }
    return Outcome(message=message, url=batch.get_absolute_url())


def _keep(batch: ImportBatch, result: pipeline.Result) -> None:
    types = {}
    rows = []
    for (model, pk), (_record, created) in result.written.items():
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model)
        rows.append(ImportedRecord(batch=batch, content_type=types[model], object_id=pk, created=created))
    ImportedRecord.objects.bulk_create(rows, batch_size=1000)
    batch.rows, batch.created, batch.updated, batch.unchanged = (
        result.rows,
        result.created,
        result.updated,
        result.unchanged,
    )
    batch.errors, batch.state, batch.imported_at = [], BatchState.DONE, timezone.now()
    batch.message = ""
    batch.save()


def can_undo(*, batch: ImportBatch, user) -> bool:
    """The batch's owner, or an administrator of every unit owning a record it created."""
    if batch.state != BatchState.DONE:
        return False
    if batch.owner_id == user.pk:
        return True
    records = [r.record for r in batch.records.filter(created=True).select_related("content_type")]
    owners = {getattr(r, "owner_unit", None) for r in records if r is not None}
    return bool(owners) and None not in owners and all(has_role_on(user, u, Role.ADMIN) for u in owners)


@transaction.atomic
def import_undo(*, batch: ImportBatch, by) -> int:
    """Archive every record the batch created, all in one transaction; the count archived."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if not can_undo(batch=batch, user=by):
        raise PermissionDenied(
            _("Only the person who imported this file or an administrator of its units can undo it.")
        )
    importer = importer_for(batch.kind)
    model = importer.sheet.model
    content_type = ContentType.objects.get_for_model(model)
    ids = batch.records.filter(created=True, content_type=content_type).values_list("object_id", flat=True)
    archived = 0
    records = model.objects.filter(pk__in=list(ids))
    if any(field.name == "owner_unit" for field in model._meta.fields):
        records = records.select_related("owner_unit")  # partners have no owner: the directory is shared
    for record in records:
        if getattr(record, "archived_at", None) is None:
            importer.archive(record=record, by=by)
            archived += 1
    batch.state, batch.undone_at, batch.undone_by = BatchState.UNDONE, timezone.now(), by
    batch.message = _("Undone: %(count)s records archived.") % {"count": archived}
    batch.save()
    return archived


def batches_of(user, *, limit: int = 50):
    return ImportBatch.objects.filter(owner=user).order_by("-created_at")[:limit]
