"""The home page draws this year's key figures against last year's and leads to the report."""

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarity.figures.tests.helpers import delegation

pytestmark = pytest.mark.django_db


def test_the_home_page_draws_the_key_figures_and_links_to_this_years_report(client, people, tree):
    today = timezone.localdate()
    delegation(people.na_officer, tree.nghe_an, start=today.replace(day=1), members=3)
    client.force_login(people.na_viewer)
    html = client.get(reverse("home")).content.decode()
    assert 'data-testid="key-figures-charts"' in html and 'data-chart="home-counts"' in html
    assert f"/reports/?unit={tree.nghe_an.pk}&amp;start={today.year}-01-01&amp;end={today.year}-12-31" in html


def test_a_home_page_without_figures_draws_no_empty_chart(client, people, tree):
    client.force_login(people.na_viewer)
    html = client.get(reverse("home")).content.decode()
    assert "data-chart=" not in html  # (the bell in the menu is an SVG icon, not a chart)
    assert 'data-testid="report-link"' in html
