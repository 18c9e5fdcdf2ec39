"""Foreign-affairs staff in a real browser, in Vietnamese: an officer added to the register, a training
organised by the province with an officer of a district below, seen on that officer's page."""

from solidarity.staff.models import Officer, Training
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def test_a_province_registers_an_officer_and_trains_a_district_s_officer(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN Kỳ Sơn's officer Lò Văn Bình on the district's register
    WHEN Nghệ An's officer adds an officer speaking Lao, then records a training and adds Lò Văn Bình
    THEN the training lists him with his unit, and his page lists the training
    """
    settings.LANGUAGE_CODE = "vi"
    district = Officer.objects.create(
        owner_unit=tree.ky_son, full_name="Lò Văn Bình", employment="part_time", started_year=2020
    )
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.click("#nav-people")  # "Cán bộ & NLĐ" in the menu
    page.click("[data-testid=nav-people] >> a[href='/staff/']")
    page.click("text=+ Thêm cán bộ")
    page.fill("#id_full_name", "Nguyễn Thị Lan")
    page.fill("#id_position", "Chuyên viên Ban Đối ngoại")
    page.select_option("#id_employment", "full_time")
    page.fill("#id_started_year", "2015")
    page.select_option("#id_languages-0-language", "lo")
    page.select_option("#id_languages-0-level", "B2")
    shot(page, "staff-01-new-officer")
    page.click("#officer-form button[type=submit]")
    page.wait_for_url("**/staff/*/")
    assert page.inner_text("[data-testid=languages]").startswith("Tiếng Lào")
    officer = Officer.objects.get(full_name="Nguyễn Thị Lan")
    assert officer.owner_unit == tree.nghe_an

    page.goto(f"{live_server.url}/staff/trainings/new/")
    page.fill("#id_title", "Bồi dưỡng nghiệp vụ đối ngoại 2025")
    page.fill("#id_starts_on", "09/06/2025")
    page.fill("#id_ends_on", "11/06/2025")
    page.fill("#id_place", "TP. Vinh")
    page.click("#training-form button[type=submit]")
    page.wait_for_url("**/staff/trainings/*/")
    training = Training.objects.get()
    page.fill("input[name=officer__search]", "Bình")
    page.wait_for_selector(f"#id_officer option[value='{district.pk}']", state="attached")
    page.select_option("#id_officer", str(district.pk))
    page.fill("#id_result", "Hoàn thành")
    page.click("#participant-form button[type=submit]")
    page.wait_for_selector("[data-testid=participants] >> text=Lò Văn Bình")
    assert "LĐLĐ Kỳ Sơn" in page.inner_text("[data-testid=participants]")
    shot(page, "staff-02-training")
    assert training.participants.filter(officer=district).exists()

    page.click("[data-testid=participants] >> text=Lò Văn Bình")
    page.wait_for_url(f"**/staff/{district.pk}/")
    assert "Bồi dưỡng nghiệp vụ đối ngoại 2025" in page.inner_text("[data-testid=trainings]")
    shot(page, "staff-03-officer-page")
