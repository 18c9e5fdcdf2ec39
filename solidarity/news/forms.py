from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import DateField, DateInput
from solidarity.units.models import Unit

from .models import NewsItem

MAX_ARTICLE_CHARS = 60_000  # a long feature is 20.000; more is not an article


class NewsItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = NewsItem
        fields = ["headline", "lead", "body", "captions", "published_on"]
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "captions": forms.Textarea(attrs={"rows": 3}),
            "published_on": DateInput(),
        }
        help_texts = {"body": _("Paragraphs separated by an empty line.")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class ArticleForm(forms.Form):
    """An article to read: pasted or uploaded (.txt, .html, .docx), with its date and where it came from."""

    owner_unit = forms.ModelChoiceField(label=_("For the unit"), queryset=Unit.objects.none())
    text = forms.CharField(
        label=_("Text of the article"),
        required=False,
        max_length=MAX_ARTICLE_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste the headline and the text, or upload the file below."),
    )
    upload = forms.FileField(
        label=_("Or a file (.txt, .html, .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,.docx"}),
    )
    published_on = DateField(label=_("Date of the article"), required=False, widget=DateInput())
    source_url = forms.URLField(label=_("Source URL"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units_for_officer(user)
        if not self.is_bound:
            self.initial.setdefault("owner_unit", default_unit_for(user))

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("upload") and not self.errors:
            raise forms.ValidationError(_("Paste the text of the article or upload its file."))
        return data
