from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .dates import validate_birth_date, validate_sensible_date

# The largest id a BigAutoField (or any 64-bit integer column) holds: a larger
# number reaching the database driver is an OverflowError, not "not found".
ID_MAX = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value) -> int | None:
    """``value`` as a record id, or None when it cannot be one.

    Only ASCII digits within the 64-bit range: ``str.isdigit()`` also accepts
    "²" and "١", which ``int()`` then refuses or reads as another number.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= ID_MAX else None
    text = str(value).strip() if value is not None else ""
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= ID_MAX else None


def parse_count(value, *, default: int = 0, maximum: int) -> int:
    """A whole number of zero or more from a query parameter (an offset), at most ``maximum``.

    ``default`` when it is not one; ``maximum`` when it has more digits than the database takes.
    """
    text = str(value).strip() if value is not None else ""
    if not _ASCII_DIGITS.fullmatch(text):
        return maximum if text.isascii() and text.isdigit() else default
    return min(int(text), maximum)


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


class DateField(forms.DateField):
    """A date a user enters: dd/mm/yyyy, between 1945 and ten years ahead (see ``core.dates``).

    ModelForms get it from the model's BoundedDateField (core.fields); forms
    without a model declare it.
    """

    widget = DateInput
    default_validators = [validate_sensible_date]


class BirthDateField(DateField):
    """A person's date of birth: dd/mm/yyyy, from 1900 to today."""

    default_validators = [validate_birth_date]


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
