"""Delegation members who are our officers: one person across units for the travel rules, the picker,
the links both ways (delegation → officer, officer → trips abroad)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.accounts.permissions import Role
from solidarity.accounts.testing import PASSWORD, make_user
from solidarity.delegations import services
from solidarity.delegations.choices import Direction
from solidarity.delegations.forms import MemberForm
from solidarity.delegations.rules import overlap_warnings, trips_per_year_warnings
from solidarity.records.workflow import ApprovalState
from solidarity.staff import services as staff_services

from .factories import add_member, make_delegation

pytestmark = pytest.mark.django_db
S = ApprovalState


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def officer(unit, name, *, by, user=None, position=""):
    return staff_services.officer_create(
        by=by, owner_unit=unit, full_name=name, user=user, position=position, started_year=2015
    )


def trip(unit, month, *, state=S.APPROVED, year=2025, days=3, **fields):
    return make_delegation(unit, state=state, start=datetime.date(year, month, 1), days=days, **fields)


def linked(delegation, on_register, *, key=True, name=None):
    """A member row tied to ``on_register`` (as the service writes it: the key from the officer)."""
    return add_member(
        delegation, name or on_register.full_name, on_register.owner_unit, key=key, officer=on_register
    )


@pytest.fixture
def chair(tree, people):
    """Kha Văn Tám has one account, a member of Nghệ An and of Hà Nội (seconded), and each unit
    keeps him on its own register: two officer rows, one person."""
    user = make_user(
        "kha.van.tam", (tree.nghe_an, Role.VIEWER), (tree.ha_noi, Role.VIEWER), full_name="Kha Văn Tám"
    )
    return {
        "user": user,
        "na": officer(tree.nghe_an, "Kha Văn Tám", by=people.na_officer, user=user, position="Chủ tịch"),
        "hn": officer(tree.ha_noi, "Kha Văn Tám", by=people.hn_officer, user=user),
    }  # fmt: skip


# -- the travel rules --------------------------------------------------------------------------


def test_two_units_rows_for_one_user_are_one_person_and_the_third_trip_warns(tree, chair):
    """GIVEN Nghệ An and Hà Nội each sent Kha Văn Tám abroad once in 2025, each from its own register
    WHEN Nghệ An proposes a third trip
    THEN the travel rules count three trips of one person."""
    linked(trip(tree.nghe_an, 2), chair["na"])
    linked(trip(tree.ha_noi, 5), chair["hn"])
    third = trip(tree.nghe_an, 9, state=S.DRAFT)
    member = linked(third, chair["na"])
    assert member.person_key == f"user:{chair['user'].pk}"
    warnings = trips_per_year_warnings(third)
    assert len(warnings) == 1 and "Kha Văn Tám" in warnings[0] and "3" in warnings[0]


def test_the_same_officer_row_in_two_units_delegations_is_one_person(tree, people):
    lam = officer(tree.ky_son, "Lầu Bá Chù", by=people.na_officer)  # no account: keyed by the row
    linked(trip(tree.ky_son, 2), lam)
    linked(trip(tree.nghe_an, 5), lam)
    third = trip(tree.vgcl, 9, state=S.DRAFT)
    assert linked(third, lam).person_key == f"officer:{lam.pk}"
    assert len(trips_per_year_warnings(third)) == 1


def test_namesakes_on_two_units_registers_are_two_people(tree, people):
    na = officer(tree.nghe_an, "Nguyễn Văn An", by=people.na_officer)
    hn = officer(tree.ha_noi, "Nguyễn Văn An", by=people.hn_officer)
    linked(trip(tree.ha_noi, 2), hn)
    linked(trip(tree.ha_noi, 5), hn)
    mine = trip(tree.nghe_an, 9, state=S.DRAFT)
    linked(mine, na)
    assert trips_per_year_warnings(mine) == []


def test_an_unlinked_namesake_is_not_the_officer(tree, chair):
    """A member typed by hand keeps the name-and-unit key: the register does not guess."""
    add_member(trip(tree.nghe_an, 2), "Kha Văn Tám", tree.nghe_an, key=True)
    linked(trip(tree.ha_noi, 5), chair["hn"])
    third = trip(tree.nghe_an, 9, state=S.DRAFT)
    linked(third, chair["na"])
    assert trips_per_year_warnings(third) == []


def test_overlapping_trips_of_one_person_recorded_by_two_units_warn(tree, people, chair):
    linked(trip(tree.ha_noi, 3, days=10), chair["hn"], key=False)
    mine = trip(tree.nghe_an, 3, state=S.DRAFT, days=5)
    linked(mine, chair["na"], key=False)
    warnings = overlap_warnings(mine, user=people.na_officer)
    # Hà Nội's delegation is outside Nghệ An's units: the clash is said, the delegation not named.
    assert warnings == [
        "Kha Văn Tám is also in another delegation (outside your units) on overlapping dates."
    ]


def test_giving_the_officer_an_account_rekeys_their_trips_in_one_update(tree, people, chair):
    """GIVEN Nghệ An's second row for the chair, without his account, on two trips
    WHEN the register gives the row his account
    THEN both member rows take the account's key in one UPDATE, and his Hà Nội trip counts with them."""
    loose = officer(tree.ky_son, "Kha Văn Tám", by=people.na_officer)
    first, second = trip(tree.ky_son, 2), trip(tree.ky_son, 4)
    linked(first, loose)
    linked(second, loose)
    linked(trip(tree.ha_noi, 6), chair["hn"])
    assert set(loose.delegation_members.values_list("person_key", flat=True)) == {f"officer:{loose.pk}"}
    from solidarity.accounts.models import Membership

    Membership.objects.create(user=chair["user"], unit=tree.ky_son, role=Role.VIEWER)
    with CaptureQueriesContext(connection) as queries:
        staff_services.officer_update(
            officer=loose, by=people.na_officer, expected_version=loose.version,
            fields={"full_name": loose.full_name, "user": chair["user"], "started_year": 2015},
        )  # fmt: skip
    updates = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "delegations_member"')
    ]
    assert len(updates) == 1
    assert set(loose.delegation_members.values_list("person_key", flat=True)) == {f"user:{chair['user'].pk}"}
    third = trip(tree.nghe_an, 9, state=S.DRAFT)
    linked(third, chair["na"])
    assert "4 times" in trips_per_year_warnings(third)[0]


def test_taking_the_account_away_keys_the_trips_by_the_row_again(tree, people, chair):
    member = linked(trip(tree.nghe_an, 2), chair["na"])
    staff_services.officer_update(
        officer=chair["na"], by=people.na_officer, expected_version=chair["na"].version,
        fields={"full_name": "Kha Văn Tám", "user": None, "started_year": 2015},
    )  # fmt: skip
    member.refresh_from_db()
    assert member.person_key == f"officer:{chair['na'].pk}"


# -- the service -------------------------------------------------------------------------------


def test_choosing_an_officer_fills_the_name_unit_and_title_left_empty(tree, people, chair):
    delegation = trip(tree.nghe_an, 3, state=S.DRAFT)
    member = services.member_add(delegation=delegation, by=people.na_officer, officer=chair["na"])
    assert (member.full_name, member.unit, member.title) == ("Kha Văn Tám", tree.nghe_an, "Chủ tịch")
    assert member.person_key == f"user:{chair['user'].pk}"
    typed = services.member_add(
        delegation=delegation, by=people.na_officer, officer=chair["na"], full_name="Kha Văn Tám (Tám)",
        unit=tree.ky_son, title="Trưởng đoàn",
    )  # fmt: skip
    assert (typed.full_name, typed.unit, typed.title) == ("Kha Văn Tám (Tám)", tree.ky_son, "Trưởng đoàn")


def test_the_service_refuses_an_officer_of_a_sibling_unit(tree, people, chair):
    delegation = trip(tree.ha_noi, 3, state=S.DRAFT)
    with pytest.raises(ValidationError) as refused:
        services.member_add(delegation=delegation, by=people.hn_officer, officer=chair["na"])
    assert "officer" in refused.value.error_dict
    assert not delegation.members.exists()


def test_an_incoming_delegations_guest_is_no_officer(tree, people, chair):
    delegation = trip(tree.nghe_an, 3, state=S.DRAFT, direction=Direction.INCOMING)
    member = services.member_add(
        delegation=delegation, by=people.na_officer, full_name="Phu Von", officer=chair["na"]
    )
    assert member.officer is None and not member.person_key.startswith("user:")


# -- the form and the picker -------------------------------------------------------------------


def test_the_form_refuses_an_officer_the_user_cannot_see_in_vietnamese(tree, people, chair, settings):
    settings.LANGUAGE_CODE = "vi"
    from django.utils import translation

    delegation = trip(tree.ha_noi, 3, state=S.DRAFT)
    with translation.override("vi"):
        form = MemberForm(
            {"member-officer": chair["na"].pk, "member-role": "member", "member-unit": tree.ha_noi.pk},
            user=people.hn_officer,
            delegation=delegation,
        )
        assert not form.is_valid()
        assert form.errors["officer"] == [
            "Bạn không được xem cán bộ này: hãy chọn trong danh sách cán bộ đối ngoại của đơn vị mình."
        ]


def test_the_form_takes_an_officer_without_a_typed_name(tree, people, chair):
    delegation = trip(tree.nghe_an, 3, state=S.DRAFT)
    form = MemberForm(
        {"member-officer": chair["na"].pk, "member-role": "member", "member-unit": tree.nghe_an.pk},
        user=people.na_officer,
        delegation=delegation,
    )
    assert form.is_valid(), form.errors
    empty = MemberForm({"member-role": "member"}, user=people.na_officer, delegation=delegation)
    assert not empty.is_valid() and "full_name" in empty.errors


def test_adding_a_member_by_picking_the_officer_over_http(client, tree, people, chair):
    delegation = trip(tree.nghe_an, 3, state=S.DRAFT)
    login(client, people.na_officer)
    response = client.post(
        reverse("delegations:member_add", args=[delegation.pk]),
        {"member-officer": chair["na"].pk, "member-unit": tree.nghe_an.pk, "member-role": "head"},
    )
    assert response.status_code == 302
    member = delegation.members.get()
    assert (member.full_name, member.officer, member.role) == ("Kha Văn Tám", chair["na"], "head")


def test_a_sibling_units_officer_is_refused_over_http(client, tree, people, chair):
    delegation = trip(tree.ha_noi, 3, state=S.DRAFT)
    login(client, people.hn_officer)
    response = client.post(
        reverse("delegations:member_add", args=[delegation.pk]),
        {"member-officer": chair["na"].pk, "member-full_name": "X", "member-role": "member"},
    )
    assert response.status_code == 200
    assert "You cannot see this officer" in response.content.decode()
    assert not delegation.members.exists()


def test_the_picker_offers_the_chosen_units_officers_and_never_a_siblings(client, tree, people, chair):
    ky_son = officer(tree.ky_son, "Lò Văn Bình", by=people.na_officer)
    url = reverse("staff:officer_options")
    login(client, people.na_officer)
    everyone = client.get(url, {"field": "member-officer", "member-officer__search": ""}).content.decode()
    assert "Kha Văn Tám" in everyone and "Lò Văn Bình" in everyone
    within = client.get(
        url, {"field": "member-officer", "unit_from": "member-unit", "member-unit": tree.ky_son.pk, "q": "Lò"}
    ).content.decode()
    assert f'value="{ky_son.pk}"' in within and f'value="{chair["na"].pk}"' not in within
    client.logout()
    login(client, people.hn_officer)
    theirs = client.get(
        url, {"field": "member-officer", "unit_from": "member-unit", "member-unit": tree.nghe_an.pk}
    ).content.decode()
    assert f'value="{chair["na"].pk}"' not in theirs and "Lò Văn Bình" not in theirs


def test_the_member_form_carries_the_picker_sending_the_chosen_unit(client, tree, people):
    delegation = trip(tree.nghe_an, 3, state=S.DRAFT)
    login(client, people.na_officer)
    page = client.get(delegation.get_absolute_url()).content.decode()
    assert reverse("staff:officer_options") + "?unit_from=member-unit&amp;field=member-officer" in page
    assert 'hx-include="[name=member-unit]"' in page


# -- the pages ---------------------------------------------------------------------------------


def test_a_member_links_to_the_officers_page_when_the_viewer_may_see_it(client, tree, people, chair):
    delegation = trip(tree.ky_son, 3, state=S.DRAFT)
    linked(delegation, chair["na"])
    login(client, people.na_officer)
    page = client.get(delegation.get_absolute_url()).content.decode()
    assert chair["na"].get_absolute_url() in page
    client.logout()
    # Kỳ Sơn's own officer sees Kỳ Sơn's delegation, not the province's register.
    ks = make_user("ks_officer", (tree.ky_son, Role.OFFICER))
    login(client, ks)
    page = client.get(delegation.get_absolute_url()).content.decode()
    assert "Kha Văn Tám" in page and chair["na"].get_absolute_url() not in page


def test_the_officers_page_lists_trips_across_units_that_the_viewer_may_see(client, tree, people, chair):
    linked(trip(tree.nghe_an, 2, title="Đoàn Nghệ An sang Lào"), chair["na"])
    linked(trip(tree.ha_noi, 5, title="Đoàn Hà Nội sang Nhật"), chair["hn"])
    both = trip(tree.nghe_an, 9, title="Đoàn Nghệ An sang Campuchia")
    linked(both, chair["na"])
    linked(both, chair["na"], key=False, name="Kha Văn Tám (phiên dịch)")  # listed twice: one trip
    linked(trip(tree.nghe_an, 4, year=2024, title="Đoàn 2024"), chair["na"])
    linked(trip(tree.nghe_an, 6, state=S.REJECTED, title="Đoàn bị từ chối"), chair["na"])
    login(client, people.vgcl_leader)
    response = client.get(chair["na"].get_absolute_url())
    assert [d.title for d in response.context["trips"]] == [
        "Đoàn Nghệ An sang Campuchia", "Đoàn Hà Nội sang Nhật", "Đoàn Nghệ An sang Lào", "Đoàn 2024",
    ]  # fmt: skip
    assert response.context["trips_per_year"] == [(2025, 3), (2024, 1)]
    assert "2025: 3 trips" in response.content.decode()
    client.logout()
    login(client, people.na_officer)  # Hà Nội's delegation is not hers to see, nor to count
    response = client.get(chair["na"].get_absolute_url())
    assert "Đoàn Hà Nội sang Nhật" not in response.content.decode()
    assert response.context["trips_per_year"] == [(2025, 2), (2024, 1)]


def test_a_sibling_unit_cannot_open_the_officers_page(client, tree, people, chair):
    login(client, people.hn_officer)
    assert client.get(chair["na"].get_absolute_url()).status_code == 404


def test_the_officers_trips_are_paged_without_a_query_per_row(
    client, tree, people, chair, django_assert_max_num_queries
):
    for month in (1, 2):
        linked(trip(tree.nghe_an, month), chair["na"])
    login(client, people.na_officer)
    with CaptureQueriesContext(connection) as few:
        assert client.get(chair["na"].get_absolute_url()).status_code == 200
    for month in range(3, 12):
        linked(trip(tree.nghe_an, month), chair["na"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(chair["na"].get_absolute_url())
    assert len(response.context["trips"]) == 11


def test_the_delegation_page_with_linked_members_has_no_query_per_member(
    client, tree, people, django_assert_max_num_queries
):
    delegation = trip(tree.nghe_an, 3, state=S.DRAFT)
    names = iter(f"Cán bộ {n}" for n in range(20))
    for _ in range(2):
        linked(delegation, officer(tree.nghe_an, next(names), by=people.na_officer), key=False)
    login(client, people.na_officer)
    with CaptureQueriesContext(connection) as few:
        assert client.get(delegation.get_absolute_url()).status_code == 200
    for _ in range(8):
        linked(delegation, officer(tree.ky_son, next(names), by=people.na_officer), key=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(delegation.get_absolute_url()).content.decode()
    assert page.count('data-testid="member-officer"') == 10
