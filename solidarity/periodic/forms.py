from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PeriodicReport


class PeriodicReportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = PeriodicReport
        fields = [
            "results",
            "difficulties",
            "proposals",
            "signer_authority",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "results": forms.Textarea(attrs={"rows": 8}),
            "difficulties": forms.Textarea(attrs={"rows": 6}),
            "proposals": forms.Textarea(attrs={"rows": 6}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "results": _("What the unit and its units achieved in foreign affairs during the period."),
            "proposals": _("What you ask of the level above: fund rules, training, delegation rules..."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class ActionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
