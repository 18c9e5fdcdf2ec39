"""Pages of an API list without counting it: one row more than a page says whether another follows.

The pages' own paginator (core/pagination.py) reads the page's keys, then
those rows; a list over a national scope costs one page, never a COUNT of
every row. Any order the FilterSet offers (``ordering=``) pages the same way.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from solidarity.core.pagination import MAX_OFFSET, CappedPaginator


class OneMoreRowPagination(BasePagination):
    page_query_param = "page"
    page_size_query_param = "page_size"
    max_page_size = 100

    def page_size(self, request) -> int:
        try:
            size = int(request.query_params.get(self.page_size_query_param, ""))
        except ValueError:
            return settings.REST_FRAMEWORK["PAGE_SIZE"]
        return max(1, min(size, self.max_page_size))

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        try:
            self.number = max(1, int(request.query_params.get(self.page_query_param, 1)))
        except ValueError:
            self.number = 1
        per_page = self.page_size(request)
        if (self.number - 1) * per_page >= MAX_OFFSET:
            self.number = 1
        rows, self.has_next = CappedPaginator(queryset, per_page)._rows(self.number)
        return rows

    def _url(self, number: int | None) -> str | None:
        if number is None:
            return None
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self._url(self.number + 1 if self.has_next else None),
                "previous": self._url(self.number - 1 if self.number > 1 else None),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
