from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from solidarity.accounts.models import Membership

from .selectors import home_attention, home_counts


@login_required
def home(request):
    memberships = Membership.objects.filter(user=request.user).select_related("unit").order_by("unit__path")
    return render(
        request,
        "core/home.html",
        {
            "counts": home_counts(user=request.user),
            "attention": home_attention(user=request.user),
            "memberships": memberships,
        },
    )


def paginate(request, queryset, per_page: int | None = None):
    """A page of ``queryset`` from ?page=, clamped to the valid range."""
    from django.conf import settings
    from django.core.paginator import Paginator

    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


OPTIONS_LIMIT = 30


def _search_term(request) -> str:
    field = request.GET.get("field", "")
    return request.GET.get(f"{field}__search") or request.GET.get("q", "")


@login_required
def unit_options(request):
    """<option>s of units matching ?q=, within the user's scope.

    ``?scope=edit`` keeps units where the user is officer or higher,
    ``?scope=admin`` those they administer; both leave ended units out.
    """
    from solidarity.accounts.permissions import Role, unit_scope_q
    from solidarity.units.models import Unit

    role = {"edit": Role.OFFICER, "admin": Role.ADMIN}.get(request.GET.get("scope", ""), Role.VIEWER)
    units = Unit.objects.filter(unit_scope_q(request.user, role, field="")).search(_search_term(request))
    if role > Role.VIEWER:
        units = units.in_force()
    found = list(units.order_by("depth", "name").values_list("pk", "name")[: OPTIONS_LIMIT + 1])
    return render(
        request, "core/options.html", {"options": found[:OPTIONS_LIMIT], "more": len(found) > OPTIONS_LIMIT}
    )


@login_required
def partner_options(request):
    """<option>s of active partners matching ?q= (the directory is shared)."""
    from solidarity.partners.models import Partner

    partners = Partner.objects.filter(is_active=True).search(_search_term(request))
    found = list(partners.order_by("name").values_list("pk", "name")[: OPTIONS_LIMIT + 1])
    return render(
        request, "core/options.html", {"options": found[:OPTIONS_LIMIT], "more": len(found) > OPTIONS_LIMIT}
    )


def _visible_record(user, content_type, object_id: int):
    """The record behind an attachment, or 404 when the user may not see it."""
    from django.http import Http404

    from .records import UnitRecord

    model = content_type.model_class()
    # Files hang on cooperation records only, never on users, links or contacts.
    if model is None or not issubclass(model, UnitRecord):
        raise Http404
    manager = model.objects
    return get_object_or_404(manager.visible_to(user), pk=object_id)


@login_required
def attachment_download(request, pk: int):
    from django.http import FileResponse, Http404

    from .models import Attachment

    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    _visible_record(request.user, attachment.content_type, attachment.object_id)
    if attachment.archived_at:
        raise Http404
    # Always a download, typed as what the bytes are (never what the name or the browser guesses).
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


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

    from .attachments import attachment_archive
    from .models import Attachment

    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    record = _visible_record(request.user, attachment.content_type, attachment.object_id)
    try:
        attachment_archive(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("File removed from the record (kept in the archive)."))
    return redirect(record.get_absolute_url())


def refuse_if_archived(request, record, *parents):
    """A redirect to ``record`` with a message when it or a parent is archived (read-only), else None."""
    from django.contrib import messages
    from django.utils.translation import gettext as _

    if any(r is not None and r.is_archived for r in (record, *parents)):
        messages.error(request, _("This record is archived; restore it before changing it."))
        return redirect(record)
    return None
