"""Pieces every app's FilterSet shares."""

from __future__ import annotations

import django_filters
from django_countries import countries

from .forms import DateField


def country_choices() -> list[tuple[str, str]]:
    """Every country, named and sorted in the request's language: the lists' country filters.

    Given as ``choices=country_choices``, the callable is what each request's
    form copies, not 250 pairs (django-filter deep-copies a form's fields).
    """
    return list(countries)


class DateFilter(django_filters.DateFilter):
    """A dd/mm/yyyy filter box refusing dates outside the span users may enter, with the reason."""

    field_class = DateField
