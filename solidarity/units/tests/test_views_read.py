"""The tree page, the children fragment, search and a unit's page: scope and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import add_child, make_user
from solidarity.partners.models import Partner, PartnerLink
from solidarity.units import services
from solidarity.units.choices import UnitKind, UnitLevel
from solidarity.units.models import Unit

pytestmark = pytest.mark.django_db

PAST = datetime.date(2025, 7, 1)


@pytest.fixture(autouse=True)
def _english(settings):
    # Assertions read English UI strings; Vietnamese translations must not break them.
    settings.LANGUAGE_CODE = "en"


def detail(unit):
    return reverse("units:detail", args=[unit.pk])


def children(unit, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("units:children", args=[unit.pk]) + (f"?{query}" if query else "")


def add_grassroots(parent, count, prefix="G"):
    for i in range(count):
        add_child(
            parent,
            name=f"Công đoàn cơ sở {prefix} số {i:03d}",
            code=f"{prefix}-{parent.pk}-{i:03d}",
            level=UnitLevel.GRASSROOTS,
            kind=UnitKind.GRASSROOTS_UNION,
        )


# --- who may see what ----------------------------------------------------------------------------


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, tree):
    for url in (reverse("units:tree"), detail(tree.nghe_an), children(tree.nghe_an)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_it_hides_every_unit_from_an_outsider(client, tree, people):
    client.force_login(people.outsider)
    assert client.get(detail(tree.nghe_an)).status_code == 404
    assert client.get(children(tree.nghe_an)).status_code == 404
    page = client.get(reverse("units:tree")).content.decode()
    assert "Nghệ An" not in page


def test_it_refuses_a_sibling_unit(client, tree, people):
    client.force_login(people.na_officer)
    assert client.get(detail(tree.ha_noi)).status_code == 404
    assert client.get(children(tree.ha_noi)).status_code == 404


def test_it_refuses_the_parent_unit(client, tree, people):
    client.force_login(people.na_officer)
    assert client.get(detail(tree.vgcl)).status_code == 404
    assert client.get(children(tree.vgcl)).status_code == 404


def test_it_shows_the_own_unit_and_the_units_below(client, tree, people):
    client.force_login(people.na_viewer)
    for unit in (tree.nghe_an, tree.vinh, tree.school):
        response = client.get(detail(unit))
        assert response.status_code == 200
        assert unit.name in response.content.decode()


def test_the_level_above_sees_a_province_and_its_units(client, tree, people):
    client.force_login(people.vgcl_leader)
    assert client.get(detail(tree.ha_noi)).status_code == 200
    assert client.get(detail(tree.school)).status_code == 200


# --- the tree page -------------------------------------------------------------------------------


def test_the_tree_starts_at_the_users_own_units(client, tree, people):
    user = make_user("two", (tree.vinh, Role.OFFICER), (tree.ha_noi, Role.VIEWER))
    client.force_login(user)
    response = client.get(reverse("units:tree"))
    assert [unit.code for unit in response.context["roots"]] == ["NA-VP", "HN"]  # by name: Công đoàn…, Liên…
    page = response.content.decode()
    assert tree.school.name not in page  # collapsed: children load on demand


def test_a_superuser_starts_at_the_roots(client, tree, people):
    client.force_login(people.superuser)
    response = client.get(reverse("units:tree"))
    assert [unit.code for unit in response.context["roots"]] == ["VGCL"]


def test_the_children_fragment_lists_one_level_by_name_with_child_counts(client, tree, people):
    client.force_login(people.na_officer)
    response = client.get(children(tree.nghe_an))
    assert response.status_code == 200
    assert [unit.code for unit in response.context["children"]] == ["NA-VP", "NA-KS"]
    assert [unit.numchild for unit in response.context["children"]] == [1, 0]
    assert tree.school.name not in response.content.decode()


def test_ended_units_are_hidden_until_asked_for(client, tree, people):
    """
    GIVEN Kỳ Sơn was dissolved on 1 July 2025 with Vinh Phú as successor
    WHEN an officer opens Nghệ An's children
    THEN Kỳ Sơn is hidden, and with "show ended units" it is shown greyed with its end date and successor
    """
    services.unit_dissolve(unit=tree.ky_son, on=PAST, successors=[tree.vinh])
    client.force_login(people.na_officer)
    assert [u.code for u in client.get(children(tree.nghe_an)).context["children"]] == ["NA-VP"]
    response = client.get(children(tree.nghe_an, ended=1))
    assert [u.code for u in response.context["children"]] == ["NA-VP", "NA-KS"]
    page = response.content.decode()
    assert "unit-ended" in page
    assert "01/07/2025" in page
    assert "→ CĐ phường Vinh Phú" in page


def test_the_children_fragment_shows_more_on_demand(client, tree, people, settings):
    from solidarity.units import views

    add_grassroots(tree.ky_son, 5)
    client.force_login(people.na_officer)
    views.CHILDREN_BATCH, old = 3, views.CHILDREN_BATCH
    try:
        first = client.get(children(tree.ky_son))
        second = client.get(children(tree.ky_son, start=3))
    finally:
        views.CHILDREN_BATCH = old
    assert len(first.context["children"]) == 3 and first.context["next_start"] == 3
    assert len(second.context["children"]) == 2 and second.context["next_start"] is None


def test_search_folds_diacritics_and_shows_each_units_ancestors(client, tree, people):
    client.force_login(people.na_officer)
    response = client.get(reverse("units:tree"), {"q": "ky son"})
    hits = response.context["hits"]
    assert [(unit.code, [a.code for a in chain]) for unit, chain in hits] == [("NA-KS", ["NA"])]
    assert "LĐLĐ Nghệ An" in response.content.decode()


def test_search_never_reaches_outside_the_scope(client, tree, people):
    client.force_login(people.vinh_officer)
    response = client.get(reverse("units:tree"), {"q": "lien doan"})
    assert response.context["hits"] == []


def test_search_leaves_out_ancestors_above_the_scope(client, tree, people):
    client.force_login(people.vinh_officer)
    response = client.get(reverse("units:tree"), {"q": "le loi"})
    assert [(u.code, [a.code for a in chain]) for u, chain in response.context["hits"]] == [
        ("NA-VP-LL", ["NA-VP"])
    ]


def test_an_htmx_search_returns_only_the_results(client, tree, people):
    client.force_login(people.na_officer)
    response = client.get(
        reverse("units:tree"), {"q": "vinh"}, headers={"HX-Request": "true", "HX-Target": "tree-body"}
    )
    page = response.content.decode()
    assert "<html" not in page and "Công đoàn phường Vinh Phú" in page


# --- a unit's page -------------------------------------------------------------------------------


def test_the_unit_page_shows_facts_children_successions_partners_and_history(client, tree, people):
    """
    GIVEN Kỳ Sơn works with a Lao partner, is renamed, then merged into Vinh Phú
    WHEN an officer of Nghệ An opens Kỳ Sơn's page and Vinh Phú's page
    THEN they show the partner, the rename in the history, and the succession both ways
    """
    partner = Partner.objects.create(name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", country="LA")
    PartnerLink.objects.create(partner=partner, unit=tree.ky_son, since=datetime.date(2017, 5, 1))
    services.unit_rename(unit=tree.ky_son, name="LĐLĐ huyện Kỳ Sơn (cũ)", by=people.na_admin)
    services.unit_merge(units=[tree.ky_son], into=tree.vinh, on=PAST, by=people.na_admin)
    client.force_login(people.na_officer)

    page = client.get(detail(tree.ky_son)).content.decode()
    assert "Liên hiệp Công đoàn tỉnh Xiêng Khoảng" in page
    assert "Liên đoàn Lao động huyện Kỳ Sơn" in page and "LĐLĐ huyện Kỳ Sơn (cũ)" in page  # old → new
    assert "Its work is carried on by" in page and tree.vinh.name in page
    assert "Merged" in page

    page = client.get(detail(tree.vinh)).content.decode()
    assert "Carries on the work of" in page and "LĐLĐ huyện Kỳ Sơn (cũ)" in page
    assert tree.school.name in page  # a child


def test_the_unit_page_shows_the_administrator_actions_only_to_administrators(client, tree, people):
    client.force_login(people.na_leader)
    assert reverse("units:merge", args=[tree.vinh.pk]) not in client.get(detail(tree.vinh)).content.decode()
    client.force_login(people.na_admin)
    assert reverse("units:merge", args=[tree.vinh.pk]) in client.get(detail(tree.vinh)).content.decode()


def test_the_unit_page_paginates_many_children(client, tree, people):
    add_grassroots(tree.vinh, 60)
    client.force_login(people.na_officer)
    response = client.get(detail(tree.vinh))
    assert len(response.context["page_obj"].object_list) == 25
    assert response.context["page_obj"].paginator.count == 61


# --- queries do not grow with the rows ------------------------------------------------------------


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_for",
    [
        pytest.param(lambda tree: children(tree.ky_son, ended=1), id="children"),
        pytest.param(lambda tree: reverse("units:tree") + "?q=co+so&ended=1", id="search"),
        pytest.param(lambda tree: reverse("units:tree") + "?ended=1", id="tree"),
        pytest.param(lambda tree: detail(tree.ky_son), id="detail"),
    ],
)
def test_queries_do_not_grow_with_the_number_of_units(client, tree, django_assert_max_num_queries, url_for):
    """
    GIVEN an administrator of two provinces (so the tree has several roots)
    WHEN the page is shown with 5 grassroots units under Kỳ Sơn, then with 30 (some ended, with successors)
    THEN the number of queries is the same
    """
    user = make_user("two", (tree.nghe_an, Role.ADMIN), (tree.ha_noi, Role.ADMIN))
    client.force_login(user)
    add_grassroots(tree.ky_son, 5, prefix="A")
    services.unit_dissolve(
        unit=Unit.objects.get(code=f"A-{tree.ky_son.pk}-000"), on=PAST, successors=[tree.vinh]
    )
    few = _count_queries(client, url_for(tree))

    add_grassroots(tree.ky_son, 25, prefix="B")
    for code in (f"B-{tree.ky_son.pk}-000", f"B-{tree.ky_son.pk}-001"):
        services.unit_dissolve(unit=Unit.objects.get(code=code), on=PAST, successors=[tree.vinh])
    with django_assert_max_num_queries(few):
        response = client.get(url_for(tree))
    assert response.status_code == 200
