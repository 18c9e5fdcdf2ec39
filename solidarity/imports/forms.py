from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import IMPORTERS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(label=_("Excel (XLSX) or CSV file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(name, importer.label) for name, importer in IMPORTERS.items()]
