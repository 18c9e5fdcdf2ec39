"""Foreign-affairs information: a unit's news items (the record kit), written from a record,
published, exported; and articles read into draft records, reviewed before anything is saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import units_for_officer
from solidarity.core.forms import add_service_errors
from solidarity.core.views import paginate
from solidarity.records.base import can_edit
from solidarity.records.kit import RecordViews, visible_record

from . import exports, review, selectors, services
from .choices import ArticleState, NewsState
from .filters import NewsItemFilter
from .forms import ArticleForm, NewsItemForm
from .models import Article, NewsItem
from .reading import article_text

RECORD_MODELS = {model._meta.model_name: model for model in services.RECORD_FIELDS}
FIELD_LABELS = {
    "title": gettext_lazy("Name of the record"),
    "event_date": gettext_lazy("Date"),
    "place": gettext_lazy("Place"),
    "organisations": gettext_lazy("Organisation"),
    "people": gettext_lazy("Person and title"),
    "countries": gettext_lazy("Country"),
    "money_vnd": gettext_lazy("Amount (đồng)"),
    "statistics": gettext_lazy("Figure"),
    "planned": gettext_lazy("Planned (a follow-up commitment)"),
}


class NewsItemViews(RecordViews):
    model = NewsItem
    services, selectors = services, selectors
    related = ("owner_unit", "meeting", "delegation", "support", "agreement")
    filterset = NewsItemFilter
    ordering = ("-published_on", "-pk")
    filter_defaults = {"state": NewsState.PUBLISHED}  # the unit's published information, drafts on request
    form_class = NewsItemForm
    files = False
    saved_message = gettext_lazy("News item saved.")
    archived_message = gettext_lazy("News item archived. It can be restored from the archive.")
    restored_message = gettext_lazy("News item restored.")

    def export(self, filterset):
        return None  # the items go out one at a time, as DOCX or HTML

    def detail_context(self, item, context, **extra):
        return {"can_publish": context["can_manage"] and not item.is_archived}


@login_required
@require_POST
def newsitem_write(request, kind: str, pk: int):
    """ "Write a news item" on a record's page: a draft from its fields, opened for editing."""
    model = RECORD_MODELS.get(kind)
    if model is None:
        raise Http404
    record = visible_record(model, request.user, pk, "owner_unit")
    if not can_edit(request.user, record):
        raise PermissionDenied(_("You cannot write news items for %(unit)s.") % {"unit": record.owner_unit})
    try:
        item = services.newsitem_create_from_record(by=request.user, record=record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(record)
    messages.success(request, _("News draft written from the record: read it, correct it, then publish it."))
    return redirect("news:edit", item.pk)


@login_required
@require_POST
def newsitem_publish(request, pk: int):
    item = visible_record(NewsItem, request.user, pk, "owner_unit")
    unpublish = request.POST.get("unpublish") == "1"
    try:
        if unpublish:
            services.newsitem_unpublish(newsitem=item, by=request.user)
        else:
            services.newsitem_publish(newsitem=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Taken back to a draft.") if unpublish else _("News item published."))
    return redirect(item)


@login_required
def newsitem_download(request, pk: int, file_format: str):
    item = visible_record(NewsItem, request.user, pk, "owner_unit")
    stem = exports.file_stem(item)
    if file_format == "docx":
        response = HttpResponse(
            exports.news_docx(item),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.docx"'
    else:
        response = HttpResponse(exports.news_html(item), content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.html"'
    response["Cache-Control"] = "private, no-store"
    return response


# -- articles into draft records ------------------------------------------------------------------


@login_required
def article_list(request):
    articles = selectors.article_list(user=request.user).active().order_by("-created_at", "-pk")
    return render(
        request,
        "news/article_list.html",
        {"page_obj": paginate(request, articles), "can_create": units_for_officer(request.user).exists()},
    )


@login_required
def article_new(request):
    if not units_for_officer(request.user).exists():
        raise PermissionDenied(_("You do not record articles for any unit."))
    form = ArticleForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            text = data["text"]
            if data.get("upload") and not (text or "").strip():
                text = article_text(data["upload"])
            article = review.article_create(
                by=request.user,
                owner_unit=data["owner_unit"],
                text=text,
                source_url=data.get("source_url") or "",
                published_on=data.get("published_on"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(article)
    return render(request, "news/article_new.html", {"form": form}, status=400 if form.errors else 200)


def _review_context(article: Article, *, error: str = "") -> dict:
    labels = review.kind_labels()
    proposals = []
    for p, proposal in enumerate(article.proposals):
        rows = []
        for r, row in enumerate(proposal["rows"]):
            rows.append(
                {
                    **row,
                    "name": f"p{p}-r{r}",
                    "label": FIELD_LABELS.get(row["field"], row["field"]),
                    "quote": review.highlighted(article.text, row.get("ev")),
                    "unknown": row["field"] == "organisations"
                    and not row.get("unit_id")
                    and not row.get("partner_id"),
                }
            )
        proposals.append(
            {
                **proposal,
                "index": p,
                "number": p + 1,
                "kind_label": labels.get(proposal["kind"], proposal["kind"]),
                "kind_quote": review.highlighted(article.text, proposal.get("kind_ev")),
                "rows": rows,
                "can_become": proposal["kind"] in review.KINDS,
            }
        )
    return {
        "article": article,
        "proposals": proposals,
        "kinds": [(kind, labels[kind]) for kind in review.KINDS],
        "error": error,
    }


@login_required
def article_detail(request, pk: int):
    article = visible_record(Article, request.user, pk, "owner_unit")
    editable = can_edit(request.user, article) and article.state == ArticleState.REVIEW
    error, status = "", 200
    if request.method == "POST":
        if not can_edit(request.user, article):
            raise PermissionDenied(_("You cannot change records of %(unit)s.") % {"unit": article.owner_unit})
        try:
            if request.POST.get("action") == "confirm":
                article = review.article_confirm(article=article, by=request.user, data=request.POST)
                messages.success(request, _("Draft records created from the article."))
            else:
                review.article_review_save(article=article, by=request.user, data=request.POST)
                messages.success(request, _("Review saved; nothing else was written."))
            return redirect(article)
        except ValidationError as error_:
            error, status = " ".join(error_.messages), 400
            # The officer's edits stay on the page (not saved), with what went wrong.
            article.proposals = review.apply_edits(article.proposals, request.POST)
    context = _review_context(article, error=error) | {"editable": editable}
    return render(request, "news/article_detail.html", context, status=status)
