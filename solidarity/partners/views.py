from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import units_for_officer
from solidarity.contacts.models import Contact
from solidarity.core.views import OPTIONS_LIMIT, _search_term, render_options
from solidarity.records.base import EditConflict
from solidarity.records.kit import RecordViews
from solidarity.records.timeline import record_timeline, timeline_cursor

from . import services
from .filters import PartnerFilter
from .forms import PartnerCreateForm, PartnerForm, PartnerLinkForm
from .models import Partner, PartnerLink
from .selectors import partner_fact_changes


class PartnerViews(RecordViews):
    """The shared directory: every signed-in user sees every partner; its units' officers edit it."""

    model = Partner
    services = services
    filterset = PartnerFilter
    filter_defaults = {"active": "1"}
    ordering = ("name", "pk")

    def get_queryset(self):
        # A correlated count, evaluated for the page's rows only (and left out
        # of the paginator's COUNT), never a GROUP BY over the whole directory.
        active_links = (
            PartnerLink.objects.filter(partner=OuterRef("pk"), is_active=True)
            .order_by()
            .values("partner")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Partner.objects.annotate(unit_count=Coalesce(Subquery(active_links), 0))

    def get_object(self, pk):
        return get_object_or_404(Partner, pk=pk)

    def require_edit(self, partner):
        if not services.can_edit_partner(user=self.user, partner=partner):
            raise PermissionDenied

    def get_forms(self, data, partner):
        if partner is None:
            return {"form": PartnerCreateForm(data, user=self.user)}
        return {"form": PartnerForm(data, instance=partner)}

    def service_errors(self, forms, error):
        forms["form"].add_error("name", error)  # a duplicate: the form links to the partner that exists

    def success_message(self, partner, *, created):
        if created:
            return _("Partner %(name)s was added.") % {"name": partner.name}
        return super().success_message(partner, created=created)


DETAIL_LIST_LIMIT = 50


def _render_detail(request, partner: Partner, link_form: PartnerLinkForm | None = None):
    # The directory is shared: any signed-in user sees a partner's public
    # facts and which units work with it; notes and contacts follow the scope.
    # ILO or an embassy may work with thousands of units: cap the lists.
    all_links = PartnerLink.objects.filter(partner=partner, is_active=True)
    own_links = PartnerLink.objects.visible_to(request.user).filter(partner=partner)
    contacts = Contact.objects.visible_to(request.user).filter(partner=partner)
    editable_link_ids = set(
        PartnerLink.objects.editable_by(request.user).filter(partner=partner).values_list("pk", flat=True)
    )
    link_form = link_form or PartnerLinkForm(user=request.user, partner=partner)
    fact_changes = partner_fact_changes(partner=partner)
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "all_links": all_links.select_related("unit").order_by("unit__path")[:DETAIL_LIST_LIMIT],
            "all_links_count": all_links.count(),
            "own_links": own_links.select_related("unit").order_by("unit__path")[:DETAIL_LIST_LIMIT],
            "editable_link_ids": editable_link_ids,
            "contacts": contacts.select_related("owner_unit").order_by("full_name")[:DETAIL_LIST_LIMIT],
            "contacts_count": contacts.count(),
            "list_limit": DETAIL_LIST_LIMIT,
            "can_edit": services.can_edit_partner(user=request.user, partner=partner),
            "can_deactivate": services.can_deactivate_partner(user=request.user, partner=partner),
            "can_add_contact": units_for_officer(request.user).exists(),
            "link_form": link_form if link_form.fields["unit"].queryset.exists() else None,
            "timeline": record_timeline(about=partner, user=request.user, after=timeline_cursor(request)),
            "fact_changes": fact_changes,
            "recent_changes": [c for c in fact_changes if c.is_recent and c.kind != "created"],
            "revertable_ids": services.revertable_changes(user=request.user, changes=fact_changes),
        },
    )


@login_required
def partner_detail(request, pk: int):
    return _render_detail(request, get_object_or_404(Partner, pk=pk))


@login_required
def partner_change_revert(request, pk: int, history_id: int):
    """Confirm, then put back what one change of the shared facts altered."""
    partner = get_object_or_404(Partner, pk=pk)
    change = next((c for c in partner_fact_changes(partner=partner) if c.history_id == history_id), None)
    if change is None or history_id not in services.revertable_changes(user=request.user, changes=[change]):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.partner_change_revert(partner=partner, history_id=history_id, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The change was reverted. The revert is kept in the history."))
        return redirect(partner)
    return render(request, "partners/change_revert.html", {"partner": partner, "change": change})


def _with_version(request, current):
    """The user's input on top of the latest version, to check and save again."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    return data


@login_required
@require_POST
def partner_set_active(request, pk: int):
    partner = get_object_or_404(Partner, pk=pk)
    active = request.POST.get("active") == "1"
    services.partner_set_active(partner=partner, by=request.user, active=active)
    messages.success(request, _("Partner reactivated.") if active else _("Partner deactivated."))
    return redirect(partner)


@login_required
@require_POST
def partner_link_add(request, pk: int):
    partner = get_object_or_404(Partner, pk=pk)
    form = PartnerLinkForm(request.POST, user=request.user, partner=partner)
    if form.is_valid():
        services.partner_link_add(
            partner=partner,
            unit=form.cleaned_data["unit"],
            by=request.user,
            notes=form.cleaned_data["notes"],
            since=form.cleaned_data["since"],
        )
        messages.success(request, _("Your unit now works with this partner."))
        return redirect(partner)
    # Errors are shown next to the fields, with what the user typed.
    return _render_detail(request, partner, link_form=form)


@login_required
def partner_link_edit(request, pk: int):
    link = get_object_or_404(
        PartnerLink.objects.editable_by(request.user).select_related("partner", "unit"), pk=pk
    )

    def link_form(data, instance):
        form = PartnerLinkForm(data, instance=instance, user=request.user, partner=link.partner)
        form.fields["unit"].disabled = True
        form.fields["unit"].queryset = form.fields["unit"].queryset.model.objects.filter(pk=link.unit_id)
        return form

    form = link_form(request.POST or None, link)
    conflict = None
    is_active = forms_bool(request.POST.get("is_active", "1"))
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_link_update(
                link=PartnerLink.objects.get(pk=pk),
                by=request.user,
                expected_version=form.cleaned_data["version"],
                notes=form.cleaned_data["notes"],
                since=form.cleaned_data["since"],
                is_active=is_active,
            )
        except EditConflict as error:
            conflict = error
            form = link_form(_with_version(request, error.current), error.current)
            form.is_valid()
        else:
            messages.success(request, _("Changes saved."))
            return redirect(link.partner)
    return render(
        request,
        "partners/link_form.html",
        {"form": form, "link": link, "conflict": conflict},
        status=409 if conflict else 200,
    )


def forms_bool(value: str | None) -> bool:
    return value in ("1", "true", "on")


@login_required
def partner_options(request):
    """<option>s of active partners matching ?q= (the directory is shared)."""
    partners = Partner.objects.filter(is_active=True).search(_search_term(request))
    found = list(partners.order_by("name").values_list("pk", "name")[: OPTIONS_LIMIT + 1])
    return render_options(request, found)
