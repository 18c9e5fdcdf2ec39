"""Real-browser test of the personal data panel on a contact's page, the consent form and the requests queue.

Contacts are registered as a person kind for this test only (the contacts app registers its own).
Screenshots at 1366px and 390px land in test-artifacts/ (and /tmp/shots/ when it exists).
"""

import datetime
from pathlib import Path

import pytest

from solidarity.accounts.models import Membership
from solidarity.contacts.models import Contact
from solidarity.privacy import services
from solidarity.privacy.tests.kinds import CONTACT, registered
from tests.browser import MARKS, shot

pytestmark = MARKS

SHOTS = Path("/tmp/shots")
PDF = b"%PDF-1.4\n%x\n%%EOF\n"


@pytest.fixture(autouse=True)
def _contacts_are_people(settings, tmp_path):
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = tmp_path
    with registered(CONTACT):
        yield


def snap(page, name):
    shot(page, f"privacy-{name}")
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"privacy-{name}.png"), full_page=True)


def sign_in(page, live_server, username):
    from solidarity.accounts.testing import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_an_officer_with_the_grant_records_consent_and_a_request_and_the_admin_sees_the_queue(
    live_server, people, tree, page_factory, tmp_path
):
    """
    GIVEN a Nghệ An contact and the Nghệ An officer and administrator holding the personal data permission
    WHEN the officer records a consent without evidence THEN the form says so in Vietnamese;
     AND WHEN with a signed form attached THEN the panel lists it in force, with its file
     AND WHEN a request is recorded THEN the panel shows its deadlines and the admin's queue lists it
    """
    Membership.objects.filter(user__in=[people.na_officer, people.na_admin], unit=tree.nghe_an).update(
        personal_data=True
    )
    contact = Contact.objects.create(
        owner_unit=tree.nghe_an,
        full_name="Bounmy Phommachanh",
        title="Phó Chủ tịch",
        email="bounmy@example.la",
        phone="+856 20 5555 1234",
        created_by=people.na_officer,
    )
    old = services.request_record(
        user=people.na_officer,
        person=contact,
        kind="access",
        received_on=datetime.date.today() - datetime.timedelta(days=30),
        details="Xin bản sao thông tin đang lưu",
    )
    assert old.is_overdue
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}{contact.get_absolute_url()}")
    page.click("[data-testid=privacy-panel] >> text=Ghi nhận sự đồng ý")
    page.check("input[name=purposes][value=cooperation]")
    page.check("input[name=purposes][value=travel]")
    page.click("main form button.btn-primary")
    assert "bằng chứng" in page.inner_text(".invalid-feedback")
    snap(page, "consent-form-error")

    evidence = tmp_path / "phieu-dong-y.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("input[name=file]", str(evidence))
    page.fill("#id_evidence_note", "Phiếu đồng ý ký ngày hôm nay, bản gốc lưu tại Ban Đối ngoại LĐLĐ tỉnh.")
    page.click("main form button.btn-primary")
    page.wait_for_url(f"**{contact.get_absolute_url()}")
    panel = page.locator("[data-testid=privacy-panel]")
    assert "Đang hiệu lực" in panel.inner_text() or "hiệu lực" in panel.inner_text()
    assert "phieu-dong-y.pdf" in panel.inner_text()

    page.click("[data-testid=privacy-panel] >> text=Ghi nhận yêu cầu")
    page.select_option("#id_kind", "correct")
    page.fill("#id_details", "Sửa số điện thoại mới")
    page.click("main form button.btn-primary")
    page.wait_for_url(f"**{contact.get_absolute_url()}")
    assert page.locator("[data-testid=subject-request]").count() == 2
    snap(page, "panel-desktop")

    phone = page_factory(viewport=(390, 844))
    sign_in(phone, live_server, people.na_officer.username)
    phone.goto(f"{live_server.url}{contact.get_absolute_url()}")
    snap(phone, "panel-phone")
    phone.click("[data-testid=privacy-panel] >> text=Ghi nhận sự đồng ý")
    snap(phone, "consent-form-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    admin = page_factory()
    sign_in(admin, live_server, people.na_admin.username)
    admin.goto(f"{live_server.url}/privacy/requests/")
    rows = admin.locator("[data-testid=queue-row]")
    assert rows.count() == 2
    assert rows.first.get_attribute("data-overdue") == "1"
    snap(admin, "queue-desktop")
    admin_phone = page_factory(viewport=(390, 844))
    sign_in(admin_phone, live_server, people.na_admin.username)
    admin_phone.goto(f"{live_server.url}/privacy/requests/")
    snap(admin_phone, "queue-phone")

    viewer = page_factory()
    sign_in(viewer, live_server, people.na_leader.username)
    viewer.goto(f"{live_server.url}{contact.get_absolute_url()}")
    counts = viewer.inner_text("[data-testid=privacy-counts]")
    assert "Có 1 sự đồng ý đang hiệu lực" in counts and "Ban Đối ngoại" not in viewer.inner_text("main")
    snap(viewer, "panel-without-grant")

    # The person asks for deletion; carried out, the page says so and shows nothing of them.
    page.click("[data-testid=privacy-panel] >> text=Ghi nhận yêu cầu")
    page.select_option("#id_kind", "delete")
    page.click("main form button.btn-primary")
    page.wait_for_url(f"**{contact.get_absolute_url()}")
    page.click("[data-testid=subject-request]:has-text('Xoá dữ liệu của mình') >> text=Trả lời")
    page.check("input[name=state][value=done]")
    page.fill("#id_answer", "Đã xoá toàn bộ dữ liệu cá nhân theo yêu cầu.")
    snap(page, "answer-delete")
    page.click("main form button.btn-primary")
    page.wait_for_url(f"**{contact.get_absolute_url()}")
    assert "Dữ liệu cá nhân đã được xoá theo yêu cầu ngày" in page.inner_text("[data-testid=privacy-erased]")
    assert "Bounmy" not in page.inner_text("main")
    snap(page, "panel-erased")
