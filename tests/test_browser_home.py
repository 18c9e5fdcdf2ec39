"""The home page in a real browser: this year's key figures against last year's, in Vietnamese."""

from django.utils import timezone

from solidarity.figures.tests.helpers import delegation
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.support import services as support
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def test_a_provincial_officer_sees_this_years_figures_against_last_years(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN Nghệ An's approved delegations and support, this year and last
    WHEN its officer opens the home page
    THEN the key figures show this year's numbers, last year's beside them and the change
    """
    settings.LANGUAGE_CODE = "vi"  # as users get it
    today = timezone.localdate()
    this_month, last_year = today.replace(day=1), today.replace(year=today.year - 1, day=1)
    delegation(people.na_officer, tree.nghe_an, start=this_month, members=5)
    delegation(people.na_officer, tree.vinh, start=this_month, members=3, countries=("TH",))
    delegation(people.na_officer, tree.nghe_an, start=last_year, members=4)
    delegation(people.na_officer, tree.nghe_an, start=this_month, direction="incoming", members=6)
    laos = Partner.objects.create(name="LHCĐ Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA")
    for day, amount in ((this_month, 50_000_000), (last_year, 1_250_000_000)):
        support.support_create(
            by=people.na_officer,
            owner_unit=tree.nghe_an,
            direction="given",
            partner=laos,
            given_on=day,
            form="equipment",
            funding_source="union_budget",
            total_vnd=amount,
        )
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    figures = page.locator("[data-testid=key-figures]")
    assert "Số liệu chính" in figures.inner_text()
    assert page.locator("[data-figure=delegations_out]").inner_text() == "2"
    assert "8 lượt cán bộ" in figures.inner_text()
    assert page.locator("[data-figure=support_given_vnd]").inner_text() == "50 triệu ₫"
    assert "1,3 tỷ ₫" in figures.inner_text()
    shot(page, "home-key-figures")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "phone-home-key-figures")
