from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import DateField, DateInput
from solidarity.core.widgets import RemoteSelect
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.partners.models import Partner
from solidarity.support.models import Support
from solidarity.units.models import Unit

from .models import Disbursement, DonorReport, Project

CURRENCIES = [
    "VND",
    "USD",
    "EUR",
    "AUD",
    "CHF",
    "GBP",
    "JPY",
    "KRW",
    "CNY",
    "SEK",
    "NOK",
    "DKK",
    "LAK",
    "THB",
]

RATE_HELP = _("Đồng for one unit of the foreign currency, e.g. 25400 for USD. Empty for VND.")


def _currency_choices(current: str | None) -> list[tuple[str, str]]:
    codes = CURRENCIES + ([current] if current and current not in CURRENCIES else [])
    return [(code, code) for code in codes]


def _plain(value):
    """24300, not 24300.0000, in a box the user edits."""
    return format(value.normalize(), "f") if value is not None else None


class ProjectForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    currency = forms.ChoiceField(label=_("Budget currency"))

    class Meta:
        model = Project
        fields = [
            "owner_unit",
            "title",
            "donor",
            "partner",
            "objectives",
            "start_on",
            "end_on",
            "status",
            "currency",
            "budget_amount",
            "budget_rate",
        ]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "donor": RemoteSelect("partner_options"),
            "partner": RemoteSelect("partner_options"),
            "start_on": DateInput(),
            "end_on": DateInput(),
            "objectives": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "donor": _("The foreign organisation that funds the project: ILO, a union centre, an NGO…"),
            "partner": _("Optional: another organisation carrying out the project with us."),
            "budget_rate": RATE_HELP,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance
        self.fields["owner_unit"].label = _("Our unit")
        self.fields["owner_unit"].queryset = units_for_officer(user)
        self.fields["currency"].choices = _currency_choices(project.currency if project.pk else None)
        active = Partner.objects.filter(is_active=True)
        for name in ("donor", "partner"):
            chosen = getattr(project, f"{name}_id", None)
            self.fields[name].queryset = (Partner.objects.filter(pk=chosen) | active) if chosen else active
        if project.pk:
            # The owner is fixed after creation, as on every record: it decides who sees the project.
            self.fields["owner_unit"].queryset = Unit.objects.filter(pk=project.owner_unit_id)
            self.fields["owner_unit"].disabled = True
            self.fields["owner_unit"].help_text = _("The owning unit cannot change after creation.")
            self.fields["version"].required = True
            self.initial["version"] = project.version
            self.initial["budget_amount"] = _plain(project.budget_amount)
            self.initial["budget_rate"] = _plain(project.budget_rate)
        else:
            self.initial.setdefault("owner_unit", default_unit_for(user))
            self.initial.setdefault("currency", "USD")


class DisbursementForm(forms.ModelForm):
    currency = forms.ChoiceField(label=_("Currency"))

    class Meta:
        model = Disbursement
        fields = ["received_on", "currency", "amount", "rate", "note"]
        widgets = {"received_on": DateInput()}
        help_texts = {"rate": RATE_HELP}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, prefix="money", **kwargs)
        self.fields["currency"].choices = _currency_choices(project.currency)
        self.initial.setdefault("currency", project.currency)
        if project.budget_rate:
            self.initial.setdefault("rate", _plain(project.budget_rate))


class DonorReportForm(forms.ModelForm):
    class Meta:
        model = DonorReport
        fields = ["title", "due_on"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="report", **kwargs)
        self.fields["title"].widget.attrs["placeholder"] = _("e.g. Six-month narrative and financial report")


class DisbursementReverseForm(forms.Form):
    """Cancel money entered by mistake: the reversal's date and why."""

    received_on = DateField(label=_("Date of the reversal"))
    note = forms.CharField(label=_("Why is the entry reversed?"), max_length=300)


class ReportSubmittedForm(forms.Form):
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DateInput())


class LinkForm(forms.Form):
    """One activity the project carried out: a meeting, a delegation or a support record the user sees."""

    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        widget=RemoteSelect("meetings:options"),
    )
    delegation = forms.ModelChoiceField(
        label=_("Delegation"),
        queryset=Delegation.objects.none(),
        required=False,
        widget=RemoteSelect("support:delegation_options"),
    )
    support = forms.ModelChoiceField(
        label=_("Support"),
        queryset=Support.objects.none(),
        required=False,
        widget=RemoteSelect("sponsorship:support_options"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, prefix="link", **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.visible_to(user).active()
        self.fields["delegation"].queryset = Delegation.objects.visible_to(user).active()
        self.fields["support"].queryset = Support.objects.visible_to(user).active().select_related("partner")

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned[name] for name in ("meeting", "delegation", "support") if cleaned.get(name)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Pick one meeting, delegation or support record to link."))
        cleaned["record"] = chosen[0]
        return cleaned
