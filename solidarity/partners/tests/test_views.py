"""Partner directory: shared public facts, unit-owned notes, edit rights, duplicates."""

import pytest
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.contacts.models import Contact
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def xieng_khoang(tree):
    partner = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )
    PartnerLink.objects.create(partner=partner, unit=tree.nghe_an, notes="Biên bản hợp tác 2017")
    return partner


def test_anonymous_users_are_sent_to_sign_in(client, xieng_khoang):
    for url in [reverse("partners:list"), xieng_khoang.get_absolute_url(), reverse("partners:create")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_every_signed_in_user_sees_the_shared_directory(client, people, xieng_khoang):
    login(client, people.hn_officer)
    assert "Xiêng Khoảng" in client.get(reverse("partners:list")).content.decode()
    page = client.get(xieng_khoang.get_absolute_url()).content.decode()
    assert "Liên đoàn Lao động tỉnh Nghệ An" in page  # which units work with it: public


def test_a_units_notes_are_hidden_from_a_sibling_unit(client, people, xieng_khoang):
    login(client, people.hn_officer)
    assert "Biên bản hợp tác 2017" not in client.get(xieng_khoang.get_absolute_url()).content.decode()
    client.logout()
    login(client, people.na_viewer)
    assert "Biên bản hợp tác 2017" in client.get(xieng_khoang.get_absolute_url()).content.decode()


def test_a_units_contacts_at_a_partner_are_hidden_from_a_sibling_unit(client, people, tree, xieng_khoang):
    Contact.objects.create(owner_unit=tree.nghe_an, partner=xieng_khoang, full_name="Phu Von Si Khăm On")
    login(client, people.hn_officer)
    assert "Phu Von" not in client.get(xieng_khoang.get_absolute_url()).content.decode()
    client.logout()
    login(client, people.vgcl_leader)
    assert "Phu Von" in client.get(xieng_khoang.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("na_officer", True),  # own unit works with it
        ("vgcl_leader", True),  # the level above
        ("na_viewer", False),  # viewers never edit
        ("vinh_officer", False),  # a child unit does not edit its parent's partner
        ("hn_officer", False),  # sibling
        ("outsider", False),
    ],
)
def test_only_officers_of_working_units_and_above_edit_a_partner(
    client, people, xieng_khoang, persona, allowed
):
    login(client, getattr(people, persona))
    url = reverse("partners:edit", args=[xieng_khoang.pk])
    response = client.post(
        url,
        {
            "name": "Liên hiệp Công đoàn tỉnh Xiêng Khoảng (sửa)",
            "kind": "regional_union",
            "country": "LA",
            "version": 1,
        },
    )
    xieng_khoang.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert xieng_khoang.name.endswith("(sửa)")
    else:
        assert response.status_code == 403
        assert not xieng_khoang.name.endswith("(sửa)")


def test_an_officer_creates_a_partner_linked_to_their_unit(client, people, tree):
    login(client, people.na_officer)
    response = client.post(
        reverse("partners:create"),
        {
            "name": "Liên hiệp Công đoàn huyện Noọng Hét",
            "name_original": "Nong Het District Trade Union",
            "kind": "regional_union",
            "country": "LA",
            "unit": tree.nghe_an.pk,
            "notes": "Huyện biên giới giáp Kỳ Sơn",
        },
    )
    partner = Partner.objects.get(name="Liên hiệp Công đoàn huyện Noọng Hét")
    assert response.status_code == 302 and response.url == partner.get_absolute_url()
    assert list(partner.links.values_list("unit_id", "notes")) == [
        (tree.nghe_an.pk, "Huyện biên giới giáp Kỳ Sơn")
    ]
    assert partner.created_by == people.na_officer


def test_a_duplicate_name_ignoring_case_and_diacritics_is_refused_with_a_link(
    client, people, tree, xieng_khoang
):
    login(client, people.hn_officer)
    response = client.post(
        reverse("partners:create"),
        {
            "name": "LIEN HIEP CONG DOAN TINH XIENG KHOANG",
            "kind": "regional_union",
            "country": "LA",
            "unit": tree.ha_noi.pk,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert xieng_khoang.get_absolute_url() in page
    assert Partner.objects.count() == 1


def test_the_same_name_in_another_country_is_a_different_partner(client, people, tree, xieng_khoang):
    login(client, people.hn_officer)
    client.post(
        reverse("partners:create"),
        {
            "name": "Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
            "kind": "regional_union",
            "country": "TH",
            "unit": tree.ha_noi.pk,
        },
    )
    assert Partner.objects.count() == 2


def test_an_invalid_partner_saves_nothing_and_says_why(client, people, tree):
    login(client, people.na_officer)
    response = client.post(
        reverse("partners:create"), {"name": "", "kind": "", "website": "not a url", "unit": tree.nghe_an.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"name", "kind", "website"}
    assert Partner.objects.count() == 0 and PartnerLink.objects.count() == 0


def test_an_officer_cannot_record_a_partner_for_a_sibling_unit(client, people, tree):
    login(client, people.na_officer)
    response = client.post(
        reverse("partners:create"),
        {"name": "Tổ chức X", "kind": "ngo", "country": "FR", "unit": tree.ha_noi.pk},
    )
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert Partner.objects.count() == 0


def test_viewers_and_outsiders_cannot_create_partners(client, people):
    for persona in (people.na_viewer, people.outsider):
        login(client, persona)
        assert client.get(reverse("partners:create")).status_code == 403
        client.logout()


def test_searching_without_diacritics_finds_the_partner(client, people, xieng_khoang):
    login(client, people.hn_officer)
    response = client.get(reverse("partners:list"), {"q": "xieng khoang"})
    assert list(response.context["page_obj"]) == [xieng_khoang]
    response = client.get(reverse("partners:list"), {"q": "XIÊNG KHOANG"})
    assert list(response.context["page_obj"]) == [xieng_khoang]


def test_filters_by_kind_country_and_working_unit(client, people, tree, xieng_khoang):
    act = Partner.objects.create(
        name="Hội đồng Giáo viên ASEAN", kind=PartnerKind.INTERNATIONAL_FEDERATION, country="ID"
    )
    PartnerLink.objects.create(partner=act, unit=tree.education)
    login(client, people.vgcl_leader)
    url = reverse("partners:list")
    assert list(client.get(url, {"kind": "international_federation"}).context["page_obj"]) == [act]
    assert list(client.get(url, {"country": "LA"}).context["page_obj"]) == [xieng_khoang]
    assert list(client.get(url, {"unit": tree.education.pk}).context["page_obj"]) == [act]


def test_mine_shows_only_partners_of_my_units(client, people, tree, xieng_khoang):
    Partner.objects.create(name="Đối tác khác", kind=PartnerKind.NGO, country="FR")
    login(client, people.na_officer)
    assert list(client.get(reverse("partners:list"), {"mine": "true"}).context["page_obj"]) == [xieng_khoang]


def test_a_deactivated_partner_leaves_the_default_list_and_can_come_back(client, people, xieng_khoang):
    login(client, people.na_officer)
    client.post(reverse("partners:set_active", args=[xieng_khoang.pk]), {"active": "0"})
    xieng_khoang.refresh_from_db()
    assert not xieng_khoang.is_active
    assert list(client.get(reverse("partners:list")).context["page_obj"]) == []
    assert list(client.get(reverse("partners:list"), {"active": "0"}).context["page_obj"]) == [xieng_khoang]
    client.post(reverse("partners:set_active", args=[xieng_khoang.pk]), {"active": "1"})
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.is_active


def test_a_sibling_cannot_deactivate_a_partner(client, people, xieng_khoang):
    login(client, people.hn_officer)
    assert (
        client.post(reverse("partners:set_active", args=[xieng_khoang.pk]), {"active": "0"}).status_code
        == 403
    )


def test_another_unit_adds_itself_to_an_existing_partner(client, people, tree, xieng_khoang):
    """
    GIVEN Nghệ An works with Xiêng Khoảng
    WHEN a Hà Nội officer adds Hà Nội as working with it
    THEN both units are listed, and the Hà Nội officer may now edit the partner
    """
    login(client, people.hn_officer)
    client.post(
        reverse("partners:link_add", args=[xieng_khoang.pk]), {"unit": tree.ha_noi.pk, "notes": "Mới"}
    )
    assert set(xieng_khoang.links.values_list("unit_id", flat=True)) == {tree.nghe_an.pk, tree.ha_noi.pk}
    assert client.get(reverse("partners:edit", args=[xieng_khoang.pk])).status_code == 200


def test_a_sibling_cannot_edit_another_units_relationship_notes(client, people, xieng_khoang):
    link = xieng_khoang.links.get()
    login(client, people.hn_officer)
    assert client.get(reverse("partners:link_edit", args=[link.pk])).status_code == 404
    client.logout()
    login(client, people.na_officer)
    client.post(
        reverse("partners:link_edit", args=[link.pk]),
        {"notes": "Giai đoạn 2022–2024", "is_active": "1", "version": 1},
    )
    link.refresh_from_db()
    assert link.notes == "Giai đoạn 2022–2024"


def test_the_partner_list_does_not_issue_a_query_per_row(client, people, tree, django_assert_max_num_queries):
    login(client, people.na_officer)
    for i in range(3):
        p = Partner.objects.create(name=f"Đối tác {i}", kind=PartnerKind.NGO, country="FR")
        PartnerLink.objects.create(partner=p, unit=tree.nghe_an)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("partners:list"))
    for i in range(3, 20):
        p = Partner.objects.create(name=f"Đối tác {i}", kind=PartnerKind.NGO, country="FR")
        PartnerLink.objects.create(partner=p, unit=tree.nghe_an)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("partners:list"))


def test_a_unit_that_links_itself_cannot_switch_a_shared_partner_off_for_the_others(
    client, people, tree, xieng_khoang
):
    """
    GIVEN Nghệ An works with Xiêng Khoảng
    WHEN a Hà Nội officer adds Hà Nội to it and then tries to deactivate it
    THEN the partner stays active: only a level covering every working unit (here VGCL) may deactivate it
    """
    login(client, people.hn_officer)
    client.post(reverse("partners:link_add", args=[xieng_khoang.pk]), {"unit": tree.ha_noi.pk})
    assert (
        client.post(reverse("partners:set_active", args=[xieng_khoang.pk]), {"active": "0"}).status_code
        == 403
    )
    xieng_khoang.refresh_from_db()
    assert xieng_khoang.is_active
    client.logout()
    login(client, people.vgcl_leader)
    client.post(reverse("partners:set_active", args=[xieng_khoang.pk]), {"active": "0"})
    xieng_khoang.refresh_from_db()
    assert not xieng_khoang.is_active


def test_an_inactive_relationship_gives_no_edit_rights(client, people, tree, xieng_khoang):
    PartnerLink.objects.create(partner=xieng_khoang, unit=tree.ha_noi, is_active=False)
    login(client, people.hn_officer)
    assert client.get(reverse("partners:edit", args=[xieng_khoang.pk])).status_code == 403


def test_a_bad_date_when_adding_my_unit_is_explained_next_to_the_field(client, people, tree, xieng_khoang):
    login(client, people.hn_officer)
    response = client.post(
        reverse("partners:link_add", args=[xieng_khoang.pk]), {"unit": tree.ha_noi.pk, "since": "31/02/2020"}
    )
    assert response.status_code == 200
    assert "since" in response.context["link_form"].errors
    assert not xieng_khoang.links.filter(unit=tree.ha_noi).exists()


def test_unit_names_in_help_texts_are_escaped(client, people, tree):
    from solidarity.units.models import Unit

    Unit.objects.filter(pk=tree.nghe_an.pk).update(name="<img src=x onerror=alert(1)>")
    login(client, people.vgcl_admin)
    page = client.get(reverse("units:dissolve", args=[tree.vinh.pk])).content.decode()
    assert "<img src=x" not in page
