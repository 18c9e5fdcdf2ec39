"""Pieces every app's FilterSet shares."""

from __future__ import annotations

import django_filters
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .forms import DateField


class CountryChoices(BaseChoiceIterator):
    """Every country, named and sorted in the request's language (django-countries).

    The choices of the lists' country filters. Django takes a choice iterator
    as it is: each request's form shares this one instead of deep-copying 250
    (code, name) pairs (django-filter copies a form's fields), and reading the
    choices does not normalise them again.
    """

    def __iter__(self):
        return iter(countries)

    def __len__(self):
        return len(countries)

    def __deepcopy__(self, memo):
        return self


country_choices = CountryChoices()


class DateFilter(django_filters.DateFilter):
    """A dd/mm/yyyy filter box refusing dates outside the span users may enter, with the reason."""

    field_class = DateField


class FigureParamsMixin:
    """The params a report's figure links with that the list's filter boxes do not show.

    The list keeps them (hidden inputs) when another filter changes, and says
    they apply, so a list opened from a figure explains its count.
    """

    figure_params: tuple[str, ...] = ()

    def applied_figure_params(self) -> list[dict]:
        if not self.is_bound:
            return []
        applied = []
        for name in self.figure_params:
            value = self.data.get(name)
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            choices = dict(getattr(field, "choices", None) or ())
            shown = choices.get(value, value)
            if name in self.form.errors:
                continue
            cleaned = self.form.cleaned_data.get(name) if hasattr(self.form, "cleaned_data") else None
            if isinstance(cleaned, bool):
                shown = _("Yes") if cleaned else _("No")
            elif hasattr(cleaned, "strftime"):
                shown = cleaned.strftime("%d/%m/%Y")
            applied.append({"name": name, "value": value, "label": field.label, "shown": shown})
        return applied
