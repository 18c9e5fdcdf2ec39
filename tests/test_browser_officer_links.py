"""A delegation member picked from the officers' register, in a real browser, in Vietnamese: the picker
offers the chosen unit's officers, the member links to the officer, whose page lists trips abroad."""

import datetime
from pathlib import Path

from solidarity.accounts.permissions import Role
from solidarity.accounts.testing import make_user
from solidarity.delegations.tests.factories import add_member, make_delegation
from solidarity.records.workflow import ApprovalState
from solidarity.staff.models import Officer
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS
SHOTS = Path("/tmp/shots")


def _shots(page, name):
    shot(page, name)
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"links-{name}.png"), full_page=True)


def test_an_officer_picks_a_member_from_the_register_and_sees_his_trips(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN Kha Văn Tám on Nghệ An's and Hà Nội's registers (one account), with trips from both units
    WHEN Nghệ An's officer adds him to a draft delegation by typing his name in the officer picker
    THEN the member row links to his record, whose page lists his trips abroad with a count per year
    """
    settings.LANGUAGE_CODE = "vi"
    user = make_user("kha.van.tam", (tree.nghe_an, Role.VIEWER), (tree.ha_noi, Role.VIEWER))
    chair = Officer.objects.create(
        owner_unit=tree.nghe_an, full_name="Kha Văn Tám", user=user, position="Chủ tịch LĐLĐ tỉnh",
        employment="full_time", started_year=2010,
    )  # fmt: skip
    Officer.objects.create(
        owner_unit=tree.nghe_an, full_name="Khà Thị Mai", employment="part_time", started_year=2020
    )
    seconded = Officer.objects.create(
        owner_unit=tree.ha_noi, full_name="Kha Văn Tám", user=user, employment="part_time", started_year=2018
    )
    for unit, officer, title, start in (
        (tree.nghe_an, chair, "Đoàn Nghệ An thăm Xiêng Khoảng", datetime.date(2025, 2, 10)),
        (tree.ha_noi, seconded, "Đoàn Hà Nội dự hội nghị tại Viêng Chăn", datetime.date(2025, 5, 5)),
        (tree.nghe_an, chair, "Đoàn Nghệ An sang Trung Quốc", datetime.date(2024, 10, 1)),
    ):
        trip = make_delegation(unit, state=ApprovalState.APPROVED, title=title, start=start)
        add_member(trip, "Kha Văn Tám", unit, key=True, officer=officer, role="head")
    draft = make_delegation(
        tree.nghe_an, title="Đoàn Nghệ An sang Campuchia", start=datetime.date(2025, 9, 8)
    )

    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.click("#add-member summary")
    page.fill("input[name=member-officer__search]", "Kha")
    page.wait_for_selector(f"#id_member-officer option[value='{chair.pk}']", state="attached")
    assert f"option[value='{seconded.pk}']" not in page.inner_html("#id_member-officer")
    page.select_option("#id_member-officer", str(chair.pk))
    page.select_option("#id_member-role", "head")
    page.check("#id_member-is_key_leader")
    page.locator("#add-member").scroll_into_view_if_needed()
    _shots(page, "01-member-picker")
    page.click("#add-member button[type=submit]")
    page.wait_for_selector("[data-testid=member-officer]")
    member = draft.members.get()
    assert (member.officer, member.full_name, member.title) == (chair, "Kha Văn Tám", "Chủ tịch LĐLĐ tỉnh")
    # The third trip of 2025, one of them recorded by Hà Nội: the travel rules warn.
    assert "3" in page.inner_text("main")
    _shots(page, "02-delegation-linked")

    page.click("[data-testid=member-officer]")
    page.wait_for_url(f"**/staff/{chair.pk}/")
    trips = page.inner_text("[data-testid=trips]")
    assert "Đoàn Nghệ An sang Campuchia" in trips and "Đoàn Hà Nội" not in trips  # not hers to see
    assert "Năm 2025: 2 chuyến" in page.inner_text("[data-testid=trips-per-year]")
    _shots(page, "03-officer-trips")

    phone = page_factory(viewport=(390, 844))
    sign_in(phone, live_server, people.vgcl_leader.username)
    phone.goto(f"{live_server.url}{chair.get_absolute_url()}#trips")
    assert "Đoàn Hà Nội dự hội nghị tại Viêng Chăn" in phone.inner_text("[data-testid=trips]")
    _shots(phone, "04-officer-trips-phone")
    phone.goto(f"{live_server.url}{draft.get_absolute_url()}")
    phone.click("#add-member summary")
    _shots(phone, "05-member-form-phone")
