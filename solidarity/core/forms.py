from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A dd/mm/yyyy text box: the union writes dates this way whatever the browser's locale."""

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("dd/mm/yyyy"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
            "title": _("Day/month/year, e.g. 29/07/2024"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


def add_service_errors(form, error) -> None:
    """Show a service's ValidationError on the form: next to its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def add_version_field(form) -> None:
    """Editing: the version the user opened travels with the form, so a later save can detect a conflict."""
    if form.instance.pk:
        form.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=1, initial=form.instance.version
        )
