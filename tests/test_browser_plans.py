"""Real-browser test of the annual plan: drafted, approved by the level above, carried out, compared.

Headless Debian Chromium driven by Playwright; screenshots land in test-artifacts/.
"""

from solidarity.plans.models import PlanItem
from tests.browser import MARKS, shot, sign_in
from tests.test_browser_csp import watch

pytestmark = MARKS

ITEMS = [
    ("outgoing", "Đoàn sang thăm tỉnh Xiêng Khoảng", "2", "6", "120.000.000"),
    ("incoming", "Đón đoàn Liên hiệp Công đoàn tỉnh Xiêng Khoảng", "4", "6", "80.000.000"),
    ("training", "Tập huấn công tác đối ngoại cấp huyện", "3", "60", "30.000.000"),
]


def test_an_officer_plans_2026_the_level_above_approves_and_plan_vs_actual_shows_the_delegation(
    live_server, people, tree, page_factory
):
    """
    GIVEN the Nghệ An officer and a VGCL leader (the level above approves Nghệ An's plan)
    WHEN the officer drafts the 2026 plan with three activities and a budget and submits it,
     the VGCL leader approves it, and the officer records a delegation against its first activity
    THEN plan vs actual shows that activity done and the other two pending
    """
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}/plans/new/")
    assert page.locator("#id_owner_unit option:checked").inner_text() == tree.nghe_an.name
    page.fill("#id_year", "2026")
    page.fill("#id_note", "Trọng tâm: hợp tác với tỉnh Xiêng Khoảng.")
    page.click("main button.btn-primary[type=submit]")
    page.wait_for_url("**/plans/*/")
    plan_url = page.url
    for kind, title, quarter, people_count, cost in ITEMS:
        page.click("[data-testid=add-item] summary")
        page.select_option("#id_item-kind", kind)
        page.fill("#id_item-title", title)
        page.select_option("#id_item-quarter", quarter)
        page.fill("#id_item-people", people_count)
        page.fill("#id_item-cost_union_budget", cost)
        if kind != "training":
            page.select_option("#id_item-countries", ["LA"])
        page.click("form[action$='/items/'] button[type=submit]")
        page.wait_for_selector(f"[data-testid=items] >> text={title}")
    page.click("[data-testid=set-budget] summary")
    page.fill("#id_budget-amount_union_budget", "250.000.000")
    page.click("form[action$='/budget/'] button[type=submit]")
    page.wait_for_selector("[data-testid=budget] >> text=250.000.000")
    assert page.locator("[data-testid=missing]").count() == 0
    shot(page, "plan-01-draft-with-three-items")
    page.click("button[data-action=submit]")
    page.wait_for_selector("[data-testid=state] >> text=Submitted")

    leader = page_factory()
    sign_in(leader, live_server, people.vgcl_leader.username)
    leader.goto(f"{live_server.url}/plans/?year=2026")
    leader.click(f"[data-testid=plans] a[href='{plan_url.removeprefix(live_server.url)}'] >> nth=0")
    leader.fill("#id_comment", "Đồng ý kế hoạch.")
    shot(leader, "plan-02-leader-approves")
    leader.click("button[data-action=approve]")
    leader.wait_for_selector("[data-testid=state] >> text=Approved")
    assert leader.locator("[data-testid=workflow-timeline] li").count() == 2

    item = PlanItem.objects.get(title=ITEMS[0][1])
    page.goto(f"{live_server.url}/delegations/new/")
    page.select_option("#id_direction", "outgoing")
    page.fill("#id_title", "Đoàn LĐLĐ Nghệ An thăm tỉnh Xiêng Khoảng 2026")
    page.select_option("#id_countries", ["LA"])
    page.fill("#id_start_on", "15/06/2026")
    page.fill("#id_end_on", "19/06/2026")
    page.select_option("#id_plan_item", str(item.pk))
    shot(page, "plan-03-delegation-picks-the-item")
    page.click("main button.btn-primary[type=submit]")
    page.wait_for_url("**/delegations/*/")
    assert ITEMS[0][1] in page.inner_text("[data-testid=plan-item]")

    page.goto(f"{live_server.url}/plans/actual/{tree.nghe_an.pk}/2026/")
    assert page.inner_text("[data-testid=done]") == "1"
    assert page.inner_text("[data-testid=pending]") == "2"
    shot(page, "plan-04-plan-vs-actual")
    leader.goto(f"{live_server.url}/plans/actual/{tree.vgcl.pk}/2026/")
    assert tree.nghe_an.display_name in leader.inner_text("[data-testid=children]")
    shot(leader, "plan-05-level-above-sees-its-children")


def test_plans_and_money_share_one_menu_that_works_by_keyboard_and_on_a_phone(
    live_server, people, tree, page_factory
):
    """
    GIVEN the Nghệ An officer signed in
    WHEN they open "Plans & money" with the keyboard on a laptop, and by touch on a phone
    THEN it lists the annual plans, plan vs actual, social funds and sponsorship projects, and
     each entry leads to its page (plans, funds and projects are no longer top-level entries)
    """
    page = page_factory()
    problems = watch(page)
    sign_in(page, live_server, people.na_officer.username)
    top = page.locator("#mainnav > ul.me-auto > li.nav-item")
    assert "Plans & money" in top.all_inner_texts()
    assert not {"Plans", "Funds", "Projects"} & set(top.all_inner_texts())
    menu = page.locator("[data-testid=nav-money] .dropdown-menu")
    assert not menu.is_visible()
    page.focus("#nav-money")
    page.keyboard.press("Enter")
    menu.wait_for(state="visible")
    assert menu.locator("a").all_inner_texts() == [
        "Annual plans",
        "Plan vs actual",
        "Social funds",
        "Sponsorship projects",
    ]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    shot(page, "plan-06-plans-and-money-menu-1366")
    page.keyboard.press("Enter")
    page.wait_for_url("**/plans/actual/")
    assert page.locator("#nav-money.active").count() == 1

    phone = page_factory(viewport=(390, 844))
    sign_in(phone, live_server, people.na_officer.username)
    phone.click(".navbar-toggler")
    phone.wait_for_selector("#mainnav.show")
    phone.click("#nav-money")
    phone.locator("[data-testid=nav-money] .dropdown-menu").wait_for(state="visible")
    shot(phone, "plan-07-plans-and-money-menu-390")
    phone.click("[data-testid=nav-money] >> text=Social funds")
    phone.wait_for_url("**/funds/")
    assert problems == []


def test_the_vietnamese_menu_fits_an_office_pcs_1366_pixel_screen(
    live_server, page_factory, people, settings
):
    """Every top entry and the user's menu on one line, without a horizontal scroll bar."""
    settings.LANGUAGE_CODE = "vi"
    # An officer, an administrator (more entries in their menus) and a long name on the user's menu.
    for user in (people.na_officer, people.na_admin, people.na_viewer):
        page = page_factory(viewport=(1366, 768))
        sign_in(page, live_server, user.username)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366, user.username
        top = page.locator("#mainnav > ul.me-auto > li.nav-item")
        tops = {round(box["y"]) for box in (top.nth(i).bounding_box() for i in range(top.count()))}
        assert len(tops) == 1, f"the entries wrap onto a second line for {user.username}"
        page.close()
