"""Model fields shared by the apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django_countries import fields as countries_fields

from .dates import validate_birth_date, validate_sensible_date
from .forms import BirthDateField as BirthDateFormField
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


class BirthDateField(BoundedDateField):
    """A person's date of birth: from 1900 to today (older than any date of the union's work)."""

    default_validators = [validate_birth_date]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BirthDateFormField, **kwargs})


class CountryField(countries_fields.CountryField):
    """django-countries' field, validating a code by a dictionary look-up.

    The library checks a code against its choices, and builds that list of 250
    translated names for every record it validates (13% of a 10,000-row import).
    A code is valid when the field's country set holds it: the same answer,
    from the set it keeps cached.
    """

    def validate(self, value, model_instance):
        if not self.editable:
            return
        codes = value if self.multiple else [value]
        for code in codes or ():
            if code in self.empty_values:
                continue
            if str(getattr(code, "code", code)) not in self.countries:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
                )
        if value is None and not self.null:
            raise ValidationError(self.error_messages["null"], code="null")
        if not self.blank and value in self.empty_values:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def deconstruct(self):
        # Validation only: migrations keep naming the library's field, so nothing to migrate.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django_countries.fields.CountryField", args, kwargs
