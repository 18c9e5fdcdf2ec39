from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_visible_to
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from .selectors import EVENT_KINDS


class CalendarFilterForm(forms.Form):
    """The calendar's filters: a unit (and the units below it) among those the user sees, and kinds."""

    unit = forms.ModelChoiceField(
        label=_("Unit and units below"),
        queryset=Unit.objects.none(),
        required=False,
        widget=RemoteSelect("unit_options"),
    )
    kind = forms.MultipleChoiceField(
        label=_("Show"),
        choices=EVENT_KINDS,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = units_visible_to(user)

    def chosen(self) -> tuple[list, list[str]]:
        """(units, kinds) from the valid fields; a field with a wrong value filters nothing."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        unit = data.get("unit")
        return ([unit] if unit else []), list(data.get("kind") or [])
