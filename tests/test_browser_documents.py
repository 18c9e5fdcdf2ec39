"""Scans of identity documents in a real browser, in Vietnamese: stored through the privacy panel of a
migrant worker's case, listed for the permission holder, only counted for a viewer without it."""

import datetime

from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership
from solidarity.accounts.testing import make_user
from solidarity.migrants import services
from solidarity.privacy.models import SensitiveDocument
from tests.browser import MARKS, sign_in

pytestmark = MARKS

SCAN = b"%PDF-1.4\n% HO CHIEU C0000111\n%%EOF\n"


def test_a_passport_scan_stored_and_listed_on_a_case(
    live_server, people, tree, page_factory, settings, tmp_path
):
    """
    GIVEN a Nghệ An case, an officer of Nghệ An with the personal-data permission
    WHEN the officer stores a passport scan through the panel
    THEN it is listed with its kind and name (encrypted on disk); a viewer without the permission sees a count
    """
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = tmp_path / "media"
    granted = make_user("na_personal", (tree.nghe_an, Role.OFFICER), full_name="Cán bộ có quyền")
    Membership.objects.filter(user=granted).update(personal_data=True)
    case = services.migrantcase_create(
        by=granted, owner_unit=tree.nghe_an, country="LA", sector="construction", situation="unpaid_wages",
        opened_on=datetime.date(2025, 3, 12), full_name="Lô Văn Khăm", passport_number="C0000111",
    )  # fmt: skip
    upload = tmp_path / "Hộ chiếu Lô Văn Khăm.pdf"
    upload.write_bytes(SCAN)

    for width, height, device in ((1366, 768, "desktop"), (390, 844, "phone")):
        page = page_factory(viewport=(width, height))
        sign_in(page, live_server, granted.username)
        page.goto(f"{live_server.url}{case.get_absolute_url()}")
        if device == "desktop":
            page.select_option("#document-kind", "passport")
            page.set_input_files("#document-file", str(upload))
            page.click("[data-testid=document-upload] button[type=submit]")
            page.wait_for_selector("[data-testid=sensitive-document]")
        text = page.inner_text("[data-testid=privacy-panel]")
        assert (
            "Giấy tờ tùy thân (mã hoá)" in text and "Ảnh hộ chiếu" in text and "Hộ chiếu Lô Văn Khăm" in text
        )
        page.locator("[data-testid=privacy-panel]").screenshot(path=f"/tmp/shots/scans-panel-{device}.png")
        page.screenshot(path=f"/tmp/shots/scans-case-{device}.png", full_page=True)
        assert page.evaluate("document.querySelector('main').scrollWidth") <= width

        viewer = page_factory(viewport=(width, height))
        sign_in(viewer, live_server, people.na_viewer.username)
        viewer.goto(f"{live_server.url}{case.get_absolute_url()}")
        text = viewer.inner_text("[data-testid=privacy-panel]")
        assert "1 giấy tờ tùy thân (mã hoá)" in text and "Hộ chiếu Lô Văn Khăm" not in text
        viewer.locator("[data-testid=privacy-panel]").screenshot(
            path=f"/tmp/shots/scans-panel-nogrant-{device}.png"
        )

    document = SensitiveDocument.objects.get()
    with document.file.open("rb") as stored:
        assert b"C0000111" not in stored.read()

    # Removing a scan asks first: dismissed, it stays; accepted, it is gone.
    page = page_factory(viewport=(1366, 768))
    sign_in(page, live_server, granted.username)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.click("[data-testid=document-remove]")
    assert questions == ["Xoá hẳn bản quét này? Không thể khôi phục lại."]
    assert SensitiveDocument.objects.count() == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=document-remove]")
    page.wait_for_selector("[data-testid=sensitive-document]", state="detached")
    assert not SensitiveDocument.objects.exists()
