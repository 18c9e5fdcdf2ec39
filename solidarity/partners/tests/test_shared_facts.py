"""A partner's shared facts: any working unit changes them, all see who did, the level above can undo it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import make_user
from solidarity.partners import services
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink
from solidarity.partners.selectors import partner_fact_changes

pytestmark = pytest.mark.django_db

OLD_NAME = "Liên hiệp Công đoàn tỉnh Xiêng Khoảng"
NEW_NAME = "Công đoàn Xiêng Khoảng (đổi tên sai)"


@pytest.fixture
def xieng_khoang(tree):
    partner = Partner.objects.create(name=OLD_NAME, kind=PartnerKind.REGIONAL_UNION, country="LA")
    for unit in (tree.nghe_an, tree.ha_noi, tree.ky_son, tree.vinh):
        PartnerLink.objects.create(partner=partner, unit=unit)
    return partner


@pytest.fixture
def ky_son_officer(tree):
    return make_user("ky_son_officer", (tree.ky_son, Role.OFFICER), full_name="Cán bộ Kỳ Sơn")


@pytest.fixture
def vgcl_officer(tree):
    return make_user("vgcl_officer", (tree.vgcl, Role.OFFICER), full_name="Cán bộ TLĐ")


def rename(client, user, partner, name=NEW_NAME):
    partner.refresh_from_db()
    client.force_login(user)
    response = client.post(
        reverse("partners:edit", args=[partner.pk]),
        {"name": name, "kind": partner.kind, "country": "LA", "version": partner.version},
    )
    assert response.status_code == 302
    return partner.history.order_by("-history_id").first()


def revert_url(partner, entry):
    return reverse("partners:change_revert", args=[partner.pk, entry.history_id])


def test_a_change_of_the_shared_facts_is_kept_with_who_when_and_for_which_unit(
    client, people, tree, xieng_khoang
):
    entry = rename(client, people.na_officer, xieng_khoang)

    assert entry.history_user == people.na_officer and entry.changed_by_unit_id == tree.nghe_an.pk
    [change, created] = partner_fact_changes(partner=xieng_khoang)
    assert change.kind == "edited" and created.kind == "created"
    assert change.changes == (("Vietnamese name", OLD_NAME, NEW_NAME),)


def test_every_unit_sees_a_recent_change_announced_on_the_partner_page(client, people, xieng_khoang):
    rename(client, people.na_officer, xieng_khoang)
    client.force_login(people.hn_officer)

    page = client.get(xieng_khoang.get_absolute_url()).content.decode()

    today = timezone.localdate().strftime("%d/%m/%Y")
    assert "Recent changes to the shared facts, seen by every unit" in page
    assert f"Changed by Cán bộ Nghệ An (LĐLĐ Nghệ An) on {today}" in page
    assert f"Vietnamese name was “{OLD_NAME}”, now “{NEW_NAME}”" in page


def test_a_sibling_officer_cannot_revert_a_change(client, people, xieng_khoang):
    """
    GIVEN Nghệ An renamed a partner Hà Nội also works with
    WHEN an officer of Hà Nội (a sibling province) tries to revert the change
    THEN there is no revert button, the revert is refused, and the name stays
    """
    entry = rename(client, people.na_officer, xieng_khoang)
    client.force_login(people.hn_officer)

    assert "Revert…" not in client.get(xieng_khoang.get_absolute_url()).content.decode()
    assert client.get(revert_url(xieng_khoang, entry)).status_code == 403
    assert client.post(revert_url(xieng_khoang, entry)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.partner_change_revert(
            partner=xieng_khoang, history_id=entry.history_id, by=people.hn_officer
        )
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.name == NEW_NAME


@pytest.mark.parametrize("persona", ["na_officer", "na_leader", "na_admin", "vinh_officer"])
def test_the_editors_own_level_and_those_below_cannot_revert(client, people, xieng_khoang, persona):
    entry = rename(client, people.na_officer, xieng_khoang)
    client.force_login(getattr(people, persona))

    assert client.post(revert_url(xieng_khoang, entry)).status_code == 403
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.name == NEW_NAME


def test_an_officer_of_the_level_above_reverts_a_change_after_confirming(
    client, people, tree, xieng_khoang, vgcl_officer
):
    """
    GIVEN Nghệ An renamed the partner
    WHEN an officer of VGCL (the level above) opens the revert page and confirms
    THEN the old name is back, and the revert is itself in the history with who and which unit
    """
    entry = rename(client, people.na_officer, xieng_khoang)
    client.force_login(vgcl_officer)
    assert "Revert…" in client.get(xieng_khoang.get_absolute_url()).content.decode()

    confirm = client.get(revert_url(xieng_khoang, entry))
    assert confirm.status_code == 200 and "Revert this change?" in confirm.content.decode()
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.name == NEW_NAME  # nothing happens before the confirmation

    assert client.post(revert_url(xieng_khoang, entry)).status_code == 302
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.name == OLD_NAME and xieng_khoang.version == 3
    revert, change, _created = partner_fact_changes(partner=xieng_khoang)
    assert revert.kind == "reverted" and revert.by == vgcl_officer and revert.unit == tree.vgcl
    assert change.reverted_by == revert
    page = client.get(xieng_khoang.get_absolute_url()).content.decode()
    assert "Reverted by Cán bộ TLĐ (TLĐ)" in page


def test_a_change_made_for_a_district_is_reverted_by_its_province_not_by_a_sibling_district(
    client, people, xieng_khoang, ky_son_officer
):
    entry = rename(client, ky_son_officer, xieng_khoang)

    client.force_login(people.vinh_officer)  # same level as Kỳ Sơn, also works with the partner
    assert client.post(revert_url(xieng_khoang, entry)).status_code == 403
    client.force_login(people.na_officer)  # the province above
    assert client.post(revert_url(xieng_khoang, entry)).status_code == 302
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.name == OLD_NAME


def test_a_revert_is_refused_when_the_field_was_changed_again_since(
    client, people, xieng_khoang, vgcl_officer
):
    first = rename(client, people.na_officer, xieng_khoang)
    rename(client, people.hn_officer, xieng_khoang, name="Công đoàn tỉnh Xiêng Khoảng")
    client.force_login(vgcl_officer)

    response = client.post(revert_url(xieng_khoang, first), follow=True)

    assert "revert the later change first" in response.content.decode()
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.name == "Công đoàn tỉnh Xiêng Khoảng"


def test_a_change_cannot_be_reverted_twice(people, xieng_khoang, vgcl_officer, client):
    entry = rename(client, people.na_officer, xieng_khoang)
    services.partner_change_revert(partner=xieng_khoang, history_id=entry.history_id, by=vgcl_officer)

    client.force_login(vgcl_officer)
    assert client.post(revert_url(xieng_khoang, entry)).status_code == 403  # no longer offered
    with pytest.raises(Exception, match="already reverted"):
        services.partner_change_revert(partner=xieng_khoang, history_id=entry.history_id, by=vgcl_officer)


def test_a_partner_without_history_rows_still_opens(client, people):
    # Bulk-loaded or imported partners have no history yet; the page must not fail on that.
    from solidarity.partners.models import Partner

    partner = Partner.objects.create(name="Công đoàn Giáo dục Thổ Nhĩ Kỳ", country="TR")
    partner.history.all().delete()
    client.force_login(people.na_officer)
    assert client.get(partner.get_absolute_url()).status_code == 200
