from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import DateField, DateInput
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.models import Partner
from solidarity.units.models import Unit

from .models import PERSONAL_FIELDS, SENSITIVE_FIELDS, MigrantCase
from .services import FACT_FIELDS


class MigrantCaseForm(forms.ModelForm):
    """The case's facts for everyone who records cases; the person's details only with ``personal``.

    Without the grant the form has no personal field at all: nothing to see, nothing to overwrite.
    The sensitive fields never show their stored value: blank keeps it, a new value replaces it.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = MigrantCase
        fields = ["owner_unit", *FACT_FIELDS, *PERSONAL_FIELDS]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "partner": RemoteSelect("partner_options"),
            "opened_on": DateInput(),
            "closed_on": DateInput(),
            "support_given": forms.Textarea(attrs={"rows": 3}),
            "situation_details": forms.Textarea(attrs={"rows": 3}),
            "health_notes": forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
            "id_number": forms.TextInput(attrs={"autocomplete": "off"}),
            "passport_number": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, user, personal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.personal = personal
        record = self.instance
        self.fields["owner_unit"].label = _("Unit")
        self.fields["owner_unit"].queryset = units_for_officer(user)
        if record.pk:
            self.fields["owner_unit"].queryset = Unit.objects.filter(pk=record.owner_unit_id)
            self.fields["owner_unit"].disabled = True
            self.fields["owner_unit"].help_text = _("The owning unit cannot change after creation.")
            self.fields["version"].required = True
            self.initial["version"] = record.version
        else:
            self.initial.setdefault("owner_unit", default_unit_for(user))
        partners = Partner.objects.filter(is_active=True)
        if record.partner_id:
            partners = partners | Partner.objects.filter(pk=record.partner_id)
        self.fields["partner"].queryset = partners
        if not personal:
            for name in PERSONAL_FIELDS:
                del self.fields[name]
            return
        self.fields["full_name"].required = True
        for name in SENSITIVE_FIELDS:
            self.initial[name] = ""
            self.fields[name].required = False
            if record.pk and getattr(record, name):
                self.fields[name].help_text = _(
                    "Stored. Leave blank to keep it; type a new value to replace it."
                )

    def case_fields(self) -> dict:
        """What the service is given: no sensitive field left blank (it keeps the stored value)."""
        fields = {name: value for name, value in self.cleaned_data.items() if name != "version"}
        for name in SENSITIVE_FIELDS:
            if name in fields and not fields[name] and self.instance.pk:
                del fields[name]
        return fields


class FollowUpForm(forms.Form):
    done_on = DateField(label=_("Date"))
    note = forms.CharField(label=_("Action or note"), widget=forms.Textarea(attrs={"rows": 2}))
    done_by = forms.CharField(label=_("By whom"), max_length=200, required=False)
