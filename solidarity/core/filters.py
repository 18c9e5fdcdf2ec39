"""Pieces every app's FilterSet shares."""

from __future__ import annotations

import django_filters

from .forms import DateField


class DateFilter(django_filters.DateFilter):
    """A dd/mm/yyyy filter box refusing dates outside the span users may enter, with the reason."""

    field_class = DateField
