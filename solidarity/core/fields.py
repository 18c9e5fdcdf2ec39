"""Model fields shared by the apps."""

from __future__ import annotations

from django.db import models

from .dates import validate_sensible_date
from .forms import DateField as BoundedDateFormField


class BoundedDateField(models.DateField):
    """A date people enter: between 1945 and ten years ahead (see ``core.dates``).

    Declared once on the model, the bound holds everywhere: every ModelForm
    gets the dd/mm/yyyy field that refuses other dates with the reason, and a
    service's ``full_clean`` refuses them too.
    """

    default_validators = [validate_sensible_date]

    def deconstruct(self):
        # The bound is validation, not schema: migrations record a plain DateField,
        # so adopting it rebuilds no SQLite table and moving it needs no migration.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BoundedDateFormField, **kwargs})
