"""Pages of a list that never count millions of rows.

Django's ``Paginator`` counts every row of the list before it shows page 1:
over a national scope that is a scan of 400,000 delegations on every visit.
This paginator reads one row more than a page to know whether a next page
exists, and counts at most ``LIST_COUNT_CAP`` rows (the count of a LIMITed
subquery, without its ORDER BY, so the database stops early): the exact
figure below the cap, "more than 1,000" above it.

A page of a QuerySet is read as its keys first, then the rows of those keys:
the sort handles narrow rows (straight from an index that covers the scope
and the order, see the records' ``*_current_idx`` indexes), and joins and
per-row subqueries run for the page's rows only. Three queries a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.query import ModelIterable

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
            if isinstance(self.object_list, QuerySet) and not self.object_list.query.is_sliced:
                # Ordering is pointless under COUNT and would make the database
                # sort before it stops; selecting the key alone drops the annotations.
                self._counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
            else:  # a list, or a slice already as short as it gets
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

    def _rows(self, number: int) -> tuple[list, bool]:
        """The page's rows, and whether a next page exists (one more row was there)."""
        bottom = (number - 1) * self.per_page
        if bottom >= MAX_OFFSET:
            return [], False
        top = bottom + self.per_page + 1
        rows = self.object_list
        models = isinstance(rows, QuerySet) and rows._iterable_class is ModelIterable
        if not models or rows.query.is_sliced:
            page = list(rows[bottom:top])
            return page[: self.per_page], len(page) > self.per_page
        # The keys first, then their rows: the database sorts narrow rows (from
        # an index when one covers the filter and the order) and computes the
        # joins and per-row subqueries of the page's rows alone.
        keys = list(rows.values_list("pk", flat=True)[bottom:top])
        shown = keys[: self.per_page]
        found = {row.pk: row for row in rows.filter(pk__in=shown).order_by()} if shown else {}
        return [found[key] for key in shown if key in found], len(keys) > self.per_page

    def get_page(self, number) -> CappedPage:
        """The page ``number`` (from ?page=): not a number → 1; past the end → the last page."""
        try:
            number = max(1, int(number))
        except (TypeError, ValueError):
            number = 1
        if number > 1 and not self.count_is_capped:
            number = min(number, self.num_pages)  # past the end of a counted list: its last page
        rows, has_next = self._rows(number)
        if not rows and number > 1:
            # Past the end of a list longer than the cap (an old link, an edited
            # URL): the exact count, paid only here, finds the last page.
            self._counted = self.object_list.count()
            number = max(1, ceil(self._counted / self.per_page))
            rows, has_next = self._rows(number)
        return CappedPage(rows, number, self, has_next=has_next)

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
