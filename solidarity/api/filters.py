from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


class ScopedFilterBackend(DjangoFilterBackend):
    """django-filter's DRF backend with the user our FilterSets need (their unit choices are scoped)."""

    def get_filterset_kwargs(self, request, queryset, view):
        return super().get_filterset_kwargs(request, queryset, view) | {"user": request.user}

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "detail", False):  # one record by its key: the list's filters do not apply
            return queryset
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            # Field by field, in the request's language (the backend's default is the same, as a 400).
            raise ValidationError(filterset.errors)
        rows = filterset.qs
        if not request.query_params.get("ordering"):
            rows = rows.order_by(*getattr(view, "ordering", ("-pk",)))
        return rows
