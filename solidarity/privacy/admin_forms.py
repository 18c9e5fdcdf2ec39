"""Forms of the privacy administration pages: a breach, the retention periods."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, unit_scope_q
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from .models import Breach

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def datetime_field(label, *, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class BreachForm(forms.ModelForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        empty_label=None,
        widget=RemoteSelect("unit_options", query="scope=admin"),
    )
    discovered_at = datetime_field(_("Discovered at"))
    notified_at = datetime_field(_("Authority notified at"), required=False)

    class Meta:
        model = Breach
        fields = [
            "unit",
            "discovered_at",
            "description",
            "data_affected",
            "people_affected",
            "measures",
            "notified_at",
            "notification_ref",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "data_affected": forms.Textarea(attrs={"rows": 2}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["unit"]  # a breach stays with the unit that recorded it
        else:
            self.fields["unit"].queryset = Unit.objects.filter(
                unit_scope_q(by, Role.ADMIN, field="")
            ).in_force()


class RetentionForm(forms.Form):
    months = forms.IntegerField(
        label=_("Keep for (months)"),
        required=False,
        min_value=1,
        max_value=1200,
        help_text=_("Empty: kept until the person asks for deletion."),
    )
