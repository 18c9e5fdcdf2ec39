"""The administrators' privacy pages in Chromium, desktop and phone: the countdown is our own script."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from solidarity.accounts.models import Membership
from solidarity.contacts.models import Contact
from solidarity.privacy import breaches, retention
from solidarity.privacy.access import log_access
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.testing_admin import contacts_registered
from tests.browser import MARKS, shot, sign_in
from tests.test_browser_csp import watch

pytestmark = MARKS

SHOTS = Path("/tmp/shots")

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


def snap(page, name):
    shot(page, f"privacyadmin-{name}")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"privacyadmin-{name}.png"), full_page=True)


@pytest.fixture
def kind(settings):
    settings.LANGUAGE_CODE = "vi"  # the screenshots are looked at in the users' language
    with contacts_registered() as registered:
        yield registered


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_privacy_pages_render_and_the_countdown_ticks(
    page_factory, live_server, people, tree, kind, size
):
    for i, unit in enumerate([tree.vinh, tree.ky_son, tree.nghe_an]):
        person = Contact.objects.create(owner_unit=unit, full_name=f"Người {i}")
        for action in (AccessAction.VIEW, AccessAction.CHANGE):
            log_access(user=people.na_officer, person=person, action=action)
    now = timezone.now()
    breaches.breach_create(
        by=people.na_admin,
        unit=tree.vinh,
        discovered_at=now - datetime.timedelta(hours=30, minutes=48),
        description="Máy tính xách tay chứa danh sách đoàn ra bị mất",
    )
    breaches.breach_create(
        by=people.na_admin,
        unit=tree.ky_son,
        discovered_at=now - datetime.timedelta(hours=77),
        description="Gửi nhầm thư điện tử có danh sách người lao động",
    )
    retention.retention_set(by=people.superuser, kind_key=kind.key, months=24)
    Membership.objects.filter(user=people.vinh_officer).update(personal_data=True)

    page = page_factory(SIZES[size])
    problems = watch(page)
    sign_in(page, live_server, people.na_admin.username)
    expect(page.locator("[data-testid=open-breaches]")).to_contain_text("Còn 41 giờ")
    snap(page, f"home-{size}")
    page.goto(f"{live_server.url}/privacy/")
    snap(page, f"index-{size}")
    page.goto(f"{live_server.url}/privacy/log/")
    expect(page.locator("table")).to_contain_text("Cán bộ Nghệ An")
    snap(page, f"log-{size}")
    page.goto(f"{live_server.url}/privacy/breaches/")
    expect(page.locator("main")).to_contain_text("Quá hạn 5 giờ")
    snap(page, f"breaches-{size}")
    page.click("text=Máy tính xách tay chứa danh sách đoàn ra bị mất")
    snap(page, f"breach-form-{size}")
    page.goto(f"{live_server.url}/privacy/retention/")
    snap(page, f"retention-{size}")
    membership = Membership.objects.get(user=people.vinh_officer)
    page.goto(f"{live_server.url}/users/roles/{membership.pk}/edit/")
    expect(page.locator("input[name=personal_data]")).to_be_checked()
    snap(page, f"membership-{size}")
    page.goto(f"{live_server.url}/users/{people.vinh_officer.pk}/")
    snap(page, f"user-{size}")
    assert not problems, problems


def test_retention_page_for_a_national_administrator(page_factory, live_server, people, tree, kind):
    Contact.objects.create(owner_unit=tree.vinh, full_name="Cũ")
    retention.retention_set(by=people.superuser, kind_key=kind.key, months=24)
    page = page_factory()
    problems = watch(page)
    sign_in(page, live_server, people.vgcl_admin.username)
    page.goto(f"{live_server.url}/privacy/retention/?preview=1")
    expect(page.locator("[data-testid=retention-preview]")).to_be_visible()
    snap(page, "retention-national")
    page.set_viewport_size({"width": 390, "height": 844})
    snap(page, "retention-national-phone")
    assert not problems, problems
