"""Type-to-search pickers keep what was chosen until the user picks another or clears it.

Headless Debian Chromium driven by Playwright; screenshots land in test-artifacts/.
"""

import datetime

from solidarity.agreements import services as agreement_services
from solidarity.agreements.choices import AgreementStatus, AgreementType
from solidarity.agreements.models import Commitment
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink
from solidarity.units.models import Unit
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def _commitment(people, tree, *, responsible_unit):
    partner = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )
    PartnerLink.objects.create(partner=partner, unit=tree.nghe_an)
    agreement = agreement_services.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[partner],
        title="Biên bản hợp tác Nghệ An – Xiêng Khoảng",
        agreement_type=AgreementType.COOPERATION_AGREEMENT,
        status=AgreementStatus.IN_FORCE,
        signed_on=datetime.date(2017, 5, 10),
        is_international_agreement=False,
    )
    return agreement_services.commitment_create(
        by=people.na_officer,
        agreement=agreement,
        description="Trao đổi đoàn cán bộ công đoàn cấp huyện",
        due_year=2026,
        responsible_unit=responsible_unit,
    )


def _save(page, url_glob):
    page.click("main button.btn-primary[type=submit]")
    page.wait_for_url(url_glob)


def test_a_picker_typed_in_without_picking_keeps_its_chosen_unit_and_can_still_be_cleared(
    live_server, people, tree, page_factory
):
    """
    GIVEN a commitment whose responsible unit is Kỳ Sơn
    WHEN the officer types "Vinh" in the responsible unit's search box and saves without picking
    THEN the commitment still names Kỳ Sơn;
     picking Vinh Phú from the matches saves Vinh Phú, and choosing the empty entry clears it
    """
    commitment = _commitment(people, tree, responsible_unit=tree.ky_son)
    edit_url = f"{live_server.url}/agreements/commitments/{commitment.pk}/edit/"
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)

    page.goto(edit_url)
    page.fill("input[name=responsible_unit__search]", "Vinh")
    page.wait_for_selector(f"#id_responsible_unit option[value='{tree.vinh.pk}']", state="attached")
    assert page.locator("#id_responsible_unit").input_value() == str(tree.ky_son.pk)
    shot(page, "picker-01-typed-without-picking")
    _save(page, "**/commitments/*/")
    assert Commitment.objects.get(pk=commitment.pk).responsible_unit == tree.ky_son

    page.goto(edit_url)
    page.fill("input[name=responsible_unit__search]", "Vinh")
    page.wait_for_selector(f"#id_responsible_unit option[value='{tree.vinh.pk}']", state="attached")
    page.select_option("#id_responsible_unit", str(tree.vinh.pk))
    page.fill("input[name=responsible_unit__search]", "Kỳ")  # a second search keeps the new pick
    page.wait_for_selector(f"#id_responsible_unit option[value='{tree.ky_son.pk}']", state="attached")
    assert page.locator("#id_responsible_unit").input_value() == str(tree.vinh.pk)
    _save(page, "**/commitments/*/")
    assert Commitment.objects.get(pk=commitment.pk).responsible_unit == tree.vinh

    page.goto(edit_url)
    page.select_option("#id_responsible_unit", "")
    _save(page, "**/commitments/*/")
    assert Commitment.objects.get(pk=commitment.pk).responsible_unit is None


def test_the_unit_picker_keeps_a_picked_unit_when_the_user_searches_again(
    live_server, people, tree, page_factory
):
    """
    GIVEN the Nghệ An administrator moving the school union (under Vinh Phú)
    WHEN they search "Kỳ", pick Kỳ Sơn, then search "Vinh" again without picking
    THEN Kỳ Sơn stays chosen and the school moves under Kỳ Sơn
    """
    page = page_factory()
    sign_in(page, live_server, people.na_admin.username)
    page.goto(f"{live_server.url}/units/{tree.school.pk}/move/")
    search = page.locator("#id_new_parent input[type=search]")
    search.fill("Kỳ")
    page.check(f"#id_new_parent .unit-picker-results input[value='{tree.ky_son.pk}']")
    search.fill("Vinh")
    page.wait_for_selector(f"#id_new_parent .unit-picker-results input[value='{tree.vinh.pk}']")
    assert page.locator(f"#id_new_parent input[value='{tree.ky_son.pk}']").is_checked()
    shot(page, "picker-02-unit-picker-searched-again")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/units/{tree.school.pk}/")
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree.school.pk)) == tree.ky_son


def test_an_optional_unit_picker_can_be_cleared_after_a_pick(live_server, people, tree, page_factory):
    """
    GIVEN the Nghệ An administrator dissolving Vinh Phú, whose units below may go to another unit
    WHEN they pick Kỳ Sơn for them, then choose "No unit"
    THEN the form sends no unit (they go to the parent), and Kỳ Sơn is no longer chosen
    """
    page = page_factory()
    sign_in(page, live_server, people.na_admin.username)
    page.goto(f"{live_server.url}/units/{tree.vinh.pk}/dissolve/")
    picker = "#id_children_to"
    assert page.locator(f"{picker} input[value='']").is_checked()
    page.locator(f"{picker} input[type=search]").fill("Kỳ")
    page.check(f"{picker} .unit-picker-results input[value='{tree.ky_son.pk}']")
    assert page.evaluate("new FormData(document.querySelector('main form')).get('children_to')") == str(
        tree.ky_son.pk
    )
    page.check(f"{picker} input[value='']")
    assert page.evaluate("new FormData(document.querySelector('main form')).get('children_to')") == ""
    shot(page, "picker-03-optional-unit-picker-cleared")
