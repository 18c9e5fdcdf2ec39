from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import units_for_officer
from solidarity.core.forms import add_service_errors
from solidarity.core.history import record_history
from solidarity.core.text import fold
from solidarity.core.views import OPTIONS_LIMIT, _search_term, paginate, refuse_if_archived
from solidarity.delegations.models import Delegation
from solidarity.records.attachments import attachments_of
from solidarity.records.base import EditConflict

from . import selectors, services
from .filters import SupportFilter
from .forms import SupportForm, SupportItemFormSet, item_initial
from .models import Support
from .services import ITEM_FIELDS


def _visible(request, pk: int) -> Support:
    queryset = Support.objects.visible_to(request.user).select_related(
        "owner_unit", "partner", "delegation", "meeting"
    )
    return get_object_or_404(queryset, pk=pk)


def _editable(request, pk: int) -> Support:
    support = _visible(request, pk)
    if not services.can_manage(user=request.user, support=support):
        raise PermissionDenied(_("You can see this record but not change it."))
    return support


@login_required
def support_list(request):
    filterset = SupportFilter(
        request.GET, queryset=selectors.support_list(user=request.user), user=request.user
    )
    records = filterset.qs
    if not request.GET.get("ordering"):
        records = records.order_by("-given_on", "-pk")
    page_obj = paginate(request, records)
    template = "support/_list_results.html" if request.htmx else "support/support_list.html"
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page_obj": page_obj,
            "totals": selectors.support_totals(filterset.qs),
            "can_create": units_for_officer(request.user).exists(),
        },
    )


@login_required
def support_detail(request, pk: int):
    support = _visible(request, pk)
    can_edit = services.can_edit(user=request.user, support=support)
    return render(
        request,
        "support/support_detail.html",
        {
            "support": support,
            "items": support.items.all(),
            "attachments": attachments_of(support),
            "history": record_history(record=support),
            "can_edit": can_edit,
            "can_manage": services.can_manage(user=request.user, support=support),
        },
    )


def _items_from(formset) -> list[dict]:
    return [
        {k: form.cleaned_data.get(k) for k in ("id", *ITEM_FIELDS)}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _item_formset(data, support: Support | None):
    # Posted lines name their items themselves; the stored items only fill an unposted form.
    initial = item_initial(support.items.all()) if support and data is None else None
    return SupportItemFormSet(data, initial=initial, prefix="items")


def _on_top_of(data, current: Support):
    """The posted form moved onto ``current``: its version, and lines whose item is gone become new lines."""
    data = data.copy()
    data["version"] = str(current.version)
    ids = {str(pk) for pk in current.items.values_list("pk", flat=True)}
    for key in [key for key in data if key.startswith("items-") and key.endswith("-id")]:
        if data[key] not in ids:
            data[key] = ""
    return data


def _fields_from(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k not in ("version",)}


@login_required
def support_create(request):
    if not units_for_officer(request.user).exists():
        raise PermissionDenied(_("You do not record support for any unit."))
    form = SupportForm(request.POST or None, user=request.user)
    formset = _item_formset(request.POST or None, None)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = _fields_from(form)
        owner_unit = fields.pop("owner_unit")
        try:
            support = services.support_create(
                by=request.user, owner_unit=owner_unit, items=_items_from(formset), **fields
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Support recorded: %(total)s.") % {"total": _vnd(support.total_vnd)})
            return redirect(support)
    return render(request, "support/support_form.html", {"form": form, "formset": formset, "creating": True})


def _vnd(amount: int) -> str:
    from solidarity.core.templatetags.core_tags import vnd

    return vnd(amount)


@login_required
def support_edit(request, pk: int):
    support = _editable(request, pk)
    if refusal := refuse_if_archived(request, support):
        return refusal
    conflict = None
    form = SupportForm(request.POST or None, instance=support, user=request.user)
    formset = _item_formset(request.POST or None, support)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = services.support_update(
                support=Support.objects.get(pk=pk),
                by=request.user,
                expected_version=form.cleaned_data["version"],
                fields=_fields_from(form),
                items=_items_from(formset),
            )
        except EditConflict as error:
            conflict = error
            data = _on_top_of(request.POST, error.current)
            form = SupportForm(data, instance=error.current, user=request.user)
            formset = _item_formset(data, None)
            form.is_valid()
            formset.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Changes saved. Total: %(total)s.") % {"total": _vnd(saved.total_vnd)}
            )
            return redirect(support)
    return render(
        request,
        "support/support_form.html",
        {"form": form, "formset": formset, "support": support, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def support_archive(request, pk: int):
    support = _visible(request, pk)
    if request.POST.get("restore") == "1":
        services.support_restore(support=support, by=request.user)
        messages.success(request, _("Support record restored."))
    else:
        services.support_archive(support=support, by=request.user)
        messages.success(request, _("Support record archived. It can be restored from the archive."))
    return redirect(support)


@login_required
def delegation_options(request):
    """<option>s of delegations the user can see, for the support form's delegation picker."""
    term = fold(_search_term(request))
    delegations = Delegation.objects.visible_to(request.user).active()
    if term:
        delegations = delegations.filter(search_text__contains=term)
    found = list(delegations.order_by("-start_on", "title").values_list("pk", "title")[: OPTIONS_LIMIT + 1])
    return render(
        request, "core/options.html", {"options": found[:OPTIONS_LIMIT], "more": len(found) > OPTIONS_LIMIT}
    )
