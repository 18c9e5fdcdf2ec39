"""Real-browser test of a social fund's ledger: opened, income and spending, a reversal, the books closed.

Headless Debian Chromium driven by Playwright; screenshots land in test-artifacts/.
"""

import datetime

from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def add_entry(page, live_server, fund_url, direction, day, amount, **fields):
    page.goto(f"{fund_url}entries/new/?direction={direction}")
    page.fill("#id_entry_on", day.strftime("%d/%m/%Y"))
    page.fill("#id_amount_vnd", amount)
    for name, value in fields.items():
        if name in ("source", "use"):
            page.select_option(f"#id_{name}", value)
        else:
            page.fill(f"#id_{name}", value)
    page.click("#entry-form button[type=submit]")
    page.wait_for_url(fund_url)


def test_a_nghe_an_officer_keeps_the_fund_and_the_leader_closes_the_month(
    live_server, people, tree, page_factory
):
    """
    GIVEN the Nghệ An officer
    WHEN they open a social fund, record two incomes and a spending, and reverse the wrong income
    THEN the ledger shows every line with the running balance and the right balance;
     AND WHEN the Nghệ An leader closes the books through yesterday
     THEN nothing dated before can be reversed any more, and the summary shows income by source
    """
    today = datetime.date.today()
    earlier = today - datetime.timedelta(days=3)
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)

    page.goto(f"{live_server.url}/funds/new/")
    page.fill("#id_name", "Quỹ Hỗ trợ đoàn viên khó khăn")
    page.fill("#id_purpose", "Hỗ trợ đoàn viên có hoàn cảnh khó khăn.")
    page.click("#fund-form button.btn-primary")
    page.wait_for_url("**/funds/*/")
    fund_url = page.url

    add_entry(page, live_server, fund_url, "income", earlier, "30.000.000", source="members", voucher="PT-01")
    add_entry(page, live_server, fund_url, "income", earlier, "90.000.000", source="enterprises")
    add_entry(
        page, live_server, fund_url, "spending", earlier, "12.000.000",
        use="hardship", purpose="Quà cho đoàn viên ốm đau", beneficiaries="24",
    )  # fmt: skip
    assert page.inner_text("[data-testid=fund-balance]").startswith("108.000.000")

    # The 90.000.000 was typed instead of 9.000.000: reversed, then entered again.
    page.click("[data-testid=ledger] tr:has-text('90.000.000') >> text=Reverse")
    page.fill("#id_note", "Nhập nhầm số tiền")
    shot(page, "funds-01-reverse")
    page.click("#reverse-form button.btn-danger")
    page.wait_for_url(fund_url)
    add_entry(page, live_server, fund_url, "income", earlier, "9.000.000", source="enterprises")
    assert page.inner_text("[data-testid=fund-balance]").startswith("27.000.000")
    assert page.locator("[data-testid=ledger] tbody tr").count() == 5
    shot(page, "funds-02-ledger")

    sign_in(page, live_server, people.na_leader.username)
    page.goto(fund_url)
    page.fill("#id_closed_through", (today - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.click("form[action$='/close/'] button")
    page.wait_for_url(fund_url)
    assert "books closed through" in page.inner_text("main")
    assert page.locator("[data-testid=ledger] a[href$='/reverse/']").count() == 0
    shot(page, "funds-03-closed")

    page.goto(
        f"{live_server.url}/funds/summary/?unit={tree.nghe_an.pk}"
        f"&start={earlier.strftime('%d/%m/%Y')}&end={today.strftime('%d/%m/%Y')}"
    )
    assert page.inner_text("[data-testid=summary-income]").startswith("39.000.000")
    assert "9.000.000" in page.inner_text("[data-testid=by-source]")
    shot(page, "funds-04-summary")
