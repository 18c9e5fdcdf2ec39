"""Two people editing a partner's shared facts, or a unit's notes on it: no edit is lost unseen."""

import pytest
from django.urls import reverse

from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def xieng_khoang(tree):
    partner = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )
    PartnerLink.objects.create(partner=partner, unit=tree.nghe_an, notes="Biên bản 2017")
    return partner


def edit_partner(client, user, partner, **changes):
    client.force_login(user)
    data = {"name": partner.name, "kind": partner.kind, "country": "LA", "version": 1, **changes}
    return client.post(reverse("partners:edit", args=[partner.pk]), data)


def edit_notes(client, user, link, **changes):
    client.force_login(user)
    data = {"notes": link.notes, "is_active": "1", "version": 1, **changes}
    return client.post(reverse("partners:link_edit", args=[link.pk]), data)


def test_a_stale_edit_of_the_shared_facts_is_refused_with_the_differences(client, people, xieng_khoang):
    """
    GIVEN two officers opened the same partner
    WHEN the first saves a short name and the second then saves another one
    THEN the second is refused (409) with both values shown, and the first edit stays
    """
    assert edit_partner(client, people.na_officer, xieng_khoang, short_name="XK").status_code == 302

    response = edit_partner(client, people.vgcl_leader, xieng_khoang, short_name="LHCĐ XK")

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this record while you were editing it." in page
    assert "“XK”" in page and "“LHCĐ XK”" in page
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.short_name == "XK" and xieng_khoang.version == 2


def test_a_form_opened_before_a_partner_was_deactivated_does_not_save_over_it(client, people, xieng_khoang):
    client.force_login(people.na_officer)
    client.post(reverse("partners:set_active", args=[xieng_khoang.pk]), {"active": "0"})

    assert edit_partner(client, people.na_officer, xieng_khoang, short_name="XK").status_code == 409
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.short_name == "" and not xieng_khoang.is_active


def test_a_stale_edit_of_a_units_notes_is_refused_with_the_differences(client, people, xieng_khoang):
    """
    GIVEN two people of Nghệ An opened their unit's notes on the partner
    WHEN the first saves and the second then saves other notes
    THEN the second is refused (409) with both texts shown, and the first notes stay
    """
    link = xieng_khoang.links.get()
    assert edit_notes(client, people.na_officer, link, notes="Giai đoạn 2022–2024").status_code == 302

    response = edit_notes(client, people.vgcl_leader, link, notes="Đoàn ra 2023")

    assert response.status_code == 409
    page = response.content.decode()
    assert "Giai đoạn 2022–2024" in page and "Đoàn ra 2023" in page
    link.refresh_from_db()
    assert link.notes == "Giai đoạn 2022–2024" and link.version == 2
