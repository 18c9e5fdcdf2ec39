"""Pieces every app's FilterSet shares."""

from __future__ import annotations

import django_filters
from django.utils.choices import BaseChoiceIterator
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
