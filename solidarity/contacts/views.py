"""Contacts: list, create and edit from the record kit; a contact is deactivated, not archived."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import may_see_personal
from solidarity.core.forms import parse_id
from solidarity.privacy.access import log_access
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.persons import SENSITIVE_SHOWN, revealed
from solidarity.records.base import can_edit
from solidarity.records.kit import RecordViews, visible_record

from . import services
from .filters import ContactFilter
from .forms import ContactForm
from .models import PERSONAL_FIELDS, SENSITIVE_FIELDS, Contact


class ContactViews(RecordViews):
    model = Contact
    services = services
    related = ("owner_unit", "partner", "unit")
    filterset = ContactFilter
    filter_defaults = {"active": "1"}
    ordering = ("full_name", "pk")

    def get_forms(self, data, contact):
        partner = parse_id(self.request.GET.get("partner"))
        initial = {"partner": partner} if contact is None and partner is not None else {}
        return {"form": ContactForm(data, instance=contact, user=self.user, initial=initial)}

    def edit(self, pk: int):
        response = super().edit(pk)
        if self.request.method == "GET" and response.status_code == 200:
            contact = self.get_object(pk)
            # The form shows the stored sensitive values in full to a grant holder: a view of them.
            if may_see_personal(self.user, contact.owner_unit) and any(
                getattr(contact, name) for name in SENSITIVE_FIELDS
            ):
                log_access(user=self.user, person=contact, action=AccessAction.VIEW, detail=SENSITIVE_SHOWN)
        return response

    def success_message(self, contact, *, created):
        if created:
            return _("Contact %(name)s was added.") % {"name": contact.full_name}
        return super().success_message(contact, created=created)


@login_required
def contact_detail(request, pk: int):
    contact = visible_record(Contact, request.user, pk, *ContactViews.related)
    # Personal data for a holder of the grant; the sensitive values masked until asked for (?show=1).
    personal = revealed(
        user=request.user,
        unit=contact.owner_unit,
        shown=request.GET.get("show") == "1",
        record=contact,
        hidden=PERSONAL_FIELDS,
        sensitive=SENSITIVE_FIELDS,
    )
    shown = personal is not None and any(row["sensitive"] and not row["masked"] for row in personal)
    log_access(
        user=request.user,
        person=contact,
        action=AccessAction.VIEW,
        detail=SENSITIVE_SHOWN if shown else "",
    )
    context = {
        "contact": contact,
        "can_edit": can_edit(request.user, contact),
        "personal": personal,
        "has_masked": personal is not None and any(row["masked"] for row in personal),
        "sensitive_shown": shown,
    }
    return render(request, "contacts/contact_detail.html", context)


@login_required
@require_POST
def contact_set_active(request, pk: int):
    contact = visible_record(Contact, request.user, pk, *ContactViews.related)
    active = request.POST.get("active") == "1"
    services.contact_set_active(contact=contact, by=request.user, active=active)
    messages.success(request, _("Contact reactivated.") if active else _("Contact deactivated."))
    return redirect(contact)
