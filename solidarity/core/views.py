"""Small view helpers every app uses: pagination, the picker's search term, archived records."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .pagination import CappedPage, CappedPaginator


def paginate(request, queryset, per_page: int | None = None) -> CappedPage:
    """A page of ``queryset`` from ?page=, clamped to the valid range, counted up to ``LIST_COUNT_CAP``."""
    paginator = CappedPaginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


OPTIONS_LIMIT = 30


def _search_term(request) -> str:
    field = request.GET.get("field", "")
    return request.GET.get(f"{field}__search") or request.GET.get("q", "")


def render_options(request, found: list) -> "HttpResponse":  # noqa: F821
    """The <option>s of a type-to-search picker: at most OPTIONS_LIMIT, and whether there are more."""
    from django.shortcuts import render

    return render(
        request, "core/options.html", {"options": found[:OPTIONS_LIMIT], "more": len(found) > OPTIONS_LIMIT}
    )


def refuse_if_archived(request, record, *parents):
    """A redirect to ``record`` with a message when it or a parent is archived (read-only), else None."""
    if any(r is not None and r.is_archived for r in (record, *parents)):
        messages.error(request, _("This record is archived; restore it before changing it."))
        return redirect(record)
    return None


def file_download(attachment) -> FileResponse:
    """An attachment's bytes as a download, typed as what they are (never what the name or the
    browser guesses), kept out of shared caches. The caller has checked who may read it."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
