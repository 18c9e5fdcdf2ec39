"""A sponsorship project in a real browser, in Vietnamese: recorded, money received, a report due,
and the sum in the report of the level above."""

from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink
from solidarity.sponsorship.models import Project
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def test_an_officer_records_a_project_and_the_level_above_sees_the_money_in_its_report(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN Education International in the partner directory of Nghệ An
    WHEN Nghệ An's officer records a project it funds, 10.000 USD received at 25.400 and a report due
    THEN the project page shows 254.000.000 ₫ and the overdue report, and the national leader's
    2024 report shows the sponsorship received, by donor, linked to the project list
    """
    settings.LANGUAGE_CODE = "vi"
    ei = Partner.objects.create(
        name="Quốc tế Giáo dục", short_name="EI", kind=PartnerKind.INTERNATIONAL_FEDERATION, country="BE"
    )
    PartnerLink.objects.create(partner=ei, unit=tree.nghe_an)

    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.click("#nav-money")  # the "Plans & money" menu
    page.click("[data-testid=nav-money] >> text=Dự án tài trợ")
    page.click("text=+ Dự án mới")
    page.fill("#id_title", "Trường học an toàn cho giáo viên và học sinh")
    page.fill("input[name=donor__search]", "Giáo dục")
    page.wait_for_selector(f"#id_donor option[value='{ei.pk}']", state="attached")
    page.select_option("#id_donor", str(ei.pk))
    page.select_option("#id_status", "running")
    page.fill("#id_start_on", "01/01/2024")
    page.fill("#id_end_on", "31/12/2025")
    page.select_option("#id_currency", "USD")
    page.fill("#id_budget_amount", "40000")
    page.fill("#id_budget_rate", "24500")
    shot(page, "sponsorship-01-new-project")
    page.click("#project-form button[type=submit]")
    page.wait_for_url("**/sponsorship/*/")
    project = Project.objects.get()
    assert project.budget_vnd == 980_000_000

    page.fill("#id_money-received_on", "15/03/2024")
    page.select_option("#id_money-currency", "USD")
    page.fill("#id_money-amount", "10000")
    page.fill("#id_money-rate", "25400")
    page.fill("#id_money-note", "Đợt 1")
    page.click("[data-testid=money-form] button[type=submit]")
    page.wait_for_selector("[data-testid=disbursements] >> text=Đợt 1")
    assert page.inner_text("[data-testid=project-received]").startswith("254.000.000")
    page.fill("#id_report-title", "Báo cáo 6 tháng")
    page.fill("#id_report-due_on", "31/07/2024")
    page.click("text=Thêm")
    page.wait_for_selector("[data-testid=donor-reports] >> text=Quá hạn")
    shot(page, "sponsorship-02-project-page")

    leader = page_factory()
    sign_in(leader, live_server, people.vgcl_leader.username)
    leader.goto(f"{live_server.url}/reports/?unit={tree.vgcl.pk}&start=2024-01-01&end=2024-12-31")
    section = leader.locator("[data-breakdown=donor]")
    assert "Quốc tế Giáo dục" in section.inner_text() and "254.000.000" in section.inner_text()
    shot(leader, "sponsorship-03-report")
    section.locator("a", has_text="Quốc tế Giáo dục").click()
    leader.wait_for_selector("[data-testid=received-total]")
    assert leader.inner_text("[data-testid=received-total]").startswith("254.000.000")
    shot(leader, "sponsorship-04-list-from-report")
