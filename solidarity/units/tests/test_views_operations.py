"""Administrator operations on the tree: who may, what changes, and that a refusal changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.units import services
from solidarity.units.choices import SuccessionKind, UnitKind, UnitLevel
from solidarity.units.models import Unit, UnitSuccession

pytestmark = pytest.mark.django_db

ON = "2025-07-01"
OPERATIONS = ["add_child", "edit", "move", "merge", "split", "dissolve"]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def url(name, unit):
    return reverse(f"units:{name}", args=[unit.pk])


def fresh(unit):
    return Unit.objects.get(pk=unit.pk)


def snapshot():
    """Everything an operation could change, to prove a refused one changed nothing."""
    return (
        list(Unit.objects.order_by("pk").values_list("pk", "path", "name", "code", "valid_to", "numchild")),
        UnitSuccession.objects.count(),
    )


def parent_of(unit):
    return Unit.objects.get_parent(fresh(unit))


# --- who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", OPERATIONS)
def test_only_an_administrator_may_open_an_operation(client, tree, people, operation):
    for user in (people.na_viewer, people.na_officer, people.na_leader):
        client.force_login(user)
        assert client.get(url(operation, tree.vinh)).status_code == 403
    client.force_login(people.na_admin)
    assert client.get(url(operation, tree.vinh)).status_code == 200
    client.force_login(people.vgcl_admin)  # the level above administers the units below
    assert client.get(url(operation, tree.vinh)).status_code == 200


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_administrator_of_a_sibling_unit_gets_not_found(client, tree, people, operation):
    client.force_login(people.hn_admin)
    assert client.get(url(operation, tree.vinh)).status_code == 404
    assert client.post(url(operation, tree.vinh), {"name": "x"}).status_code == 404


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_administrator_of_a_child_unit_cannot_touch_the_parent(client, tree, people, operation):
    from solidarity.accounts.choices import Role
    from solidarity.accounts.testing import make_user

    client.force_login(make_user("vinh_admin", (tree.vinh, Role.ADMIN)))
    assert client.get(url(operation, tree.nghe_an)).status_code == 404


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_officer_cannot_post_an_operation(client, tree, people, operation):
    before = snapshot()
    client.force_login(people.na_officer)
    assert client.post(url(operation, tree.vinh), {"name": "x", "code": "X", "on": ON}).status_code == 403
    assert snapshot() == before


def test_an_anonymous_visitor_is_sent_to_log_in(client, tree):
    response = client.post(url("dissolve", tree.vinh), {"on": ON})
    assert response.status_code == 302 and reverse("login") in response["Location"]


# --- add a child ---------------------------------------------------------------------------------


def test_an_administrator_adds_a_unit_below(client, tree, people):
    client.force_login(people.na_admin)
    response = client.post(
        url("add_child", tree.ky_son),
        {
            "name": "Công đoàn Trường THCS Mường Xén",
            "short_name": "CĐCS THCS Mường Xén",
            "code": "NA-KS-MX",
            "level": UnitLevel.GRASSROOTS,
            "kind": UnitKind.GRASSROOTS_UNION,
            "valid_from": ON,
        },
    )
    child = Unit.objects.get(code="NA-KS-MX")
    assert response.status_code == 302 and response["Location"] == child.get_absolute_url()
    assert parent_of(child) == tree.ky_son
    assert child.valid_from == datetime.date(2025, 7, 1)


def test_adding_a_unit_with_a_code_in_use_is_refused_next_to_the_code(client, tree, people):
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(
        url("add_child", tree.ky_son),
        {"name": "Duplicate", "code": "HN", "level": UnitLevel.GRASSROOTS, "kind": UnitKind.OTHER},
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert snapshot() == before


# --- edit / rename --------------------------------------------------------------------------------


def test_a_rename_keeps_the_unit_and_appears_in_its_history(client, tree, people):
    """
    GIVEN the Kỳ Sơn district federation
    WHEN its administrator renames it and changes its kind
    THEN it keeps its pk and place, and its page shows who changed what from what
    """
    client.force_login(people.na_admin)
    response = client.post(
        url("edit", tree.ky_son),
        {
            "name": "Công đoàn khu vực Kỳ Sơn",
            "short_name": "CĐ Kỳ Sơn",
            "code": "NA-KS",
            "level": UnitLevel.INTERMEDIATE,
            "kind": UnitKind.COMMUNE_UNION,
        },
    )
    assert response.status_code == 302
    unit = fresh(tree.ky_son)
    assert (unit.pk, unit.path, unit.name) == (tree.ky_son.pk, tree.ky_son.path, "Công đoàn khu vực Kỳ Sơn")
    page = client.get(unit.get_absolute_url()).content.decode()
    assert "Renamed" in page and "Quản trị Nghệ An" in page
    assert "Liên đoàn Lao động huyện Kỳ Sơn" in page  # the old name
    assert "Commune or ward union" in page  # the new kind, by its label


def test_an_edit_to_a_code_in_use_is_refused_and_changes_nothing(client, tree, people):
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(
        url("edit", tree.ky_son),
        {"name": "New name", "code": "NA-VP", "level": UnitLevel.INTERMEDIATE, "kind": UnitKind.OTHER},
    )
    assert response.status_code == 200 and "code" in response.context["form"].errors
    assert snapshot() == before


# --- move ----------------------------------------------------------------------------------------


def test_an_administrator_moves_a_subtree_under_another_parent(client, tree, people):
    client.force_login(people.vgcl_admin)
    response = client.post(url("move", tree.vinh), {"new_parent": tree.ha_noi.pk})
    assert response.status_code == 302
    assert parent_of(tree.vinh) == tree.ha_noi
    assert parent_of(tree.school) == tree.vinh  # the subtree came along
    assert fresh(tree.vinh).history.first().history_change_reason == "move"


def test_a_move_under_the_units_own_subtree_is_refused_with_a_message(client, tree, people):
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(url("move", tree.vinh), {"new_parent": tree.school.pk})
    assert response.status_code == 200
    assert "new_parent" in response.context["form"].errors  # a unit below is never offered
    with pytest.raises(ValidationError, match="cannot be moved under itself"):
        services.unit_move(unit=tree.vinh, new_parent=tree.school, by=people.na_admin)
    assert snapshot() == before


def test_a_move_under_a_unit_of_the_same_level_is_refused_with_a_message(client, tree, people):
    """
    GIVEN the Kỳ Sơn district union and the Vinh Phú ward union, both intermediate level
    WHEN the Nghệ An administrator moves the district under the ward
    THEN it is refused, saying why, and nothing moves
    """
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(url("move", tree.ky_son), {"new_parent": tree.vinh.pk})
    assert response.status_code == 200
    assert "new_parent" in response.context["form"].errors
    with pytest.raises(ValidationError, match="only under a unit of a higher level"):
        services.unit_move(unit=tree.ky_son, new_parent=tree.vinh, by=people.na_admin)
    with pytest.raises(ValidationError, match="only under a unit of a higher level"):
        services.unit_move(unit=tree.ha_noi, new_parent=tree.ky_son, by=people.vgcl_admin)
    assert snapshot() == before


def test_a_merge_does_not_put_units_below_a_unit_of_their_own_level(client, tree, people):
    """Merging a province into a district would hang the province's districts under a district."""
    Unit.objects.add_child(
        fresh(tree.ha_noi), {"name": "LĐLĐ quận Ba Đình", "code": "HN-BD", "level": UnitLevel.INTERMEDIATE}
    )
    before = snapshot()
    with pytest.raises(ValidationError, match="only under a unit of a higher level"):
        services.unit_merge(
            units=[fresh(tree.ha_noi)], into=tree.ky_son, on=datetime.date(2025, 7, 1), by=None
        )
    assert snapshot() == before


def test_a_move_under_a_unit_the_user_does_not_administer_is_refused(client, tree, people):
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(url("move", tree.vinh), {"new_parent": tree.ha_noi.pk})
    assert response.status_code == 200 and "new_parent" in response.context["form"].errors
    assert snapshot() == before


def test_the_move_picker_offers_only_administered_units_of_a_higher_level_outside_the_subtree(
    client, tree, people
):
    client.force_login(people.na_admin)
    response = client.get(
        reverse("units:pick"), {"q": "cong doan", "name": "new_parent", "exclude": tree.vinh.pk}
    )
    codes = [unit.code for unit, _chain in response.context["hits"]]
    assert codes == []  # Vinh Phú and its school are excluded; Hà Nội and Education are not administered
    response = client.get(
        reverse("units:pick"), {"q": "lien doan", "name": "new_parent", "exclude": tree.vinh.pk}
    )
    assert sorted(unit.code for unit, _chain in response.context["hits"]) == ["NA", "NA-KS"]
    response = client.get(
        reverse("units:pick"),
        {"q": "lien doan", "name": "new_parent", "exclude": tree.vinh.pk, "above": tree.vinh.level},
    )
    assert [unit.code for unit, _chain in response.context["hits"]] == ["NA"]  # not the district beside it
    page = client.get(url("move", tree.vinh)).content.decode()
    assert f"above={tree.vinh.level}" in page


# --- merge ---------------------------------------------------------------------------------------


def test_a_merge_into_an_existing_unit_moves_the_children_and_records_successions(client, tree, people):
    """
    GIVEN Vinh Phú (with a school below) and Kỳ Sơn under Nghệ An
    WHEN the Nghệ An administrator merges Vinh Phú into Kỳ Sơn on 1 July 2025
    THEN Vinh Phú ends, the school is under Kỳ Sơn, and Vinh Phú names Kỳ Sơn as successor
    """
    client.force_login(people.na_admin)
    response = client.post(
        url("merge", tree.vinh),
        {"units": [tree.vinh.pk], "target": "existing", "into": tree.ky_son.pk, "on": ON},
    )
    assert response.status_code == 302
    assert fresh(tree.vinh).valid_to == datetime.date(2025, 7, 1)
    assert parent_of(tree.school) == tree.ky_son
    succession = UnitSuccession.objects.get()
    assert (succession.predecessor, succession.successor, succession.kind) == (
        tree.vinh,
        tree.ky_son,
        SuccessionKind.MERGE,
    )
    assert succession.recorded_by == people.na_admin


def test_a_merge_into_a_new_unit_creates_it_under_the_parent(client, tree, people):
    client.force_login(people.na_admin)
    response = client.post(
        url("merge", tree.vinh),
        {
            "units": [tree.vinh.pk, tree.ky_son.pk],
            "target": "new",
            "new_name": "Công đoàn liên xã miền Tây",
            "new_code": "NA-MT",
            "on": ON,
        },
    )
    assert response.status_code == 302
    merged = Unit.objects.get(code="NA-MT")
    assert parent_of(merged) == tree.nghe_an
    assert merged.level == UnitLevel.INTERMEDIATE
    assert parent_of(tree.school) == merged
    assert set(UnitSuccession.objects.values_list("predecessor__code", "successor__code")) == {
        ("NA-VP", "NA-MT"),
        ("NA-KS", "NA-MT"),
    }


def test_a_merge_into_the_units_own_child_changes_nothing(client, tree, people):
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(
        url("merge", tree.vinh),
        {"units": [tree.vinh.pk], "target": "existing", "into": tree.school.pk, "on": ON},
    )
    assert response.status_code == 200 and "into" in response.context["form"].errors
    assert snapshot() == before


def test_a_merge_of_a_unit_the_user_does_not_administer_is_refused(client, tree, people):
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(
        url("merge", tree.vinh),
        {"units": [tree.vinh.pk, tree.ha_noi.pk], "target": "existing", "into": tree.ky_son.pk, "on": ON},
    )
    assert response.status_code == 200 and "units" in response.context["form"].errors
    assert snapshot() == before


def test_a_merge_into_a_new_unit_needs_its_name_and_code(client, tree, people):
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(url("merge", tree.vinh), {"units": [tree.vinh.pk], "target": "new", "on": ON})
    assert {"new_name", "new_code"} <= set(response.context["form"].errors)
    assert snapshot() == before


# --- split ---------------------------------------------------------------------------------------


def test_a_split_creates_the_new_units_beside_it_and_ends_it(client, tree, people):
    """
    GIVEN Vinh Phú with a school below
    WHEN it is split into two ward unions, the first taking the school
    THEN both exist under Nghệ An, Vinh Phú ends naming both, and the school moved to the first
    """
    client.force_login(people.na_admin)
    response = client.post(
        url("split", tree.vinh),
        {
            "new_units": (
                "NA-VP-1 | Công đoàn phường Vinh Phú 1 | CĐ Vinh Phú 1\n"
                "NA-VP-2 | Công đoàn phường Vinh Phú 2\n"
            ),
            "children_to": "0",
            "on": ON,
        },
    )
    assert response.status_code == 302
    first, second = Unit.objects.get(code="NA-VP-1"), Unit.objects.get(code="NA-VP-2")
    assert parent_of(first) == parent_of(second) == tree.nghe_an
    assert first.short_name == "CĐ Vinh Phú 1" and first.level == UnitLevel.INTERMEDIATE
    assert parent_of(tree.school) == first
    assert fresh(tree.vinh).has_ended
    assert set(
        UnitSuccession.objects.filter(kind=SuccessionKind.SPLIT).values_list("successor__code", flat=True)
    ) == {
        "NA-VP-1",
        "NA-VP-2",
    }


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param("NA-VP-1 | Only one unit", id="one unit"),
        pytest.param("NA-VP-1 | A\nNA-VP-1 | B", id="same code twice"),
        pytest.param("NA-VP-1 | A\nHN | B", id="code in use"),
        pytest.param("NA-VP-1 | A\njust a name", id="no code"),
    ],
)
def test_a_split_with_bad_lines_is_refused_and_changes_nothing(client, tree, people, lines):
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(url("split", tree.vinh), {"new_units": lines, "children_to": "0", "on": ON})
    assert response.status_code == 200 and "new_units" in response.context["form"].errors
    assert snapshot() == before


# --- dissolve ------------------------------------------------------------------------------------


def test_a_dissolve_ends_the_unit_names_successors_and_rehomes_the_children(client, tree, people):
    """
    GIVEN Vinh Phú with a school below
    WHEN it is dissolved with Kỳ Sơn as successor and no destination for its children
    THEN it ends, names Kỳ Sơn, and the school moves up to Nghệ An
    """
    client.force_login(people.na_admin)
    response = client.post(
        url("dissolve", tree.vinh), {"on": ON, "successors": [tree.ky_son.pk], "note": "NQ 60"}
    )
    assert response.status_code == 302
    assert fresh(tree.vinh).valid_to == datetime.date(2025, 7, 1)
    assert parent_of(tree.school) == tree.nghe_an
    succession = UnitSuccession.objects.get()
    assert (succession.successor, succession.kind, succession.note) == (
        tree.ky_son,
        SuccessionKind.DISSOLVE,
        "NQ 60",
    )


def test_a_dissolve_can_send_the_children_elsewhere(client, tree, people):
    client.force_login(people.na_admin)
    response = client.post(url("dissolve", tree.vinh), {"on": ON, "children_to": tree.ky_son.pk})
    assert response.status_code == 302
    assert parent_of(tree.school) == tree.ky_son


def test_dissolving_an_ended_unit_is_refused_and_changes_nothing(client, tree, people):
    client.force_login(people.na_admin)
    client.post(url("dissolve", tree.ky_son), {"on": ON})
    before = snapshot()
    response = client.post(url("dissolve", tree.ky_son), {"on": "2026-01-01"})
    assert response.status_code == 200
    assert "already ended" in str(response.context["form"].errors)
    assert snapshot() == before


def test_dissolving_a_province_whose_parent_is_not_administered_shows_why(client, tree, people):
    """The children would go to VGCL, which the Nghệ An administrator does not administer."""
    before = snapshot()
    client.force_login(people.na_admin)
    response = client.post(url("dissolve", tree.nghe_an), {"on": ON})
    assert response.status_code == 200
    assert "You do not administer" in str(response.context["form"].non_field_errors())
    assert snapshot() == before
