"""Support items keep their identity across edits, a stale save shows the conflict, the owner is fixed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.support import services
from solidarity.support.models import Support, SupportItem

pytestmark = pytest.mark.django_db
CONFLICT = "Someone else saved this record while you were editing it."


def as_posted(response, **changes) -> dict:
    """What the browser sends back for the edit page in ``response``, with ``changes`` typed in."""
    data = {}
    form, formset = response.context["form"], response.context["formset"]
    for bound in form:
        if bound.field.disabled:
            continue  # browsers do not send disabled fields
        value = bound.value()
        data[bound.html_name] = value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else value
    for bound in formset.management_form:
        data[bound.html_name] = bound.value()
    for item in formset:
        for bound in item:
            value = bound.value()
            if value is not None and value is not False:
                data[bound.html_name] = value
    data.update(changes)
    return {key: "" if value is None else value for key, value in data.items()}


def test_a_stale_second_save_shows_the_conflict_and_saves_nothing(client, people, laptops):
    """GIVEN two officers who opened the same support record with its two items
    WHEN the first changes an item and removes the other, then the second saves the page they opened
    THEN the second sees the edit conflict (409) naming the items, and nothing of theirs is saved."""
    client.force_login(people.na_officer)
    url = reverse("support:edit", args=[laptops.pk])
    opened_first, opened_second = client.get(url), client.get(url)
    first = client.post(url, as_posted(opened_first, **{"items-0-quantity": "4", "items-1-DELETE": "on"}))
    assert first.status_code == 302
    second = client.post(url, as_posted(opened_second, description="Lần 2"))
    page = second.content.decode()
    assert second.status_code == 409 and CONFLICT in page
    assert "support items" in page.lower() and "Quà Bun Pi May" in page
    laptops.refresh_from_db()
    assert laptops.version == 2 and laptops.description == "Quà Tết Bun Pi May"
    assert list(laptops.items.values_list("description", "quantity")) == [("Máy tính xách tay", 4)]
    # The form now shows their items, with the removed one as a new line of the second user's input.
    again = client.post(url, as_posted(second))
    assert again.status_code == 302
    assert sorted(Support.objects.get().items.values_list("description", flat=True)) == [
        "Máy tính xách tay",
        "Quà Bun Pi May",
    ]


def test_items_keep_their_identity_and_each_change_shows_in_the_history(client, people, laptops):
    client.force_login(people.na_officer)
    url = reverse("support:edit", args=[laptops.pk])
    laptop, gift = laptops.items.order_by("pk")
    data = as_posted(
        client.get(url),
        **{
            "items-0-quantity": "4",
            "items-1-DELETE": "on",
            "items-2-description": "Máy in",
            "items-2-quantity": "1",
            "items-2-value_vnd": "5.000.000",
        },
    )
    assert client.post(url, data).status_code == 302
    assert laptops.items.get(pk=laptop.pk).quantity == 4  # the same item, changed in place
    assert not SupportItem.objects.filter(pk=gift.pk).exists()
    assert laptops.items.get(description="Máy in").pk not in (laptop.pk, gift.pk)
    history = client.get(laptops.get_absolute_url()).context["history"]
    reasons = [entry.reason for entry in history]
    assert any(r.startswith("Support item changed: Máy tính xách tay") for r in reasons), reasons
    assert any(r.startswith("Support item removed: Quà Bun Pi May") for r in reasons), reasons
    assert any(r.startswith("Support item added: Máy in") for r in reasons), reasons
    changed = next(e for e in history if e.reason.startswith("Support item changed"))
    assert ("quantity", "3", "4") in changed.changes
    assert changed.record.history_user == people.na_officer


def test_an_edit_that_changes_no_item_writes_no_item(client, people, laptops):
    client.force_login(people.na_officer)
    url = reverse("support:edit", args=[laptops.pk])
    before = list(SupportItem.history.values_list("history_id", flat=True))
    ids = list(laptops.items.values_list("pk", flat=True))
    assert client.post(url, as_posted(client.get(url), description="Chỉ sửa mô tả")).status_code == 302
    assert list(laptops.items.values_list("pk", flat=True)) == ids
    assert list(SupportItem.history.values_list("history_id", flat=True)) == before


def test_the_owning_unit_cannot_change_after_creation(client, people, tree, laptops):
    client.force_login(people.na_officer)
    url = reverse("support:edit", args=[laptops.pk])
    opened = client.get(url)
    assert opened.context["form"].fields["owner_unit"].disabled
    response = client.post(url, {**as_posted(opened), "owner_unit": tree.ky_son.pk})
    assert response.status_code == 302
    assert Support.objects.get().owner_unit == tree.nghe_an
    with pytest.raises(ValidationError) as error:
        services.support_update(
            support=laptops,
            by=people.na_officer,
            expected_version=Support.objects.get().version,
            fields={"owner_unit": tree.ky_son, "total_vnd": 1},
        )
    assert "The owning unit cannot change after creation." in error.value.messages
    assert Support.objects.get().owner_unit == tree.nghe_an
