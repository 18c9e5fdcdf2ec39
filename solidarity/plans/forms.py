from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.choices import FundingSource
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.selectors import partner_choices_for

from .models import MAX_VND, MAX_YEAR, MIN_YEAR, Plan, PlanItem


class VNDAmountField(forms.IntegerField):
    """Whole đồng, typed with or without the thousands' dots: "50.000.000" or "50000000"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=MAX_VND, required=False, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("₫", "").replace("đ", "").strip()
            if re.fullmatch(r"\d{1,3}([.,\s]\d{3})+", value):
                value = re.sub(r"\D", "", value)
        return super().to_python(value)

    def prepare_value(self, value):
        return f"{value:,}".replace(",", ".") if isinstance(value, int) else value


def amount_fields(prefix: str, label) -> dict[str, forms.Field]:
    """One amount field per funding source: ``<prefix>_<source>``."""
    return {
        f"{prefix}_{source}": VNDAmountField(label=label % {"source": name})
        for source, name in FundingSource.choices
    }


def amounts_from(cleaned: dict, prefix: str) -> dict[str, int]:
    return {source: cleaned.get(f"{prefix}_{source}") for source in FundingSource.values}


class PlanForm(forms.ModelForm):
    """Start a plan (unit, year) or change its note."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)

    class Meta:
        model = Plan
        fields = ["owner_unit", "year", "note"]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.version
            # The unit and year say which plan it is: fixed once it exists.
            del self.fields["owner_unit"], self.fields["year"]
        else:
            del self.fields["version"]
            self.fields["owner_unit"].queryset = units_for_officer(user)
            self.fields["owner_unit"].initial = default_unit_for(user)
            self.fields["year"].initial = timezone.localdate().year + 1


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["kind", "title", "purpose", "countries", "partner", "quarter", "people"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "countries": forms.SelectMultiple(attrs={"size": 5}),
        }
        help_texts = {"countries": _("Hold Ctrl (or tap on a phone) to choose several.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, prefix="item", **kwargs)
        include = [self.instance.partner_id] if self.instance.partner_id else []
        self.fields["partner"].queryset = partner_choices_for(user=user, include=include)
        self.fields.update(amount_fields("cost", _("Estimated cost, %(source)s (VND)")))
        if self.instance.pk and not self.is_bound:
            for cost in self.instance.costs.all():
                self.initial[f"cost_{cost.source}"] = cost.amount_vnd

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        return fields | {"costs": amounts_from(self.cleaned_data, "cost")}


class BudgetForm(forms.Form):
    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, prefix="budget", **kwargs)
        self.fields.update(amount_fields("amount", _("Budget, %(source)s (VND)")))
        if not self.is_bound:
            for line in plan.budget_lines.all():
                self.initial[f"amount_{line.source}"] = line.amount_vnd

    def amounts(self) -> dict[str, int]:
        return amounts_from(self.cleaned_data, "amount")


class ActionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DropForm(forms.Form):
    reason = forms.CharField(label=_("Why it is dropped"), widget=forms.Textarea(attrs={"rows": 2}))


class PlanVsActualForm(forms.Form):
    """The unit and year of the plan vs actual page."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, widget=RemoteSelect("unit_options"))
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)


class PlanItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        plan = item.plan
        return f"{plan.year} · {plan.owner_unit.display_name} · Q{item.quarter} · {item.title}"


def plan_item_field(form, *, user, kinds, unit=None) -> None:
    """Turn ``form``'s ``plan_item`` into a picker of the items of the current approved plans of the
    units the user records for (kind-compatible, not dropped), keeping the record's own item."""
    from .selectors import officer_item_choices

    include = form.instance.plan_item_id if form.instance.pk else None
    units = [unit] if unit is not None else units_for_officer(user)
    field = form.fields["plan_item"]
    form.fields["plan_item"] = PlanItemChoiceField(
        queryset=officer_item_choices(units=units, kinds=kinds, include=include),
        required=False,
        label=field.label,
        help_text=_(
            "The activity of the owning unit's approved plan of the year that this record carries out. "
            "Left empty: outside the annual plan, and the reason below is required."
        ),
        empty_label=_("— Outside the annual plan —"),
    )


def recorded_before_plans(record) -> bool:
    """A record saved before plans existed: no plan item, no reason, and not marked outside the plan."""
    return bool(
        record.pk
        and record.plan_item_id is None
        and not record.out_of_plan_reason
        and getattr(record, "in_plan", True)
    )


def require_item_or_reason(form, cleaned: dict) -> None:
    """No plan item: outside the annual plan, and the reason is required (unless the workflow
    froze both fields: what the leaders approved stays as it was)."""
    if all(form.fields[name].disabled for name in ("plan_item", "out_of_plan_reason")):
        return
    if cleaned.get("plan_item") is None and recorded_before_plans(form.instance):
        return  # saved again as it was recorded: it keeps what it said
    if cleaned.get("plan_item") is None and not (cleaned.get("out_of_plan_reason") or "").strip():
        form.add_error(
            "out_of_plan_reason",
            _(
                "Pick the plan item it carries out, or give the reason for an activity "
                "outside the annual plan."
            ),
        )
