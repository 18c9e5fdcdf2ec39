"""Nghệ An's officer finishes and submits the annual report; the VGCL leader accepts it (demo data)."""

import sys
import types

import pytest

from solidarity.demo.loader import load_demo
from solidarity.reports.tests.samples import sample_report
from tests.browser import ARTIFACTS, MARKS

pytestmark = MARKS
SHOTS = ARTIFACTS / "per"
PASSWORD = "demo12345"


@pytest.fixture
def figures(monkeypatch):
    """reports.selectors.build_report as a fixed report, so the walk does not depend on it."""
    module = types.ModuleType("solidarity.reports.selectors")
    module.build_report = lambda *, user, unit, period: sample_report(
        unit_id=unit.pk, unit_name=unit.name, period=period
    )
    monkeypatch.setitem(sys.modules, "solidarity.reports.selectors", module)


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_officer_submits_the_annual_report_and_the_vgcl_leader_accepts_it(
    live_server, page_factory, figures
):
    """GIVEN the demo, with Nghệ An's 2025 annual report as a draft
    WHEN nghean.canbo opens it from the home page, quotes Mường Xén's proposal, writes and submits it
    THEN it has a number; the VGCL leader sees it on the status page and accepts it."""
    load_demo(password=PASSWORD)
    page = page_factory()
    sign_in(page, live_server, "nghean.canbo")
    shot(page, "1-home-officer")
    page.goto(f"{live_server.url}/period-reports/")
    page.click("[data-testid=to-prepare] a:has-text('Mở'), [data-testid=to-prepare] a:has-text('Open')")
    page.click("a:has-text('Sửa'), a:has-text('Edit')")
    page.wait_for_selector("[data-testid=report-form]")
    page.click("[data-testid=child-text] form:has(input[value=proposals]) button")
    page.wait_for_selector("[data-testid=report-form]")
    assert "Mường Xén" in page.input_value("#id_proposals")
    page.fill("#id_difficulties", "Cán bộ làm công tác đối ngoại kiêm nhiệm, thiếu kỹ năng và ngoại ngữ.")
    shot(page, "2-edit")
    page.click("button[value=submit]")
    page.click("[data-action=submit]")
    page.wait_for_selector("[data-testid=state]")
    shot(page, "3-submitted")
    number = page.text_content("h1 + div")
    assert "/BC-LĐLĐ" in number

    leader = page_factory()
    sign_in(leader, live_server, "tld.lanhdao")
    leader.goto(f"{live_server.url}/period-reports/status/?kind=annual_report&year=2025")
    shot(leader, "4-status")
    assert leader.locator("tr[data-unit=NA] .badge").count() == 1
    leader.click("tr[data-unit=NA] a")
    leader.click("[data-action=approve]")
    leader.wait_for_selector("[data-testid=state]")
    shot(leader, "5-accepted")
    state = leader.text_content("[data-testid=state]")
    assert state.strip() in ("Đã tiếp nhận", "Accepted")
