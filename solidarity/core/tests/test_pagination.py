"""The lists' paginator: one row more than a page tells whether a next page exists; counts stop at a cap."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from solidarity.core.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    Group.objects.bulk_create(Group(name=f"g{i:02d}") for i in range(7))
    return Group.objects.order_by("name")


def names(page) -> list[str]:
    return [group.name for group in page]


def test_a_full_page_with_rows_after_it_has_a_next_page(groups):
    page = CappedPaginator(groups, 3, cap=100).get_page("1")
    assert names(page) == ["g00", "g01", "g02"]
    assert page.has_next() and not page.has_previous()
    assert page.next_page_number() == 2


def test_the_last_page_has_no_next_page_even_when_full(groups):
    page = CappedPaginator(groups[:6], 3, cap=100).get_page(2)
    assert names(page) == ["g03", "g04", "g05"]
    assert not page.has_next() and page.has_previous()
    assert (page.start_index(), page.end_index()) == (4, 6)


def test_below_the_cap_the_count_and_the_pages_are_exact(groups):
    paginator = CappedPaginator(groups, 3, cap=7)
    paginator.get_page(1)
    assert (paginator.count, paginator.count_is_capped, paginator.num_pages) == (7, False, 3)


def test_above_the_cap_the_count_says_more_than_the_cap_and_the_pages_are_unknown(groups):
    paginator = CappedPaginator(groups, 3, cap=5)
    page = paginator.get_page(1)
    assert (paginator.count, paginator.count_is_capped, paginator.num_pages) == (5, True, None)
    assert page.has_next()


def test_a_page_beyond_the_cap_is_served_and_knows_its_neighbours(groups):
    page = CappedPaginator(groups, 3, cap=2).get_page(2)
    assert names(page) == ["g03", "g04", "g05"] and page.has_next() and page.has_previous()


@pytest.mark.parametrize("number", [None, "", "abc", "1.5", "-3", "0"])
def test_a_page_that_is_not_a_positive_number_is_the_first(groups, number):
    assert CappedPaginator(groups, 3, cap=100).get_page(number).number == 1


@pytest.mark.parametrize("cap", [100, 4], ids=["exact count", "capped count"])
@pytest.mark.parametrize("number", ["4", "99", str(10**30)])
def test_a_page_past_the_end_shows_the_last_page(groups, number, cap):
    page = CappedPaginator(groups, 3, cap=cap).get_page(number)
    assert page.number == 3 and names(page) == ["g06"] and not page.has_next()


def test_an_empty_list_has_one_empty_page(groups):
    paginator = CappedPaginator(groups.none(), 3, cap=100)
    page = paginator.get_page("5")
    assert (page.number, len(page), page.start_index(), paginator.count, paginator.num_pages) == (
        1,
        0,
        0,
        0,
        1,
    )


def test_a_page_reads_its_keys_then_their_rows_and_counts_without_sorting_or_passing_the_cap(groups):
    with CaptureQueriesContext(connection) as queries:
        paginator = CappedPaginator(groups, 3, cap=5)
        page = paginator.get_page(2)
        assert paginator.count == 5
    assert names(page) == ["g03", "g04", "g05"]
    assert len(queries) == 3
    sqls = [query["sql"].upper() for query in queries.captured_queries]
    (count,) = [sql for sql in sqls if "COUNT(" in sql]
    keys, rows = [sql for sql in sqls if sql != count]
    assert "LIMIT 4" in keys and "OFFSET 3" in keys and '."NAME",' not in keys.split("FROM")[0]
    assert " IN (" in rows and "LIMIT" not in rows
    assert "COUNT(" in count and "LIMIT 6" in count and "ORDER BY" not in count


def test_a_row_gone_between_the_keys_and_the_rows_is_left_out(groups):
    class Vanishing(type(groups)):
        def filter(self, *args, **kwargs):
            Group.objects.filter(name="g01").delete()
            return super().filter(*args, **kwargs)

    page = CappedPaginator(Vanishing(model=Group).order_by("name"), 3, cap=100).get_page(1)
    assert names(page) == ["g00", "g02"] and page.has_next()


def test_the_pages_line_gives_the_number_of_pages_only_when_it_is_known(groups):
    request = RequestFactory().get("/?page=2")
    known = CappedPaginator(groups, 3, cap=100).get_page(2)
    unknown = CappedPaginator(groups, 3, cap=5).get_page(2)
    assert "Page 2 of 3" in render_to_string("includes/pagination.html", {"page_obj": known}, request)
    html = render_to_string("includes/pagination.html", {"page_obj": unknown}, request)
    assert "Page 2" in html and "Page 2 of" not in html
    assert "page=1" in html and "page=3" in html
