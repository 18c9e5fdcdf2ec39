"""The report page in a real browser: desktop, a 390px phone, and the print layout, in Vietnamese."""

import datetime

from solidarity.figures.tests.helpers import delegation
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.support import services as support
from tests.browser import ARTIFACTS, MARKS, shot, sign_in

pytestmark = MARKS
D = datetime.date
SHOTS = ARTIFACTS / "rep"
# What sticks out of a phone's width, to say which element did it when the page does.
WIDE_ELEMENTS = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 391).slice(0, 8)
  .map(e => e.tagName + '.' + e.className)"""


def save(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    shot(page, name)


def test_a_national_leader_reads_the_report_on_a_desktop_a_phone_and_paper(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN delegations of Nghệ An, Vinh Phú and Hà Nội in 2024 and 2025, and support given
    WHEN the national leader opens the 2024–2025 report, follows a figure, and opens the print layout
    THEN the figures, the breakdown by province and the charts show, fit a phone, and print without menus
    """
    settings.LANGUAGE_CODE = "vi"
    officer = people.na_officer
    delegation(officer, tree.nghe_an, start=D(2025, 3, 10), members=2, countries=("LA",))
    delegation(officer, tree.vinh, start=D(2024, 5, 2), members=3, countries=("TH", "LA"))
    delegation(officer, tree.nghe_an, start=D(2025, 8, 4), members=4, direction="incoming", countries=("KH",))
    delegation(people.hn_officer, tree.ha_noi, start=D(2025, 3, 10), members=7, countries=("CN",))
    laos = Partner.objects.create(name="LHCĐ Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA")
    support.support_create(
        by=officer,
        owner_unit=tree.nghe_an,
        direction="given",
        partner=laos,
        given_on=D(2025, 2, 1),
        form="cash",
        funding_source="union_budget",
        total_vnd=50_000_000,
    )

    page = page_factory()
    sign_in(page, live_server, people.vgcl_leader.username)
    page.click("nav >> text=Báo cáo")
    page.select_option("#id_kind", "range")
    page.fill("#id_start", "01/01/2024")
    page.fill("#id_end", "31/12/2025")
    page.click("text=Xem báo cáo")
    page.wait_for_selector("[data-testid=report-figures]")
    assert "Giai đoạn 2024–2025" in page.inner_text("[data-testid=report-period]")
    assert page.inner_text("[data-figure=delegations_out]") == "3"
    assert page.inner_text("[data-figure=support_given_vnd]") == "50.000.000 ₫"
    provinces = page.inner_text("[data-breakdown=unit]")
    assert "LĐLĐ Nghệ An" in provinces and "LĐLĐ Hà Nội" in provinces
    assert page.locator("svg.report-chart").count() == 3
    save(page, "report-desktop")

    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate(WIDE_ELEMENTS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
    save(page, "report-phone")
    page.screenshot(path=str(SHOTS / "report-phone-top.png"))
    page.locator("[data-breakdown=unit]").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "report-phone-units.png"))

    page.set_viewport_size({"width": 1366, "height": 768})
    page.click("text=Bản in")
    page.wait_for_selector("[data-testid=print-title]")
    assert page.locator("nav").count() == 0 and page.locator("form").count() == 0
    save(page, "report-print")
