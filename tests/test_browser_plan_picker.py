"""Real-browser test of the plan-item picker: it follows the year of the record's date.

Headless Debian Chromium driven by Playwright; screenshots land in test-artifacts/.
"""

from solidarity.plans.choices import PlanItemKind
from solidarity.plans.tests.factories import approved_plan
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS

OPTIONS = "#id_plan_item option:not([disabled])"


def test_the_delegation_forms_plan_items_change_with_the_year_of_its_start(
    live_server, people, tree, page_factory
):
    """
    GIVEN Nghệ An's approved plans of 2025 and 2026, and Hà Nội's of 2025
    WHEN the Nghệ An officer starts a delegation, enters a start date in 2025, picks its item,
     then moves the start into 2026
    THEN the picker offers the 2025 item, then only the 2026 one (the 2025 pick is gone),
     and never Hà Nội's
    """
    old = approved_plan(
        people.na_officer,
        people.vgcl_leader,
        tree.nghe_an,
        2025,
        items=[("Đoàn sang thăm tỉnh Xiêng Khoảng 2025", PlanItemKind.OUTGOING)],
    ).items.get()
    new = approved_plan(
        people.na_officer,
        people.vgcl_leader,
        tree.nghe_an,
        2026,
        items=[("Đón đoàn Liên hiệp Công đoàn tỉnh Hủa Phăn 2026", PlanItemKind.INCOMING)],
    ).items.get()
    approved_plan(
        people.hn_officer, people.vgcl_leader, tree.ha_noi, 2025, items=[("Đoàn Hà Nội", "outgoing")]
    )

    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}/delegations/new/")
    assert page.locator(OPTIONS).all_inner_texts() == [
        page.locator(OPTIONS).first.inner_text()
    ]  # outside only
    assert page.locator("#id_plan_item option[disabled]").count() == 1  # "enter the date" hint

    page.fill("#id_start_on", "16/06/2025")
    page.press("#id_start_on", "Tab")
    page.wait_for_selector(f"#id_plan_item option[value='{old.pk}']", state="attached")
    page.select_option("#id_plan_item", str(old.pk))
    shot(page, "plan-picker-01-items-of-2025")
    texts = page.locator(OPTIONS).all_inner_texts()
    assert len(texts) == 2 and "Xiêng Khoảng 2025" in texts[1] and "Hà Nội" not in " ".join(texts)

    page.fill("#id_start_on", "16/06/2026")
    page.press("#id_start_on", "Tab")
    page.wait_for_selector(f"#id_plan_item option[value='{new.pk}']", state="attached")
    texts = page.locator(OPTIONS).all_inner_texts()
    assert len(texts) == 2 and "Hủa Phăn 2026" in texts[1]
    assert page.locator(f"#id_plan_item option[value='{old.pk}']").count() == 0
    assert page.eval_on_selector("#id_plan_item", "select => select.value") == ""  # 2025's item is gone
    page.select_option("#id_plan_item", str(new.pk))
    page.click("#id_plan_item")
    shot(page, "plan-picker-02-items-of-2026")

    page.fill("#id_start_on", "20/06/2026")  # the same year: the pick stays
    page.press("#id_start_on", "Tab")
    page.wait_for_load_state("networkidle")
    assert page.eval_on_selector("#id_plan_item", "select => select.value") == str(new.pk)
