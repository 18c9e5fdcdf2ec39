from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, may_see_personal, unit_scope_q, units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.agreements.models import Agreement
from solidarity.core.forms import DateInput
from solidarity.core.widgets import CheckboxList, RemoteSelect
from solidarity.partners.selectors import partner_choices_for
from solidarity.plans.forms import plan_item_field, require_item_or_reason
from solidarity.privacy.persons import personal_inputs, refuse_personal_inputs
from solidarity.staff.models import Officer
from solidarity.units.models import Unit

from .choices import Direction
from .models import (
    CURRENCY_CODE,
    MAX_VND,
    MEMBER_PERSONAL_FIELDS,
    MEMBER_SENSITIVE_FIELDS,
    Cost,
    Delegation,
    Member,
    ProgrammeItem,
)
from .services import PLAN_ITEM_KINDS

ALL_PLAN_KINDS = tuple(kind for kinds in PLAN_ITEM_KINDS.values() for kind in kinds)


class DelegationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Delegation
        fields = [
            "owner_unit",
            "direction",
            "title",
            "purpose",
            "partners",
            "countries",
            "cities",
            "start_on",
            "end_on",
            "agreement",
            "planned_count",
            "plan_item",
            "out_of_plan_reason",
        ]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "partners": CheckboxList(),
            # django-countries' own form field: it preselects the stored
            # countries (a plain MultipleChoiceField did not, and every edit wiped them).
            "countries": forms.SelectMultiple(attrs={"size": 6}),
            "start_on": DateInput(),
            "end_on": DateInput(),
            "out_of_plan_reason": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"title": _("Name of the delegation"), "countries": _("Countries")}
        help_texts = {"countries": _("Hold Ctrl (or tap on a phone) to choose several.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # A list of boxes under its own label, not a single checkbox beside one.
        self.fields["partners"].widget.input_type = "checkbox_list"
        if self.instance.pk:
            self.initial["version"] = self.instance.version
            # The owner decides who approves: it is fixed once the delegation exists.
            del self.fields["owner_unit"]
            current_partners = list(self.instance.partners.values_list("pk", flat=True))
        else:
            del self.fields["version"]
            self.fields["owner_unit"].queryset = units_for_officer(user)
            self.fields["owner_unit"].initial = default_unit_for(user)
            self.fields["direction"].initial = Direction.OUTGOING
            current_partners = []
        self.fields["partners"].queryset = partner_choices_for(user=user, include=current_partners)
        self.fields["partners"].help_text = _(
            "Partners your units work with. Add another one from its page in the partner directory."
        )
        agreements = Agreement.objects.visible_to(user).active()
        if self.instance.agreement_id:
            agreements = agreements | Agreement.objects.filter(pk=self.instance.agreement_id)
        self.fields["agreement"].queryset = agreements.order_by("-signed_on", "title")
        plan_item_field(self, user=user, kinds=ALL_PLAN_KINDS, date_fields=("start_on",))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_on"), cleaned.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("The end date is before the start date."))
        require_item_or_reason(self, cleaned)
        return cleaned

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("owner_unit", "partners", "version")}


OFFICER_REFUSED = _("You cannot see this officer: choose one from the registers of your units.")


class MemberForm(forms.ModelForm):
    """A person of the delegation. Outgoing: one of our officers may be picked from the registers
    the user sees (typed to search, among the chosen unit's and its lower units'); their name, unit
    and position then fill what is left empty."""

    class Meta:
        model = Member
        fields = ["officer", "full_name", "unit", "organisation", "title", "role", "is_key_leader"]
        widgets = {
            "unit": RemoteSelect("unit_options"),
            "officer": RemoteSelect(
                "staff:officer_options", query="unit_from=member-unit", include="[name=member-unit]"
            ),
        }
        error_messages = {"officer": {"invalid_choice": OFFICER_REFUSED}}

    def __init__(self, *args, user, delegation: Delegation, **kwargs):
        super().__init__(*args, prefix="member", **kwargs)
        if delegation.direction == Direction.OUTGOING:
            del self.fields["organisation"]
            self.fields["unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))
            self.fields["unit"].initial = delegation.owner_unit_id
            officer = self.fields["officer"]
            officer.queryset = Officer.objects.visible_to(user).active().select_related("owner_unit")
            officer.label_from_instance = lambda o: f"{o.full_name} · {o.owner_unit.short_name}"
            officer.help_text = _(
                "Type to search the officers of the chosen unit. Their name, unit and position "
                "fill what you leave empty; the travel rules then count the person once across units."
            )
            self.fields["full_name"].required = False
        else:
            del self.fields["officer"]
            del self.fields["unit"]
            del self.fields["is_key_leader"]
        add_personal_fields(self, user=user, delegation=delegation)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("full_name") or "").strip() and not cleaned.get("officer"):
            if "officer" not in self.errors:
                self.add_error("full_name", _("Enter the person's name, or choose the officer."))
        refuse_personal_inputs(self)
        return cleaned


# -- a member's personal data (Decree 356/2025/NĐ-CP) ---------------------------------------------
# Kept apart from the member's other fields: the inputs are there only for a holder of the
# personal-data grant on the delegation's unit; anyone else's form has none, and a submission
# carrying them is refused (``privacy.persons``).


def add_personal_fields(form, *, user, delegation: Delegation) -> bool:
    """Add the member's personal inputs to ``form`` for a grant holder; without the grant, none."""
    for name in MEMBER_PERSONAL_FIELDS:
        field = Member._meta.get_field(name)
        form.fields[name] = field.formfield(required=False)
    form.fields["date_of_birth"].widget = DateInput()
    form.fields["health_notes"].widget = forms.Textarea(attrs={"rows": 2})
    for name in MEMBER_SENSITIVE_FIELDS:
        form.fields[name].widget.attrs["autocomplete"] = "off"
    form.shows_personal = personal_inputs(
        form, allowed=may_see_personal(user, delegation.owner_unit), names=MEMBER_PERSONAL_FIELDS
    )
    return form.shows_personal


class MemberPersonalForm(forms.ModelForm):
    """A member's personal data alone: the grant holder's form, open after approval too (visas)."""

    class Meta:
        model = Member
        fields = list(MEMBER_PERSONAL_FIELDS)
        widgets = {"date_of_birth": DateInput(), "health_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="personal", **kwargs)
        for name in MEMBER_SENSITIVE_FIELDS:
            self.fields[name].widget.attrs["autocomplete"] = "off"


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["day", "place", "activity"]
        widgets = {"day": DateInput(), "activity": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, delegation: Delegation, **kwargs):
        super().__init__(*args, prefix="programme", **kwargs)
        self.delegation = delegation
        self.fields["day"].help_text = _("Between %(start)s and %(end)s.") % {
            "start": delegation.start_on.strftime("%d/%m/%Y"),
            "end": delegation.end_on.strftime("%d/%m/%Y"),
        }

    def clean_day(self):
        day = self.cleaned_data["day"]
        if not self.delegation.start_on <= day <= self.delegation.end_on:
            raise forms.ValidationError(
                _("The date must lie within the delegation's dates (%(start)s – %(end)s)."),
                params={
                    "start": self.delegation.start_on.strftime("%d/%m/%Y"),
                    "end": self.delegation.end_on.strftime("%d/%m/%Y"),
                },
            )
        return day


class CostForm(forms.ModelForm):
    currency = forms.CharField(
        label=_("currency"),
        max_length=3,
        required=False,
        initial="VND",
        widget=forms.TextInput(attrs={"maxlength": 3, "class": "text-uppercase"}),
        help_text=_("Three-letter ISO code: VND, USD, EUR, LAK…"),
    )
    amount_vnd = forms.IntegerField(
        label=_("value in VND"),
        min_value=0,
        max_value=MAX_VND,
        required=False,
        help_text=_("Whole đồng. Left empty for a VND amount."),
    )

    class Meta:
        model = Cost
        fields = ["kind", "source", "description", "currency", "amount", "amount_vnd"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="cost", **kwargs)

    def clean_currency(self):
        # Typed in any case ("usd"), stored upper-case; anything but three letters is refused.
        currency = (self.cleaned_data.get("currency") or "VND").strip().upper()
        CURRENCY_CODE(currency)
        return currency

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency")
        if currency and currency != "VND" and cleaned.get("amount_vnd") is None:
            self.add_error("amount_vnd", _("Enter the value in VND."))
        return cleaned


class ActionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(ActionForm):
    report_text = forms.CharField(
        label=_("Post-trip report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was done, the results, and what follows."),
    )
    file = forms.FileField(label=_("Attach the report or photos (optional)"), required=False)
