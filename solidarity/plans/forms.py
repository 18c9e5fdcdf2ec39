from __future__ import annotations

import datetime
import re
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.choices import FundingSource
from solidarity.core.forms import DateField, parse_id
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
        return str(item)


def year_of(value) -> int | None:
    """The year of a date as a form holds it (a date, or the text typed: dd/mm/yyyy); None if unreadable."""
    if isinstance(value, datetime.date):
        return value.year
    try:
        day = DateField().to_python(value)
    except ValidationError:
        return None
    return day.year if day else None


class PlanItemSelect(forms.Select):
    """The plan-item picker of a record form (delegation, meeting, agreement, support).

    It offers the items of the approved plan in force (latest approved revision) of the form's owner
    unit for the year of its date (``date_fields``: the first one filled gives the year), of ``kinds``,
    not dropped; and the item the record already points at. When the user changes the unit or the
    date, htmx asks ``plans:item_options`` (the same widget, built from the request) for the new
    <option>s; the chosen item stays chosen while it is still offered.
    """

    def __init__(self, *, user, kinds, date_fields, unit_id=None, year=None, include=None, fixed_unit=False):
        super().__init__()
        self.user, self.kinds, self.date_fields = user, tuple(kinds), tuple(date_fields)
        self.unit_id, self.year, self.include, self.fixed_unit = unit_id, year, include, fixed_unit

    def offer(self) -> list[PlanItem]:
        from .selectors import picker_items

        return picker_items(
            user=self.user, unit_id=self.unit_id, year=self.year, kinds=self.kinds, include=self.include
        )

    def optgroups(self, name, value, attrs=None):
        chosen = {str(v) for v in value if v not in (None, "")}
        items = self.offer() if self.unit_id and (self.year or self.include) else []
        offered = {str(item.pk) for item in items}
        options = [self.create_option(name, "", str(OUTSIDE_PLAN), not (chosen & offered), 0)]
        if not self.year:
            hint = _("Enter the date to see the items of the unit's plan for that year")
            option = self.create_option(name, "", f"({hint})", False, 1)
            option["attrs"]["disabled"] = True  # a hint, not a choice
            options.append(option)
        for index, item in enumerate(items, start=len(options)):
            options.append(self.create_option(name, item.pk, str(item), str(item.pk) in chosen, index))
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if widget_attrs.get("disabled"):
            return context
        query = {"kinds": ",".join(self.kinds), "dates": ",".join(self.date_fields)}
        if self.fixed_unit and self.unit_id:
            query["owner_unit"] = self.unit_id
        if self.include:
            query["include"] = self.include
        watched = ["owner_unit", *self.date_fields]
        widget_attrs.update(
            {
                "hx-get": f"{reverse('plans:item_options')}?{urlencode(query)}",
                "hx-trigger": ", ".join(f"change from:[name={field}]" for field in watched),
                "hx-include": ", ".join(f"[name={field}]" for field in watched),
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "data-plan-item-picker": "",
            }
        )
        return context


OUTSIDE_PLAN = _("— Outside the annual plan —")


def _chosen_unit_id(form) -> int | None:
    if form.instance.pk:
        return form.instance.owner_unit_id
    if "owner_unit" not in form.fields:
        return None
    value = form["owner_unit"].value()
    return parse_id(getattr(value, "pk", value))


def _chosen_year(form, date_fields) -> int | None:
    for name in date_fields:
        if name in form.fields:
            year = year_of(form[name].value())
        else:
            year = year_of(getattr(form.instance, name, None))
        if year:
            return year
    return None


def plan_item_field(form, *, user, kinds, date_fields) -> None:
    """Turn ``form``'s ``plan_item`` into the plan-item picker (``PlanItemSelect``): it offers the items
    of the owner unit's approved plan of the year of the first of ``date_fields`` filled, and reloads
    them when the unit or the date changes. Any kind-compatible item of the current plans of the
    units the user records for is accepted; the service checks the unit and the year on saving (with
    a clearer message than "not one of the choices" for a picker left stale without script)."""
    from .selectors import officer_item_choices

    include = form.instance.plan_item_id if form.instance.pk else None
    field = form.fields["plan_item"]
    form.fields["plan_item"] = PlanItemChoiceField(
        queryset=officer_item_choices(units=units_for_officer(user), kinds=kinds, include=include),
        required=False,
        label=field.label,
        help_text=_(
            "The activity of the owning unit's approved plan of the year that this record carries out. "
            "Left empty: outside the annual plan, and the reason below is required."
        ),
        empty_label=OUTSIDE_PLAN,
        widget=PlanItemSelect(
            user=user,
            kinds=kinds,
            date_fields=date_fields,
            unit_id=_chosen_unit_id(form),
            year=_chosen_year(form, date_fields),
            include=include,
            fixed_unit=bool(form.instance.pk),
        ),
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
