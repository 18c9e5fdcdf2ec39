"""Support in the figures by its counterpart (partner, kind, country), cash and in kind; the list
params that give the records behind each figure."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from solidarity.figures.rebuild import check
from solidarity.figures.tests.helpers import figure
from solidarity.partners import services as partner_services
from solidarity.support import services
from solidarity.support.filters import SupportFilter
from solidarity.support.models import Support

pytestmark = pytest.mark.django_db


def listed(user, **params) -> set[int]:
    data = {k: str(v) for k, v in params.items()}
    return set(
        SupportFilter(data, queryset=Support.objects.visible_to(user), user=user).qs.values_list(
            "pk", flat=True
        )
    )


def given(by, unit, partner, form, amount) -> Support:
    return services.support_create(
        by=by,
        owner_unit=unit,
        direction="given",
        partner=partner,
        given_on=datetime.date(2024, 9, 2),
        form=form,
        funding_source="union_budget",
        total_vnd=amount,
    )


def test_support_counts_by_partner_kind_and_country_and_follows_a_partner_change(tree, people):
    laos = partner_services.partner_create(
        by=people.superuser, unit=tree.vgcl, name="Xiêng Khoảng", kind="regional_union", country="LA"
    )
    cash = given(people.na_officer, tree.nghe_an, laos, "cash", 20_000_000)
    laptops = given(people.na_officer, tree.nghe_an, laos, "equipment", 30_000_000)
    for unit in (tree.nghe_an, tree.vgcl):
        assert figure(unit, "support_given_vnd") == 50_000_000
        assert figure(unit, "support_given_vnd", "country:LA") == 50_000_000
        assert figure(unit, "support_given_vnd", "pkind:regional_union") == 50_000_000
        assert figure(unit, "support_given_vnd", f"partner:{laos.pk}") == 50_000_000
        assert figure(unit, "support_given_vnd", "form:cash") == 20_000_000
    assert figure(tree.ha_noi, "support_given_vnd") == 0
    user = people.vgcl_leader
    assert listed(user, direction="given", in_kind=1) == {laptops.pk}
    assert listed(user, direction="given", in_kind=0) == {cash.pk}
    assert listed(user, partner_kind="regional_union", given_from="2024-01-01", given_to="2024-12-31") == {
        cash.pk,
        laptops.pk,
    }
    assert listed(people.hn_officer, partner_kind="regional_union") == set()
    partner_services.partner_update(
        partner=laos, by=people.superuser, expected_version=laos.version, kind="national_centre", country="TH"
    )
    assert figure(tree.vgcl, "support_given_vnd", "pkind:regional_union") == 0
    assert figure(tree.vgcl, "support_given_vnd", "pkind:national_centre") == 50_000_000
    assert figure(tree.vgcl, "support_given_vnd", "country:TH") == 50_000_000
    assert check()[0] == 0


def test_the_list_page_takes_the_figures_params(client, tree, people, laptops):
    client.force_login(people.na_viewer)
    response = client.get(
        reverse("support:list"),
        {"in_kind": "1", "partner_kind": "regional_union", "given_from": "2024-01-01"},
    )
    assert response.status_code == 200 and response.context["filter"].form.is_valid()
