from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import DateInput
from solidarity.core.widgets import RemoteSelect
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.partners.models import Partner
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.forms import plan_item_field, require_item_or_reason
from solidarity.units.models import Unit

from .choices import SupportDirection
from .models import MAX_QUANTITY, MAX_VND, Support, SupportItem
from .services import ITEM_FIELDS, compute_total, too_large_error, whole_dong_error

CURRENCIES = ["VND", "USD", "EUR", "LAK", "KHR", "CNY", "THB", "JPY", "KRW", "AUD", "GBP", "SGD"]
_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


class VNDField(forms.CharField):
    """Whole đồng, typed the Vietnamese way or not: "50.000.000", "50,000,000", "50 000 000", "50000000"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip().replace("₫", "").replace("đ", "").strip()
        if not value:
            return None
        if value.startswith("-"):
            raise forms.ValidationError(_("An amount cannot be negative."), code="negative")
        if value.isascii() and value.isdigit():  # "²" is a digit to isdigit(), not to int()
            return self._bounded(int(value))
        if _GROUPED.match(value):
            return self._bounded(int(re.sub(r"\D", "", value)))
        if re.match(r"^[\d.,\s]+$", value):
            # Anything else with a separator is a fraction: 1.5, 1500,50, 12.34.
            raise forms.ValidationError(whole_dong_error(), code="decimal")
        raise forms.ValidationError(_("Type the amount in digits, e.g. 50.000.000."), code="invalid")

    @staticmethod
    def _bounded(value: int) -> int:
        if value > MAX_VND:
            raise forms.ValidationError(too_large_error(), code="max_value")
        return value

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


class SupportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    currency = forms.ChoiceField(label=_("Original currency"), choices=[(c, c) for c in CURRENCIES])
    total_vnd = VNDField(
        label=_("Total in VND"),
        required=False,
        help_text=_("Whole đồng. Computed for you from the items, or from amount × rate."),
    )

    class Meta:
        model = Support
        fields = [
            "owner_unit",
            "direction",
            "partner",
            "given_on",
            "form",
            "description",
            "funding_source",
            "currency",
            "amount_original",
            "exchange_rate",
            "total_vnd",
            "delegation",
            "meeting",
            "plan_item",
            "out_of_plan_reason",
        ]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "partner": RemoteSelect("partner_options"),
            "delegation": RemoteSelect("support:delegation_options"),
            "meeting": RemoteSelect("meetings:options"),
            "given_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
            "out_of_plan_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "amount_original": _("Only for a foreign currency."),
            "exchange_rate": _("Đồng for one unit of the foreign currency, e.g. 25400 for USD."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        support = self.instance
        self.fields["owner_unit"].label = _("Our unit")
        self.fields["owner_unit"].queryset = units_for_officer(user)
        partner_q = Partner.objects.filter(is_active=True)
        if support.pk:
            partner_q = Partner.objects.filter(pk=support.partner_id) | partner_q
        self.fields["partner"].queryset = partner_q
        # Links made by a level above stay, even if this editor cannot open what they point at.
        delegations, meetings = Delegation.objects.visible_to(user), Meeting.objects.visible_to(user)
        if support.delegation_id:
            delegations = delegations | Delegation.objects.filter(pk=support.delegation_id)
        if support.meeting_id:
            meetings = meetings | Meeting.objects.filter(pk=support.meeting_id)
        self.fields["delegation"].queryset = delegations
        self.fields["meeting"].queryset = meetings
        plan_item_field(self, user=user, kinds=(PlanItemKind.SUPPORT,), date_fields=("given_on",))
        if support.pk:
            # The owner is fixed after creation, as on every record: it decides who sees the record.
            self.fields["owner_unit"].queryset = Unit.objects.filter(pk=support.owner_unit_id)
            self.fields["owner_unit"].disabled = True
            self.fields["owner_unit"].help_text = _("The owning unit cannot change after creation.")
            # Editing: the version the user opened is required, never guessed.
            self.fields["version"].required = True
            self.initial["version"] = support.version
            for name in ("amount_original", "exchange_rate"):
                value = getattr(support, name)
                if value is not None:  # 24300, not 24300.0000
                    self.initial[name] = format(value.normalize(), "f")
            if support.currency not in CURRENCIES:
                self.fields["currency"].choices += [(support.currency, support.currency)]
        else:
            self.initial.setdefault("owner_unit", default_unit_for(user))
            self.initial.setdefault("currency", "VND")

    def clean(self):
        # The service checks the money again with the items; this shows the
        # missing amount or rate together with the other errors.
        cleaned = super().clean()
        currency = cleaned.get("currency") or "VND"
        if currency != "VND":
            for name in ("amount_original", "exchange_rate"):
                if cleaned.get(name) in (None, "") and name not in self.errors:
                    _money, errors = compute_total(
                        currency=currency,
                        amount_original=cleaned.get("amount_original"),
                        exchange_rate=cleaned.get("exchange_rate"),
                        items=[],
                        total_vnd=None,
                    )
                    self.add_error(name, errors[name])
        if cleaned.get("direction") == SupportDirection.GIVEN:  # support received is planned by nobody
            require_item_or_reason(self, cleaned)
        return cleaned


class SupportItemForm(forms.ModelForm):
    """One item line; ``id`` names the stored item it edits (empty for a new line)."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    value_vnd = VNDField(label=_("Total value in VND"))
    quantity = forms.IntegerField(label=_("quantity"), min_value=1, max_value=MAX_QUANTITY, initial=1)

    class Meta:
        model = SupportItem
        fields = ["description", "quantity", "value_vnd"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The table's headers are hidden on phones: placeholders name the boxes there.
        self.fields["description"].widget.attrs["placeholder"] = _("Item, e.g. 3 laptops")
        self.fields["quantity"].widget.attrs["placeholder"] = _("Quantity")
        self.fields["value_vnd"].widget.attrs["placeholder"] = _("Total value in VND")


# A plain formset, not an inline model formset: whether a posted line's item
# still exists is the service's question (after the version check), so a stale
# form gets the edit conflict instead of a silently invalid hidden field.
SupportItemFormSet = forms.formset_factory(
    SupportItemForm, extra=3, can_delete=True, max_num=200, validate_max=True
)


def item_initial(items) -> list[dict]:
    """The formset's lines for stored items, each naming its item."""
    return [{"id": item.pk, **{name: getattr(item, name) for name in ITEM_FIELDS}} for item in items]
