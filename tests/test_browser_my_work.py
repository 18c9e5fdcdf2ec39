"""My work in a real browser: a leader's lists, in Vietnamese, on an office PC and on a phone."""

import datetime

from django.utils import timezone

from solidarity.core.choices import ApprovalState
from solidarity.delegations.models import Delegation
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def test_a_leader_opens_my_work_from_the_user_menu_and_sees_what_waits(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN a ward union's delegation submitted to Nghệ An and a draft of the Nghệ An leader
    WHEN the leader opens "Việc của tôi" from the user menu
    THEN the decision and drafts lists show them, and the page fits a phone's width
    """
    settings.LANGUAGE_CODE = "vi"
    start = timezone.localdate() + datetime.timedelta(days=30)
    for unit, state, title, by in (
        (tree.vinh, ApprovalState.SUBMITTED, "Đoàn Vinh Phú sang Lào", people.vinh_officer),
        (tree.nghe_an, ApprovalState.DRAFT, "Đoàn Nghệ An sang Xiêng Khoảng", people.na_leader),
    ):
        Delegation.objects.create(
            owner_unit=unit,
            direction="outgoing",
            title=title,
            start_on=start,
            end_on=start + datetime.timedelta(days=4),
            state=state,
            created_by=by,
        )
    page = page_factory()
    sign_in(page, live_server, people.na_leader.username)
    assert page.locator("[data-testid=panel-decide]").inner_text().startswith("1")
    page.click("a.nav-user")
    page.click("[data-testid=nav-my-work]")
    assert page.locator("h1").inner_text() == "Việc của tôi"
    assert "Đoàn Vinh Phú sang Lào" in page.locator("[data-testid=section-decide]").inner_text()
    assert "Đoàn Nghệ An sang Xiêng Khoảng" in page.locator("[data-testid=section-drafts]").inner_text()
    shot(page, "my-work-leader")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "phone-my-work-leader")
