"""Personal data in a real browser, in Vietnamese: a contact's page with and without the grant, and a
delegation's members with their passports masked until "Hiện"."""

from pathlib import Path

from solidarity.accounts.models import Membership
from solidarity.contacts import services as contacts
from solidarity.delegations import services as delegations
from solidarity.delegations.tests.factories import make_delegation
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS
SHOTS = Path("/tmp/shots")


def _shot(page, name):
    shot(page, f"persons-{name}")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"persons-{name}.png"), full_page=True)


def test_personal_data_is_masked_shown_on_request_and_hidden_without_the_grant(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN a contact with a passport number and a delegation whose members have passports
    WHEN Nghệ An's officer, holding the personal-data grant, opens them and presses "Hiện"
    THEN the values appear masked first, in full after; without the grant, none of them appears
    """
    settings.LANGUAGE_CODE = "vi"
    Membership.objects.filter(user__in=[people.na_admin, people.na_officer]).update(personal_data=True)
    contact = contacts.contact_create(
        by=people.na_admin,
        owner_unit=tree.nghe_an,
        full_name="Bua Khăm Phôm Ma Chăn",
        title="Phó Chủ tịch Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
        email="bua@example.la",
        phone="+856 20 555 1234",
        union_membership="Liên hiệp Công đoàn Lào, thẻ số 4411",
        id_document_number="P7712345",
    )
    delegation = make_delegation(tree.nghe_an)
    for name, passport in (("Nguyễn Văn An", "C1234567"), ("Lê Thị Bình", "C7654321")):
        delegations.member_add(
            delegation=delegation,
            by=people.na_admin,
            full_name=name,
            unit=tree.nghe_an,
            title="Phó Chủ tịch",
            passport_number=passport,
            phone="0912 345 678",
            health_notes="Ăn chay, dị ứng hải sản",
        )

    for width, label in ((1366, "desktop"), (390, "phone")):
        page = page_factory(viewport=(width, 900))
        sign_in(page, live_server, people.na_officer.username)
        page.goto(f"{live_server.url}{contact.get_absolute_url()}")
        assert "P7712345" not in page.inner_text("main")
        _shot(page, f"contact-masked-{label}")
        page.click("#personal >> text=Hiện")
        page.wait_for_url("**?show=1#personal")
        assert "P7712345" in page.inner_text("main")
        _shot(page, f"contact-shown-{label}")
        page.goto(f"{live_server.url}{delegation.get_absolute_url()}")
        assert "C1234567" not in page.inner_text("[data-testid=members]")
        _shot(page, f"delegation-members-{label}")
        page.close()

    Membership.objects.filter(user=people.na_officer).update(personal_data=False)
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}{contact.get_absolute_url()}")
    text = page.inner_text("main")
    assert "Bua Khăm Phôm Ma Chăn" in text and "bua@example.la" not in text and "••••" not in text
    _shot(page, "contact-without-grant")
    page.goto(f"{live_server.url}{delegation.get_absolute_url()}")
    assert "••••" not in page.inner_text("[data-testid=members]")
