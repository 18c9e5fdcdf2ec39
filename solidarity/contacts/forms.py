from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import (
    Role,
    may_see_personal,
    personal_scope_q,
    unit_scope_q,
    units_for_officer,
)
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import add_version_field
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.models import Partner
from solidarity.privacy.persons import personal_inputs, refuse_personal_inputs
from solidarity.units.models import Unit

from .models import PERSONAL_FIELDS, Contact


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "owner_unit",
            "full_name",
            "title",
            "partner",
            "unit",
            "organisation",
            "languages",
            "email",
            "phone",
            "notes",
            "union_membership",
            "id_document_number",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "partner": RemoteSelect("partner_options"),
            "unit": RemoteSelect("unit_options"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units_for_officer(user)
        if not self.instance.pk and not self.initial.get("owner_unit"):
            self.initial["owner_unit"] = default_unit_for(user)
        # Only active partners are offered, but the stored ones stay: a form that
        # cannot show its own value saves it as empty.
        partners = Partner.objects.filter(is_active=True)
        units = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))
        if self.instance.partner_id:
            partners = partners | Partner.objects.filter(pk=self.instance.partner_id)
        if self.instance.unit_id:
            units = units | Unit.objects.filter(pk=self.instance.unit_id)
        self.fields["partner"].queryset = partners
        # A contact may work at any unit we can see, not only where we edit.
        self.fields["unit"].queryset = units
        add_version_field(self)
        if self.instance.pk:
            # Ownership does not move: the recording unit keeps its contact.
            self.fields["owner_unit"].disabled = True
            self.fields["owner_unit"].queryset = Unit.objects.filter(pk=self.instance.owner_unit_id)
        # Personal data: inputs only for a holder of the personal-data grant on the contact's unit
        # (a new contact: on one of the units they record for; the service checks the one chosen).
        if self.instance.pk:
            allowed = may_see_personal(user, self.instance.owner_unit)
        else:
            allowed = units_for_officer(user).filter(personal_scope_q(user, field="")).exists()
        self.shows_personal = personal_inputs(self, allowed=allowed, names=PERSONAL_FIELDS)
        for name in ("union_membership", "id_document_number"):
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean(self):
        cleaned = super().clean()
        chosen = [
            bool(cleaned.get("partner")),
            bool(cleaned.get("unit")),
            bool((cleaned.get("organisation") or "").strip()),
        ]
        if sum(chosen) > 1:
            raise forms.ValidationError(
                _("Choose only one organisation: a partner, one of our units, or another one.")
            )
        refuse_personal_inputs(self)
        return cleaned
