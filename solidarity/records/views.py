"""Views every record kind shares: its files, downloaded and changed through the record's permission check.

The pages each kind declares (list, detail, create and edit, archive) are the record kit, in kit.py.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from solidarity.core.views import file_download


def _visible_record(user, content_type, object_id: int, *, reading: bool = False):
    """The record behind an attachment, or 404 when the user may not see it."""
    from django.http import Http404

    from .base import UnitRecord

    model = content_type.model_class()
    # Files hang on cooperation records only, never on users, links or contacts; a ledger line
    # (``files_with_line``: a fund's entry) gets its files with it, written once, then only read.
    held = model is not None and (
        issubclass(model, UnitRecord) or (reading and getattr(model, "files_with_line", False))
    )
    if not held:
        raise Http404
    manager = model.objects
    return get_object_or_404(manager.visible_to(user), pk=object_id)


@login_required
def attachment_download(request, pk: int):
    from django.http import Http404

    from solidarity.core.models import Attachment

    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    _visible_record(request.user, attachment.content_type, attachment.object_id, reading=True)
    if attachment.archived_at:
        raise Http404
    return file_download(attachment)


@login_required
@require_POST
def attachment_upload(request, content_type_id: int, object_id: int):
    from django.contrib import messages
    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from .attachments import attachment_add

    content_type = get_object_or_404(ContentType, pk=content_type_id)
    record = _visible_record(request.user, content_type, object_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
    else:
        try:
            attachment = attachment_add(
                record=record, upload=upload, by=request.user, description=request.POST.get("description", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("File %(name)s attached.") % {"name": attachment.filename})
    return redirect(record.get_absolute_url())


@login_required
@require_POST
def attachment_remove(request, pk: int):
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from solidarity.core.models import Attachment

    from .attachments import attachment_archive

    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    record = _visible_record(request.user, attachment.content_type, attachment.object_id)
    try:
        attachment_archive(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("File removed from the record (kept in the archive)."))
    return redirect(record.get_absolute_url())
