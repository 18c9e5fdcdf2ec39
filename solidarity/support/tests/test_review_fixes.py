"""Review findings on support: archived is read-only, the version is required, amounts are
bounded (no overflow 500), and the list filters by the partner's country."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink
from solidarity.support import services
from solidarity.support.models import Support

from .test_views import form_data, make_support

pytestmark = pytest.mark.django_db
ARCHIVED = "This record is archived; restore it before changing it."


@pytest.fixture
def laos(tree):
    partner = Partner.objects.create(name="LHCĐ Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA")
    PartnerLink.objects.create(partner=partner, unit=tree.nghe_an)
    return partner


@pytest.fixture
def gift(tree, laos):
    return make_support(tree.nghe_an, laos)


def test_an_archived_support_record_is_not_edited_and_the_page_says_why(client, people, tree, laos, gift):
    services.support_archive(support=gift, by=people.na_officer)
    client.force_login(people.na_officer)
    response = client.post(
        reverse("support:edit", args=[gift.pk]),
        form_data(laos, tree.nghe_an, support=gift, total_vnd="1.000"),
        follow=True,
    )
    assert response.status_code == 200 and ARCHIVED in response.content.decode()
    stale = Support.objects.get()
    stale.archived_at = None  # a page opened before the archive
    with pytest.raises(ValidationError) as error:
        services.support_update(
            support=stale, by=people.na_officer, expected_version=1, fields={"total_vnd": 1}
        )
    assert ARCHIVED in error.value.messages
    assert Support.objects.get().total_vnd == 50_000_000


@pytest.mark.parametrize("version", ["", "0"])
def test_a_support_edit_without_a_version_is_refused(client, people, tree, laos, gift, version):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("support:edit", args=[gift.pk]),
        {**form_data(laos, tree.nghe_an, support=gift, total_vnd="1.000"), "version": version},
    )
    assert response.status_code == 200
    assert Support.objects.get().total_vnd == 50_000_000


TOO_MUCH = [
    {"total_vnd": "10000000000000000"},  # 10^16 đồng
    {"total_vnd": "1" + "0" * 30},
    {"currency": "USD", "amount_original": "99999999999999", "exchange_rate": "9999999999"},
    {"currency": "USD", "amount_original": "1000000000", "exchange_rate": "2000000"},
]


@pytest.mark.parametrize("changes", TOO_MUCH)
def test_too_large_amounts_are_refused_with_a_message_on_create(client, people, tree, laos, changes):
    client.force_login(people.na_officer)
    response = client.post(reverse("support:create"), form_data(laos, tree.nghe_an, **changes))
    assert response.status_code == 200
    assert "too large" in response.content.decode() or "is more than" in response.content.decode()
    assert not Support.objects.exists()


@pytest.mark.parametrize("changes", TOO_MUCH)
def test_too_large_amounts_are_refused_with_a_message_on_edit(client, people, tree, laos, gift, changes):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("support:edit", args=[gift.pk]), form_data(laos, tree.nghe_an, support=gift, **changes)
    )
    assert response.status_code == 200
    assert Support.objects.get().total_vnd == 50_000_000


def test_too_large_item_values_and_sums_are_refused(client, people, tree, laos):
    client.force_login(people.na_officer)
    for items in [
        [("Máy tính", "1", "2000000000000000")],
        [("Máy tính", "1", "900000000000000"), ("Xe", "1", "900000000000000")],
        [("Máy tính", "99999999999", "1000")],
    ]:
        response = client.post(reverse("support:create"), form_data(laos, tree.nghe_an, items=items))
        assert response.status_code == 200, items
    assert not Support.objects.exists()
    with pytest.raises(ValidationError):
        services.support_create(
            by=people.na_officer,
            owner_unit=tree.nghe_an,
            direction="given",
            partner=laos,
            given_on=datetime.date(2023, 4, 10),
            form="equipment",
            funding_source="union_budget",
            currency="VND",
            total_vnd=10**16,
        )


def test_support_filters_by_the_partners_country(client, people, tree, laos, gift):
    cuba = Partner.objects.create(name="CTC Cuba", kind=PartnerKind.NATIONAL_CENTRE, country="CU")
    make_support(tree.nghe_an, cuba, description="Quà CTC")
    client.force_login(people.na_officer)

    def descriptions(query):
        return [s.description for s in client.get(reverse("support:list") + query).context["page_obj"]]

    assert descriptions("?country=LA") == ["Quà Tết Bun Pi May"]
    assert descriptions("?country=CU") == ["Quà CTC"]
    response = client.get(reverse("support:list") + "?country=CU")
    assert response.context["totals"]["given"] == 50_000_000
    client.force_login(people.hn_officer)
    assert descriptions("?country=LA") == []
