"""Migrant workers' cases in a real browser, in Vietnamese: the list, a case with and without the
personal-data permission (the sensitive fields shown on request), the form; desktop and phone."""

import datetime

from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership
from solidarity.accounts.testing import make_user
from solidarity.migrants import services
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def test_a_case_seen_with_and_without_the_personal_data_permission(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN a Nghệ An case of a worker in Xiêng Khoảng, recorded by an officer with the permission
    WHEN that officer opens it and asks to show the sensitive fields, and a viewer without it opens it
    THEN the officer sees the person (the sensitive values masked until shown), the viewer the case only
    """
    settings.LANGUAGE_CODE = "vi"
    granted = make_user("na_personal", (tree.nghe_an, Role.OFFICER), full_name="Cán bộ có quyền")
    Membership.objects.filter(user=granted).update(personal_data=True)
    case = services.migrantcase_create(
        by=granted, owner_unit=tree.nghe_an, country="LA", sector="construction", situation="unpaid_wages",
        opened_on=datetime.date(2025, 3, 12),
        support_given="Đề nghị LHCĐ tỉnh Xiêng Khoảng làm việc với chủ công trình về tiền lương còn nợ.",
        full_name="Lô Văn Khăm", birth_year=1994, sex="male", home_commune="xã Mường Lống",
        home_province="Nghệ An", workplace_abroad="Công trình đường tại Phôn Xạ Vẳn, Xiêng Khoảng",
        employer="Công ty TNHH Xây dựng Lào - Việt", phone="0912 000 111",
        situation_details="Bị nợ lương ba tháng.", id_number="040094000111", passport_number="C0000111",
        health_notes="Đau lưng",
    )  # fmt: skip
    services.followup_add(
        case=case, by=granted, done_on=datetime.date(2025, 3, 14),
        note="Gửi công văn đề nghị LHCĐ Xiêng Khoảng hỗ trợ đòi lương.", done_by="Ban Đối ngoại",
    )  # fmt: skip
    services.migrantcase_create(
        by=granted, owner_unit=tree.ky_son, country="LA", sector="agriculture", situation="accident",
        opened_on=datetime.date(2024, 11, 5), status="closed", closed_on=datetime.date(2025, 1, 20),
        full_name="Vi Văn Páo",
    )  # fmt: skip

    for width, height, device in ((1366, 768, "desktop"), (390, 844, "phone")):
        page = page_factory(viewport=(width, height))
        sign_in(page, live_server, granted.username)
        page.goto(f"{live_server.url}/migrants/")
        assert "Lô Văn Khăm" in page.inner_text("main")
        shot(page, f"migrants-list-{device}")
        page.screenshot(path=f"/tmp/shots/migrants-list-{device}.png", full_page=True)
        page.goto(f"{live_server.url}{case.get_absolute_url()}")
        assert "040094000111" not in page.inner_text("main")
        page.screenshot(path=f"/tmp/shots/migrants-detail-granted-{device}.png", full_page=True)
        page.click("[data-testid=reveal]")
        page.wait_for_selector("[data-testid=sensitive] >> text=040094000111")
        page.screenshot(path=f"/tmp/shots/migrants-detail-revealed-{device}.png", full_page=True)
        page.goto(f"{live_server.url}/migrants/{case.pk}/edit/")
        page.screenshot(path=f"/tmp/shots/migrants-form-{device}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        viewer = page_factory(viewport=(width, height))
        sign_in(viewer, live_server, people.na_viewer.username)
        viewer.goto(f"{live_server.url}{case.get_absolute_url()}")
        text = viewer.inner_text("main")
        assert "Lô Văn Khăm" not in text and "Xiêng Khoảng" in text
        viewer.screenshot(path=f"/tmp/shots/migrants-detail-nogrant-{device}.png", full_page=True)
        viewer.goto(f"{live_server.url}/migrants/")
        assert "Lô Văn Khăm" not in viewer.inner_text("main")
        viewer.screenshot(path=f"/tmp/shots/migrants-list-nogrant-{device}.png", full_page=True)
        # The page's own content (the top menu with a long user name is the base layout's affair).
        assert viewer.evaluate("document.querySelector('main').scrollWidth") <= width
