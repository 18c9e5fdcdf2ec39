"""The API's pages in Chromium: the tokens page under the user menu, and the documentation under the CSP."""

from playwright.sync_api import expect

from solidarity.api.models import ApiToken
from tests.browser import ARTIFACTS, MARKS, shot, sign_in
from tests.test_browser_csp import watch

pytestmark = MARKS


def test_a_user_makes_a_token_sees_it_once_and_revokes_it(page_factory, live_server, people):
    page = page_factory()
    problems = watch(page)
    sign_in(page, live_server, people.na_officer.username)
    page.click(f"text={people.na_officer.display_name}")  # the user menu
    page.click("text=API tokens")  # tests speak English (conftest)
    page.wait_for_url(f"{live_server.url}/api/tokens/")
    page.fill("input[name=name]", "Xuất dữ liệu hằng tháng")
    page.fill("input[name=days]", "30")
    page.click("main button[type=submit]")
    secret = page.input_value("#new-token")
    assert secret.startswith("sol_")
    expect(page.locator("table")).to_contain_text("Xuất dữ liệu hằng tháng")
    shot(page, "api-tokens")
    page.click("button:has-text('Revoke')")
    expect(page.locator("table")).to_contain_text("Revoked")
    assert ApiToken.objects.get().revoked_at is not None
    assert not problems, problems


def test_the_api_documentation_renders_under_the_content_security_policy(page_factory, live_server, people):
    page = page_factory()
    problems = watch(page)
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Solidarity API", timeout=30_000)
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    expect(page.locator("#operations-delegations-delegations_list")).to_be_visible()
    shot(page, "api-docs")
    page.screenshot(path=str(ARTIFACTS / "api-docs-top.png"))  # the first screen, to look at
    assert not problems, problems
