from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import DateInput, add_version_field
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from .models import Partner, PartnerLink
from .services import duplicate_error, partner_find_duplicate


class PartnerForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = ["name", "name_original", "short_name", "kind", "country", "address", "website"]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_version_field(self)

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name:
            existing = partner_find_duplicate(
                name=name, country=cleaned.get("country") or "", exclude_pk=self.instance.pk
            )
            if existing:
                self.add_error("name", duplicate_error(existing))
        return cleaned

    def validate_unique(self):
        # Uniqueness on the folded name is checked in clean() with a helpful link.
        pass


class PartnerCreateForm(PartnerForm):
    unit = forms.ModelChoiceField(
        label=_("Our unit working with this partner"),
        queryset=Unit.objects.none(),
        widget=RemoteSelect("unit_options", query="scope=edit"),
    )
    notes = forms.CharField(
        label=_("Our unit's notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta(PartnerForm.Meta):
        fields = [*PartnerForm.Meta.fields]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_officer(user)
        self.fields["unit"].initial = default_unit_for(user)


class PartnerLinkForm(forms.ModelForm):
    class Meta:
        model = PartnerLink
        fields = ["unit", "since", "notes"]
        widgets = {
            "since": DateInput(),
            "unit": RemoteSelect("unit_options", query="scope=edit"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["unit"].queryset = units_for_officer(user).exclude(partner_links__partner=partner)
        if not self.instance.pk:
            self.initial["unit"] = default_unit_for(user)
        add_version_field(self)

    def validate_unique(self):
        pass
