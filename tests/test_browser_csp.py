"""The Content-Security-Policy breaks nothing: pages that use JavaScript work and log no violation.

Headless Debian Chromium driven by Playwright; screenshots land in test-artifacts/.
Chromium reports every blocked script, style or eval as a console error, so
any console error or uncaught exception fails the test.
"""

import datetime

from django.template.loader import render_to_string
from playwright.sync_api import expect

from solidarity.agreements import services as agreement_services
from solidarity.agreements.choices import AgreementStatus, AgreementType
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def watch(page) -> list[str]:
    """Console errors and uncaught exceptions of ``page``, as they happen."""
    problems = []

    def on_console(message):
        # Not problems: the browser asking for /favicon.ico on its own (the app
        # has none), and a refusal page's own status (403), which is its point.
        url = message.location.get("url", "")
        if message.type == "error" and not (url.endswith("/favicon.ico") or url == page.url):
            problems.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return problems


def settled(page):
    """Wait until htmx has processed what it swapped in: new elements only get their triggers then."""
    # A locator, not wait_for_function: a string predicate is evaluated with eval(), which the
    # page's own CSP (no 'unsafe-eval') refuses whenever Playwright has to poll it.
    expect(page.locator(".htmx-request, .htmx-settling, .htmx-added")).to_have_count(0)


def search(page, field, text, expected_value):
    """Type in a type-to-search select's box and wait for the matching option."""
    page.fill(f"input[name={field}__search]", text)
    page.wait_for_selector(f"#id_{field} option[value='{expected_value}']", state="attached")


def _partner_with_a_timeline(people, tree):
    partner = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )
    PartnerLink.objects.create(partner=partner, unit=tree.nghe_an)
    agreement_services.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[partner],
        title="Biên bản hợp tác Nghệ An – Xiêng Khoảng",
        agreement_type=AgreementType.COOPERATION_AGREEMENT,
        status=AgreementStatus.IN_FORCE,
        signed_on=datetime.date(2017, 5, 10),
        is_international_agreement=False,
    )
    return partner


def test_pages_with_javascript_work_under_the_policy_without_a_violation(
    live_server, people, tree, page_factory
):
    """
    GIVEN the Nghệ An officer
    WHEN they use the user menu, the partner and delegation forms with their type-to-search pickers,
     the unit tree, a list filter, the support form's live total and the language menu
    THEN everything works and the browser logs no Content-Security-Policy violation (nor any error)
    """
    partner = _partner_with_a_timeline(people, tree)
    page = page_factory()
    problems = watch(page)
    sign_in(page, live_server, people.na_officer.username)

    page.click("nav .dropdown-toggle")
    page.wait_for_selector("nav .dropdown-menu.show")
    shot(page, "csp-01-home-user-menu")

    page.goto(f"{live_server.url}/partners/new/")
    search(page, "unit", "Nghệ", tree.nghe_an.pk)
    page.select_option("#id_unit", str(tree.nghe_an.pk))
    shot(page, "csp-02-partner-form")

    page.goto(f"{live_server.url}/delegations/new/")
    search(page, "owner_unit", "Vinh", tree.vinh.pk)
    page.select_option("#id_countries", ["LA", "KH"])
    shot(page, "csp-03-delegation-form")

    page.goto(f"{live_server.url}/agreements/new/")
    shot(page, "csp-04-agreement-form-checkbox-list")

    page.goto(f"{live_server.url}/units/")
    page.click(f"details[hx-get*='/units/{tree.nghe_an.pk}/children/'] > summary")
    page.wait_for_selector(f"details[hx-get*='/units/{tree.vinh.pk}/children/']")
    settled(page)
    page.click(f"details[hx-get*='/units/{tree.vinh.pk}/children/'] > summary")
    page.wait_for_selector("#tree-body >> text=Công đoàn Trường THCS Lê Lợi")
    shot(page, "csp-05-unit-tree-expanded")
    page.fill("#id_q", "ky son")
    page.wait_for_selector("#tree-body .list-group >> text=Liên đoàn Lao động huyện Kỳ Sơn")

    page.goto(f"{live_server.url}/contacts/")
    search(page, "partner", "xieng", partner.pk)
    page.select_option("#id_partner", str(partner.pk))
    page.wait_for_url("**/contacts/?*partner=*")
    shot(page, "csp-06-contact-list-filtered-by-picker")

    page.goto(f"{live_server.url}{partner.get_absolute_url()}")
    assert page.locator("[data-testid=timeline] li").count() >= 1
    shot(page, "csp-07-partner-timeline")

    page.goto(f"{live_server.url}/support/new/")
    search(page, "partner", "xieng", partner.pk)
    page.select_option("#id_currency", "VND")
    page.fill("#id_items-0-description", "Máy tính xách tay")
    page.fill("#id_items-0-value_vnd", "45.000.000")
    page.fill("#id_items-1-description", "Quà tặng")
    page.fill("#id_items-1-value_vnd", "5000000")
    assert page.inner_text("#total-preview") == "50.000.000 ₫"
    shot(page, "csp-08-support-form-live-total")

    page.select_option("#language-select", "vi")  # the tests run in English
    page.wait_for_selector("html[lang=vi]")
    assert page.locator("#language-select").input_value() == "vi"
    shot(page, "csp-09-switched-to-vietnamese")

    assert problems == []


def test_the_refusal_page_and_the_phone_menu_work_under_the_policy(live_server, people, page_factory):
    page = page_factory(viewport=(390, 844))
    problems = watch(page)
    sign_in(page, live_server, people.na_viewer.username)
    page.click(".navbar-toggler")
    page.wait_for_selector("#mainnav.show")
    page.goto(f"{live_server.url}/partners/new/")  # a viewer may not create: 403
    shot(page, "csp-10-refusal-on-a-phone")
    page.click("[data-history-back]")
    page.wait_for_url(f"{live_server.url}/")
    assert problems == []


def test_the_django_admin_works_under_the_policy(live_server, people, tree, page_factory):
    partner = _partner_with_a_timeline(people, tree)
    page = page_factory()
    problems = watch(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", people.superuser.username)
    page.fill("#id_password", "Solidarity-2025!")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    for path in [
        "/admin/units/unit/",
        "/admin/accounts/user/add/",
        f"/admin/partners/partner/{partner.pk}/change/",
        f"/admin/partners/partner/{partner.pk}/history/",
    ]:
        page.goto(f"{live_server.url}{path}")
    shot(page, "csp-11-admin-history")
    assert problems == []


def test_the_standalone_error_pages_keep_their_style_under_the_policy(live_server, page_factory):
    """500.html and 403_csrf.html stand alone (no layout); their style comes from a file too."""
    page = page_factory()
    problems = watch(page)
    for template in ("500.html", "403_csrf.html"):
        page.goto(f"{live_server.url}/accounts/login/")  # the page's policy stays on for set_content
        page.set_content(render_to_string(template))
        page.wait_for_load_state("networkidle")
        assert page.evaluate("getComputedStyle(document.body).maxWidth") == "640px", template
        shot(page, f"csp-12-{template.removesuffix('.html')}")
    assert problems == []


# htmx's copies of whole pages, for its history (htmx 2 uses sessionStorage, htmx 1 localStorage).
STORED = "[sessionStorage, localStorage].map((store) => store.getItem('htmx-history-cache')).filter(Boolean)"


def test_a_filtered_list_leaves_no_copy_of_the_page_in_the_browsers_storage(
    live_server, people, page_factory
):
    """
    GIVEN the officer on the partner list (htmx puts each filter in the browser history)
    WHEN they filter it, then go back
    THEN no copy of the signed-in page is kept in the browser's storage (htmx's history cache
     would keep it there after sign-out, whatever Cache-Control says),
     and going back shows the whole list page again, from the server
    """
    page = page_factory()
    problems = watch(page)
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}/partners/")
    page.fill("#id_q", "xieng")
    page.wait_for_url("**/partners/?*q=xieng*")
    settled(page)
    assert page.evaluate(STORED) == []
    with page.expect_event("load"):  # a real reload, not a restored copy
        page.go_back()
    assert page.url == f"{live_server.url}/partners/"
    assert page.locator("nav.navbar").count() == 1 and page.input_value("#id_q") == ""
    assert page.evaluate(STORED) == []
    assert problems == []
