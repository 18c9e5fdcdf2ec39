"""Real-browser tests: headless Debian Chromium driven by Playwright.

Screenshots land in test-artifacts/ for a person to look at.
"""

from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def test_an_officer_records_a_partner_and_contact_that_a_sibling_unit_cannot_see(
    live_server, people, tree, page_factory
):
    """
    GIVEN officers of Nghệ An and of Hà Nội (sibling provinces)
    WHEN the Nghệ An officer creates the Xiêng Khoảng partner and a contact there
    THEN anyone finds the partner by typing "xieng khoang" without diacritics,
     and the Hà Nội officer sees the partner but never the Nghệ An contact (404 by URL)
    """
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    shot(page, "01-home-nghe-an-officer")

    page.goto(f"{live_server.url}/partners/new/")
    page.fill("#id_name", "Liên hiệp Công đoàn tỉnh Xiêng Khoảng")
    page.fill("#id_name_original", "Xiengkhouang Provincial Federation of Trade Unions")
    page.fill("#id_short_name", "LHCĐ Xiêng Khoảng")
    page.select_option("#id_kind", "regional_union")
    page.select_option("#id_country", "LA")
    page.select_option("#id_unit", str(tree.nghe_an.pk))
    page.fill("#id_notes", "Biên bản hợp tác ký năm 2017")
    shot(page, "02-partner-form")
    page.click("main button.btn-primary[type=submit]")
    page.wait_for_url("**/partners/*/")
    partner_url = page.url
    assert "Xiêng Khoảng" in page.inner_text("h1")

    page.click('a[href*="/contacts/new/?partner="]')
    page.wait_for_url("**/contacts/new/**")
    page.fill("#id_full_name", "Phu Von Si Khăm On")
    page.fill("#id_title", "Chủ tịch")
    page.fill("#id_languages", "Lào")
    page.click("main button.btn-primary[type=submit]")
    page.wait_for_url("**/contacts/*/")
    contact_url = page.url
    assert "Phu Von Si Khăm On" in page.inner_text("h1")
    shot(page, "03-contact-detail")

    page.goto(f"{live_server.url}/partners/")
    page.fill("#id_q", "xieng khoang")
    page.wait_for_selector("#results >> text=Liên hiệp Công đoàn tỉnh Xiêng Khoảng")
    shot(page, "04-partner-search-without-diacritics")

    # The sibling province: the partner is shared, the contact is not.
    other = page_factory()
    sign_in(other, live_server, people.hn_officer.username)
    other.goto(f"{live_server.url}/partners/?q=xieng+khoang")
    assert other.locator("#results a", has_text="Xiêng Khoảng").count() == 1
    other.goto(partner_url)
    assert "Phu Von" not in other.content()
    shot(other, "05-partner-seen-by-ha-noi")
    other.goto(f"{live_server.url}/contacts/")
    assert "Phu Von" not in other.content()
    response = other.goto(contact_url)
    assert response.status == 404
    shot(other, "06-contact-404-for-ha-noi")


def test_the_main_pages_fit_a_phone(live_server, people, page_factory):
    page = page_factory(viewport=(390, 844))
    sign_in(page, live_server, people.na_officer.username)
    for name, path in [
        ("home", "/"),
        ("partners", "/partners/"),
        ("contacts", "/contacts/"),
        ("units", "/units/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways on a phone ({width}px)"
        shot(page, f"phone-{name}")
