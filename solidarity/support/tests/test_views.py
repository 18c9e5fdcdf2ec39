"""Support given and received: permissions, money rules, totals, conflicts, archive, history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.support.models import Support, SupportItem

pytestmark = pytest.mark.django_db


def make_support(unit, partner, **fields) -> Support:
    defaults = {
        "direction": "given",
        "given_on": datetime.date(2023, 4, 10),
        "form": "equipment",
        "description": "Quà Tết Bun Pi May",
        "total_vnd": 50_000_000,
        "funding_source": "union_budget",
    }
    return Support.objects.create(owner_unit=unit, partner=partner, **{**defaults, **fields})


def form_data(partner, unit, *, items=(), support=None, **changes):
    data = {
        "owner_unit": unit.pk,
        "direction": "given",
        "partner": partner.pk,
        "given_on": "10/04/2023",
        "form": "equipment",
        "description": "Hỗ trợ thiết bị",
        "funding_source": "union_budget",
        "currency": "VND",
        "amount_original": "",
        "exchange_rate": "",
        "total_vnd": "",
        "delegation": "",
        "meeting": "",
        "out_of_plan_reason": "Lời mời đột xuất",
        "version": support.version if support else "",
        "items-TOTAL_FORMS": str(max(len(items), 1)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    # A blank item line as the browser sends it: quantity prefilled, nothing else.
    data["items-0-quantity"] = "1"
    for index, (description, quantity, value) in enumerate(items):
        data[f"items-{index}-description"] = description
        data[f"items-{index}-quantity"] = quantity
        data[f"items-{index}-value_vnd"] = value
    data.update(changes)
    return data


def test_anonymous_users_are_sent_to_sign_in(client, laptops):
    for url in [reverse("support:list"), laptops.get_absolute_url(), reverse("support:create")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("persona", "detail", "edit"),
    [
        ("outsider", 404, 404),
        ("hn_officer", 404, 404),
        ("vinh_officer", 404, 404),
        ("na_viewer", 200, 403),
        ("na_officer", 200, 200),
        ("vgcl_leader", 200, 200),
    ],
)
def test_who_sees_and_edits_nghe_an_support(client, people, laptops, persona, detail, edit):
    client.force_login(getattr(people, persona))
    assert client.get(laptops.get_absolute_url()).status_code == detail
    assert client.get(reverse("support:edit", args=[laptops.pk])).status_code == edit
    archive = client.post(reverse("support:archive", args=[laptops.pk]))
    assert archive.status_code == {200: 302, 403: 403, 404: 404}[edit]


def test_viewers_and_outsiders_cannot_create_support(client, people):
    for persona in ("na_viewer", "outsider"):
        client.force_login(getattr(people, persona))
        assert client.get(reverse("support:create")).status_code == 403


def test_a_sibling_never_sees_support_in_the_list_filter_search_or_totals(
    client, people, tree, laptops, xieng_khoang
):
    client.force_login(people.hn_officer)
    for query in [
        "",
        "?q=bun pi may",
        f"?partner={xieng_khoang.pk}",
        "?direction=given",
        f"?unit={tree.nghe_an.pk}",
    ]:
        page = client.get(reverse("support:list") + query).content.decode()
        assert "Bun Pi May" not in page and "50.000.000" not in page, query
    client.force_login(people.na_viewer)
    page = client.get(reverse("support:list") + "?q=bun pi").content.decode()
    assert "Bun Pi May" in page and "50.000.000 ₫" in page


def test_the_detail_shows_items_and_the_total_in_vnd(client, people, laptops):
    client.force_login(people.na_viewer)
    page = client.get(laptops.get_absolute_url()).content.decode()
    assert "Máy tính xách tay" in page and "45.000.000 ₫" in page and "50.000.000 ₫" in page


def test_totals_are_summed_for_the_filtered_set(client, people, tree, xieng_khoang, laptops):
    make_support(tree.ky_son, xieng_khoang, total_vnd=7_500_000, given_on=datetime.date(2024, 1, 5))
    make_support(tree.nghe_an, xieng_khoang, direction="received", total_vnd=1_200_000, form="gifts")
    make_support(tree.ha_noi, xieng_khoang, total_vnd=999_000_000)  # a sibling: never counted
    client.force_login(people.na_officer)
    page = client.get(reverse("support:list")).content.decode()
    assert "57.500.000 ₫" in page and "1.200.000 ₫" in page and "999" not in page
    page = client.get(reverse("support:list") + "?given_from=01/01/2024&given_to=31/12/2024").content.decode()
    assert "7.500.000 ₫" in page and "57.500.000" not in page
    page = client.get(reverse("support:list") + f"?unit={tree.ky_son.pk}").content.decode()
    assert "7.500.000 ₫" in page and "50.000.000" not in page
    page = client.get(reverse("support:list") + "?form=gifts").content.decode()
    assert "Given</span>" not in page or "0 ₫" in page


def test_totals_are_not_summed_over_more_rows_than_the_list_counts(
    client, people, tree, xieng_khoang, laptops, settings, django_assert_max_num_queries
):
    """
    GIVEN a list longer than the count cap
    WHEN it is shown
    THEN it asks to narrow the list instead of summing every row; a filter within the cap shows the totals
    """
    settings.LIST_COUNT_CAP = 2
    for day in (1, 2):
        make_support(tree.ky_son, xieng_khoang, total_vnd=7_500_000, given_on=datetime.date(2024, 1, day))
    client.force_login(people.na_officer)
    with CaptureQueriesContext(connection) as capped:
        page = client.get(reverse("support:list")).content.decode()
    assert "narrow the list" in page and "65.000.000" not in page
    assert not any("SUM(" in query["sql"].upper() for query in capped.captured_queries)
    page = client.get(reverse("support:list") + f"?unit={tree.ky_son.pk}").content.decode()
    assert "15.000.000 ₫" in page and "narrow the list" not in page


def test_items_make_the_total(client, people, tree, xieng_khoang):
    client.force_login(people.na_officer)
    data = form_data(
        xieng_khoang,
        tree.nghe_an,
        items=[("Máy tính xách tay", "3", "45.000.000"), ("Quà Bun Pi May", "1", "5,000,000")],
        total_vnd="1",
    )
    response = client.post(reverse("support:create"), data)
    support = Support.objects.get()
    assert response.status_code == 302 and support.total_vnd == 50_000_000
    assert list(support.items.values_list("quantity", "value_vnd")) == [(3, 45_000_000), (1, 5_000_000)]


def test_without_items_the_entered_total_is_kept(client, people, tree, xieng_khoang):
    client.force_login(people.na_officer)
    client.post(reverse("support:create"), form_data(xieng_khoang, tree.nghe_an, total_vnd="50.000.000"))
    assert Support.objects.get().total_vnd == 50_000_000


def test_a_foreign_currency_total_is_amount_times_rate_rounded(client, people, tree, xieng_khoang):
    client.force_login(people.na_officer)
    data = form_data(
        xieng_khoang, tree.nghe_an, currency="USD", amount_original="1000.50", exchange_rate="25400.5"
    )
    response = client.post(reverse("support:create"), data, follow=True)
    support = Support.objects.get()
    assert support.total_vnd == 25_413_200  # 1000.50 × 25400.5 = 25,413,200.25
    assert "25.413.200 ₫" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "items", "message"),
    [
        ({"currency": "USD", "amount_original": "2000"}, (), "Give the exchange rate"),
        ({"currency": "LAK", "exchange_rate": "1.2"}, (), "Give the amount in LAK"),
        ({"total_vnd": "1500000,50"}, (), "whole đồng"),
        ({"total_vnd": "1.5"}, (), "whole đồng"),
        ({}, [("Máy tính", "-3", "45.000.000")], 'aria-describedby="id_items-0-quantity_error"'),
        ({}, [("Máy tính", "3", "45.000.000,5")], "whole đồng"),
        ({}, (), "Give the total in VND"),
        (
            {"currency": "USD", "amount_original": "100", "exchange_rate": "25000"},
            [("Quà", "1", "1.000.000")],
            "Make them agree",
        ),
    ],
)
def test_bad_money_saves_nothing_and_says_why(client, people, tree, xieng_khoang, changes, items, message):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("support:create"), form_data(xieng_khoang, tree.nghe_an, items=items, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Support.objects.exists() and not SupportItem.objects.exists()


def test_an_officer_cannot_record_support_for_a_sibling_unit(client, people, tree, xieng_khoang):
    client.force_login(people.na_officer)
    client.post(reverse("support:create"), form_data(xieng_khoang, tree.ha_noi, total_vnd="1000"))
    assert not Support.objects.exists()


def test_a_second_save_of_the_same_version_is_refused_with_the_changes_shown(client, people, tree, laptops):
    client.force_login(people.na_officer)
    url = reverse("support:edit", args=[laptops.pk])
    items = [("Máy tính xách tay", "3", "45.000.000"), ("Quà Bun Pi May", "1", "5.000.000")]
    first = client.post(
        url, form_data(laptops.partner, tree.nghe_an, items=items, support=laptops, description="Lần 1")
    )
    assert first.status_code == 302
    second = client.post(
        url, form_data(laptops.partner, tree.nghe_an, items=items, support=laptops, description="Lần 2")
    )
    page = second.content.decode()
    assert second.status_code == 409 and "Lần 1" in page and "Lần 2" in page
    laptops.refresh_from_db()
    assert laptops.description == "Lần 1" and laptops.version == 2
    assert laptops.items.count() == 2


def test_archive_and_restore_with_history(client, people, laptops):
    client.force_login(people.na_officer)
    client.post(reverse("support:archive", args=[laptops.pk]))
    laptops.refresh_from_db()
    assert laptops.is_archived
    assert "Bun Pi May" not in client.get(reverse("support:list")).content.decode()
    assert "Bun Pi May" in client.get(reverse("support:list") + "?archived=1").content.decode()
    client.post(reverse("support:archive", args=[laptops.pk]), {"restore": "1"})
    laptops.refresh_from_db()
    assert not laptops.is_archived
    page = client.get(laptops.get_absolute_url()).content.decode()
    assert "Archived" in page and "Restored" in page


def test_history_shows_who_changed_the_total(client, people, tree, laptops):
    client.force_login(people.na_officer)
    client.post(
        reverse("support:edit", args=[laptops.pk]),
        form_data(laptops.partner, tree.nghe_an, support=laptops, total_vnd="60.000.000"),
    )
    laptops.refresh_from_db()
    assert laptops.total_vnd == 60_000_000 and laptops.items.count() == 0
    page = client.get(laptops.get_absolute_url()).content.decode()
    assert "60000000" in page and "50000000" in page and people.na_officer.display_name in page


def test_the_support_list_does_not_issue_a_query_per_row(
    client, people, tree, xieng_khoang, django_assert_max_num_queries
):
    client.force_login(people.na_officer)
    for _ in range(3):
        make_support(tree.nghe_an, xieng_khoang)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("support:list"))
    for index in range(6):
        partner = Partner.objects.create(name=f"Đối tác {index}", kind=PartnerKind.NGO, country="FR")
        make_support(tree.ky_son, partner)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("support:list"))


def test_a_linked_meeting_must_be_visible(client, people, tree, xieng_khoang):
    from solidarity.meetings.models import Meeting

    meeting = Meeting.objects.create(
        owner_unit=tree.ha_noi, kind="seminar", title="Hà Nội seminar", start_on=datetime.date(2024, 1, 1)
    )
    client.force_login(people.na_officer)
    client.post(
        reverse("support:create"), form_data(xieng_khoang, tree.nghe_an, total_vnd="1000", meeting=meeting.pk)
    )
    assert not Support.objects.exists()
