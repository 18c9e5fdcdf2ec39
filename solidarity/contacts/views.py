from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import units_for_officer
from solidarity.core.forms import parse_id
from solidarity.core.views import paginate
from solidarity.records.base import EditConflict

from . import services
from .filters import ContactFilter
from .forms import ContactForm
from .models import Contact


def _visible(user):
    return Contact.objects.visible_to(user).select_related("owner_unit", "partner", "unit")


@login_required
def contact_list(request):
    data = request.GET.copy()
    data.setdefault("active", "1")
    filterset = ContactFilter(data, queryset=_visible(request.user), request=request, user=request.user)
    contacts = filterset.qs if data.get("ordering") else filterset.qs.order_by("full_name", "pk")
    page_obj = paginate(request, contacts)
    template = "contacts/_list_results.html" if request.htmx else "contacts/contact_list.html"
    return render(
        request,
        template,
        {"filter": filterset, "page_obj": page_obj, "can_create": units_for_officer(request.user).exists()},
    )


@login_required
def contact_detail(request, pk: int):
    # Outside the scope a contact does not exist: 404, never 403.
    contact = get_object_or_404(_visible(request.user), pk=pk)
    can_edit = Contact.objects.editable_by(request.user).filter(pk=pk).exists()
    return render(request, "contacts/contact_detail.html", {"contact": contact, "can_edit": can_edit})


@login_required
def contact_create(request):
    initial = {}
    if (partner := parse_id(request.GET.get("partner"))) is not None:
        initial["partner"] = partner
    form = ContactForm(request.POST or None, user=request.user, initial=initial)
    if not form.fields["owner_unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        owner_unit = fields.pop("owner_unit")
        try:
            contact = services.contact_create(by=request.user, owner_unit=owner_unit, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Contact %(name)s was added.") % {"name": contact.full_name})
            return redirect(contact)
    return render(request, "contacts/contact_form.html", {"form": form, "creating": True})


@login_required
def contact_edit(request, pk: int):
    contact = get_object_or_404(_visible(request.user), pk=pk)
    if not Contact.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("owner_unit", "version")}
        try:
            services.contact_update(
                contact=Contact.objects.get(pk=pk),
                by=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            )
        except EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = str(error.current.version)
            form = ContactForm(data, instance=error.current, user=request.user)
            form.is_valid()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(contact)
    return render(
        request,
        "contacts/contact_form.html",
        {"form": form, "contact": contact, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def contact_set_active(request, pk: int):
    contact = get_object_or_404(_visible(request.user), pk=pk)
    active = request.POST.get("active") == "1"
    services.contact_set_active(contact=contact, by=request.user, active=active)
    messages.success(request, _("Contact reactivated.") if active else _("Contact deactivated."))
    return redirect(contact)
