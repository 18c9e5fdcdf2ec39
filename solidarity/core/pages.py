"""Pages of a list that lives on another page (a queue, a detail page's lines): no count.

A :class:`ShortPage` fetches one row more than it shows, to know whether a
next page exists, and never counts the whole list: a unit with thousands of
partner links, a leader with hundreds of proposals waiting, costs the same
query as one with ten. Several lists on one page each read their own
parameter (``?links=3``), so paging one leaves the others where they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

LAST_PAGE = 10_000  # a page number past this is refused: no one pages that far by hand


@dataclass(frozen=True)
class ShortPage:
    rows: list
    number: int
    has_next: bool
    param: str
    query: QueryDict

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def _query_for(self, number: int) -> str:
        query = self.query.copy()
        if number > 1:
            query[self.param] = str(number)
        else:
            query.pop(self.param, None)
        return query.urlencode()

    @property
    def next_query(self) -> str:
        return self._query_for(self.number + 1)

    @property
    def previous_query(self) -> str:
        return self._query_for(self.number - 1)


def page_number(request, param: str) -> int:
    try:
        number = int(request.GET.get(param, 1))
    except (TypeError, ValueError):
        return 1
    return max(1, min(number, LAST_PAGE))


def short_page(request, queryset, *, per_page: int, param: str = "page") -> ShortPage:
    """Page ``?param=`` of ``queryset`` (already ordered), read as ``per_page`` + 1 rows."""
    number = page_number(request, param)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return ShortPage(
        rows=rows[:per_page], number=number, has_next=len(rows) > per_page, param=param, query=request.GET
    )
