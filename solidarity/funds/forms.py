from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import DateField
from solidarity.core.widgets import RemoteSelect
from solidarity.support.forms import VNDField
from solidarity.units.models import Unit

from .choices import Direction, FundUse, IncomeSource
from .models import MAX_BENEFICIARIES, Fund


class FundForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Fund
        fields = ["owner_unit", "name", "purpose", "rules"]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "rules": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        fund = self.instance
        self.fields["owner_unit"].label = _("Unit keeping the fund")
        self.fields["owner_unit"].queryset = units_for_officer(user)
        if fund.pk:
            self.fields["owner_unit"].queryset = Unit.objects.filter(pk=fund.owner_unit_id)
            self.fields["owner_unit"].disabled = True
            self.fields["owner_unit"].help_text = _("The owning unit cannot change after creation.")
            self.fields["version"].required = True
            self.initial["version"] = fund.version
        else:
            self.initial.setdefault("owner_unit", default_unit_for(user))


class EntryForm(forms.Form):
    """One ledger line; the service says which fields each direction needs."""

    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=Direction.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    entry_on = DateField(label=_("Date"))
    amount_vnd = VNDField(label=_("Amount in VND"), help_text=_("Whole đồng, e.g. 15.000.000."))
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[("", "—"), *IncomeSource.choices],
        required=False,
        help_text=_("For income."),
    )
    use = forms.ChoiceField(
        label=_("Use"), choices=[("", "—"), *FundUse.choices], required=False, help_text=_("For spending.")
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)
    beneficiaries = forms.IntegerField(
        label=_("Beneficiaries"),
        min_value=0,
        max_value=MAX_BENEFICIARIES,
        required=False,
        help_text=_("For spending: how many people it reached."),
    )
    voucher = forms.CharField(label=_("Voucher number"), max_length=60, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(
        label=_("File"), required=False, help_text=_("The receipt or voucher: PDF, image, Word or Excel.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("entry_on", timezone.localdate())

    def clean_amount_vnd(self):
        amount = self.cleaned_data.get("amount_vnd")
        if amount is None:
            raise forms.ValidationError(_("Give the amount in đồng."))
        return amount


class ReverseForm(forms.Form):
    entry_on = DateField(label=_("Date of the reversal"))
    note = forms.CharField(label=_("Why is the entry reversed?"), widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(
        label=_("File"), required=False, help_text=_("The document behind the reversal, if any.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("entry_on", timezone.localdate())


class CloseForm(forms.Form):
    closed_through = DateField(label=_("Close the books through"))


class SummaryForm(forms.Form):
    """The period summary's unit (with everything under it) and its first and last days."""

    unit = forms.ModelChoiceField(
        label=_("Unit and units below"), queryset=Unit.objects.none(), widget=RemoteSelect("unit_options")
    )
    start = DateField(label=_("From"))
    end = DateField(label=_("To"))

    def __init__(self, data, *, units, initial):
        super().__init__(data, initial=initial)
        self.fields["unit"].queryset = units
