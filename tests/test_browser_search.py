"""The search box in a real browser: from the menu to the results, on a PC and on a phone."""

import datetime

from solidarity.meetings.models import Meeting
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.support.models import Support
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def test_the_search_box_finds_xieng_khoang_grouped_by_kind(live_server, people, tree, page_factory, settings):
    """
    GIVEN Nghệ An's meetings and support with Xiêng Khoảng, and a Hà Nội meeting about it too
    WHEN Nghệ An's officer types "xieng khoang" (no accents) in the menu's search box
    THEN partners, meetings and support are shown by kind with the words found marked, not Hà Nội's
    """
    settings.LANGUAGE_CODE = "vi"
    laos = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )
    for year in (2019, 2022, 2024):
        Meeting.objects.create(
            owner_unit=tree.nghe_an,
            kind="seminar",
            title=f"Tọa đàm hợp tác Nghệ An – Xiêng Khoảng {year}",
            start_on=datetime.date(year, 7, 29),
            place="Vinh, Nghệ An",
        )
    Meeting.objects.create(
        owner_unit=tree.ha_noi,
        kind="seminar",
        title="Hà Nội – Xiêng Khoảng",
        start_on=datetime.date(2024, 1, 1),
    )
    Support.objects.create(
        owner_unit=tree.nghe_an,
        partner=laos,
        direction="given",
        given_on=datetime.date(2023, 4, 10),
        form="equipment",
        description="Quà Tết Bun Pi May tặng tỉnh Xiêng Khoảng",
        total_vnd=50_000_000,
        funding_source="union_budget",
    )
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.fill("#nav-search-q", "xieng khoang")
    page.press("#nav-search-q", "Enter")
    page.wait_for_url("**/search/?q=xieng+khoang")
    assert page.locator("[data-testid=search-group-meeting] .search-hit").count() == 3
    assert page.locator("[data-testid=search-group-partner] .search-hit").count() == 1
    assert page.locator("[data-testid=search-group-support] .search-hit").count() == 1
    assert "Hà Nội – Xiêng" not in page.inner_text("main")
    assert page.locator("mark", has_text="Xiêng").count() >= 5
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    shot(page, "search-results")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "phone-search-results")
    page.click(".navbar-toggler")
    page.wait_for_selector("#nav-search-q", state="visible")
    shot(page, "phone-search-menu")
