"""Pages of a list that never count millions of rows.

Django's ``Paginator`` counts every row of the list before it shows page 1:
over a national scope that is a scan of 400,000 delegations on every visit.
This paginator reads one row more than a page to know whether a next page
exists, and counts at most ``LIST_COUNT_CAP`` rows (the count of a LIMITed
subquery, without its ORDER BY, so the database stops early): the exact
figure below the cap, "more than 10,000" above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from django.conf import settings
from django.db.models import QuerySet

# Beyond this offset a page number is junk (and would overflow the SQL LIMIT/OFFSET).
MAX_OFFSET = 2**31


class CappedPaginator:
    """Pages of ``object_list`` (a QuerySet, ordered) counted up to ``cap`` rows.

    ``count`` is exact when ``count_is_capped`` is false; otherwise there are
    more than ``count`` rows and ``num_pages`` is None (unknown).
    """

    def __init__(self, object_list, per_page: int, *, cap: int | None = None):
        self.object_list = object_list
        self.per_page = int(per_page)
        self.cap = int(cap if cap is not None else settings.LIST_COUNT_CAP)
        self._counted: int | None = None  # rows counted, at most cap + 1 (more than the cap)

    def _count(self) -> int:
        if self._counted is None:
            if isinstance(self.object_list, QuerySet):
                # Ordering is pointless under COUNT and would make the database
                # sort before it stops; selecting the key alone drops the annotations.
                self._counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
            else:
                self._counted = min(len(self.object_list), self.cap + 1)
        return self._counted

    @property
    def count_is_capped(self) -> bool:
        return self._count() > self.cap

    @property
    def count(self) -> int:
        """The exact number of rows, or ``cap`` when there are more (see ``count_is_capped``)."""
        return min(self._count(), self.cap)

    @property
    def num_pages(self) -> int | None:
        if self.count_is_capped:
            return None
        return max(1, ceil(self.count / self.per_page))

    def _rows(self, number: int) -> list:
        bottom = (number - 1) * self.per_page
        if bottom >= MAX_OFFSET:
            return []
        return list(self.object_list[bottom : bottom + self.per_page + 1])

    def get_page(self, number) -> CappedPage:
        """The page ``number`` (from ?page=): not a number → 1; past the end → the last page."""
        try:
            number = max(1, int(number))
        except (TypeError, ValueError):
            number = 1
        rows = self._rows(number)
        if not rows and number > 1:
            # Past the end (an old link, an edited URL): find the last page. The
            # exact count is paid only here, when the capped one cannot tell.
            total = self.count if not self.count_is_capped else self.object_list.count()
            self._counted = total  # the exact count, above the cap or not
            number = max(1, ceil(total / self.per_page))
            rows = self._rows(number)
        # A short page would tell the exact count without a query; counting
        # anyway keeps a page's number of queries the same whatever the rows.
        return CappedPage(rows[: self.per_page], number, self, has_next=len(rows) > self.per_page)

    page = get_page


class CappedPage(Sequence):
    """One page: its rows, its number, and whether pages come before and after it."""

    def __init__(self, object_list: list, number: int, paginator: CappedPaginator, *, has_next: bool):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator
        self._has_next = has_next

    def __repr__(self) -> str:
        return f"<Page {self.number}>"

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        """1-based index of the page's first row (0 on an empty list)."""
        return (self.number - 1) * self.paginator.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)
