"""The record kit: a kind declared in a few lines gets every record page, with the shared rules."""

import pytest
from django.http import HttpResponse
from django.urls import path, reverse

from solidarity.accounts.permissions import may_edit, units_for_officer
from solidarity.accounts.testing import PASSWORD
from solidarity.delegations import services
from solidarity.delegations.filters import DelegationFilter
from solidarity.delegations.forms import DelegationForm
from solidarity.delegations.models import Delegation
from solidarity.delegations.tests.factories import make_delegation
from solidarity.records.base import can_edit
from solidarity.records.kit import PAGES, RecordViews
from solidarity.urls import urlpatterns as site_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


class Trips(RecordViews):
    """A new kind, as a newcomer would declare it: nothing but the declaration."""

    model = Delegation
    services = services
    filterset = DelegationFilter
    form_class = DelegationForm
    created_message = "Trip recorded."
    archived_message = "Trip archived."
    restored_message = "Trip restored."


class ExportedTrips(Trips):
    def export(self, filterset):
        if self.request.GET.get("export") == "csv":
            return HttpResponse("\n".join(d.title for d in filterset.qs), content_type="text/csv")
        return None


urlpatterns = [
    *[path(f"kit/{page}/", Trips.view(page), name=f"kit-{page}") for page in ("list", "create")],
    *[
        path(f"kit/<int:pk>/{page}/", Trips.view(page), name=f"kit-{page}")
        for page in ("detail", "edit", "archive")
    ],
    path("kit/export/", ExportedTrips.view("list"), name="kit-export"),
    *site_urls,
]


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def trip(tree):
    return make_delegation(tree.nghe_an, title="Đoàn Nghệ An thăm Xiêng Khoảng")


def form_data(**changes):
    data = {
        "owner_unit": "",
        "direction": "outgoing",
        "title": "Đoàn công tác Lào 2025",
        "purpose": "Làm việc",
        "countries": ["LA"],
        "start_on": "10/03/2025",
        "end_on": "15/03/2025",
        "out_of_plan_reason": "Lời mời đột xuất",
    }
    return data | changes


def test_a_declared_kind_lists_its_records_in_scope_sorted_and_paginated(client, people, trip, tree):
    make_delegation(tree.ha_noi, title="Đoàn Hà Nội")
    response = login(client, people.na_officer).get(reverse("kit-list"))
    assert response.status_code == 200
    assert [d.title for d in response.context["page_obj"]] == [trip.title]
    assert response.context["can_create"] is True
    assert "delegations/delegation_list.html" in [t.name for t in response.templates]
    partial = client.get(reverse("kit-list"), headers={"HX-Request": "true"})
    assert "delegations/_list_results.html" in [t.name for t in partial.templates]
    assert "delegations/delegation_list.html" not in [t.name for t in partial.templates]


def test_a_viewer_is_not_offered_to_create(client, people, trip):
    response = login(client, people.na_viewer).get(reverse("kit-list"))
    assert response.context["can_create"] is False
    assert login(client, people.na_viewer).get(reverse("kit-create")).status_code == 403


def test_the_detail_page_carries_the_panel_every_record_shares(client, people, trip):
    response = login(client, people.na_officer).get(reverse("kit-detail", args=[trip.pk]))
    context = response.context
    assert context["delegation"] == trip
    assert context["can_manage"] and context["can_edit"] and context["can_attach"]
    assert context["attachments"] == [] and context["history"]
    assert context["actions"] == ["submit"] and context["can_archive"]
    assert context["missing"]  # a draft without programme or estimate cannot be submitted yet


@pytest.mark.parametrize(
    ("persona", "detail", "edit"),
    [("outsider", 404, 404), ("hn_officer", 404, 404), ("na_viewer", 200, 403), ("na_officer", 200, 200)],
)
def test_it_answers_404_outside_the_scope_and_403_without_the_role(
    client, people, trip, persona, detail, edit
):
    login(client, getattr(people, persona))
    assert client.get(reverse("kit-detail", args=[trip.pk])).status_code == detail
    assert client.get(reverse("kit-edit", args=[trip.pk])).status_code == edit


def test_create_calls_the_kinds_service_and_says_so(client, people, tree):
    login(client, people.na_officer)
    response = client.post(reverse("kit-create"), form_data(owner_unit=tree.nghe_an.pk), follow=True)
    created = Delegation.objects.get()
    assert created.owner_unit == tree.nghe_an and created.created_by == people.na_officer
    assert "Trip recorded." in response.content.decode()


def test_the_services_refusal_shows_next_to_its_field(client, people, tree, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError({"title": "Not this title."})

    monkeypatch.setattr(services, "delegation_create", refuse)
    response = login(client, people.na_officer).post(
        reverse("kit-create"), form_data(owner_unit=tree.nghe_an.pk)
    )
    assert response.status_code == 200 and response.context["form"].errors["title"] == ["Not this title."]


def test_a_stale_edit_is_refused_with_409_and_the_input_on_top_of_the_saved_version(client, people, trip):
    """
    GIVEN two officers opened the edit form of the same record (version 1)
    WHEN the first saves and then the second saves
    THEN the second gets the conflict page (409) with their input on version 2, and nothing of theirs is saved
    """
    login(client, people.na_officer)
    url = reverse("kit-edit", args=[trip.pk])
    assert client.post(url, form_data(title="Bản trước", version=1)).status_code == 302
    response = client.post(url, form_data(title="Bản của tôi", version=1))
    assert response.status_code == 409
    assert response.context["conflict"] and response.context["form"]["version"].value() == "2"
    assert "Your changes were NOT saved" in response.content.decode()
    assert Delegation.objects.get().title == "Bản trước"


def test_an_archived_record_is_not_edited_and_the_page_says_why(client, people, trip):
    services.delegation_archive(delegation=trip, by=people.na_officer)
    response = login(client, people.na_officer).get(reverse("kit-edit", args=[trip.pk]), follow=True)
    assert response.redirect_chain[-1][0] == trip.get_absolute_url()
    assert "This record is archived; restore it before changing it." in response.content.decode()


def test_a_frozen_record_is_not_edited_and_the_page_says_why(client, people, tree):
    submitted = make_delegation(tree.nghe_an, state="submitted")
    response = login(client, people.na_officer).get(reverse("kit-edit", args=[submitted.pk]), follow=True)
    assert "nothing on it can change until they return it" in response.content.decode()


def test_archive_and_restore_go_through_the_services_by_post_only(client, people, trip):
    url = reverse("kit-archive", args=[trip.pk])
    assert client.get(url).status_code == 302  # signing in comes first
    login(client, people.na_officer)
    assert client.get(url).status_code == 405
    assert "Trip archived." in client.post(url, follow=True).content.decode()
    trip.refresh_from_db()
    assert trip.is_archived
    assert "Trip restored." in client.post(url, {"restore": "1"}, follow=True).content.decode()
    trip.refresh_from_db()
    assert not trip.is_archived


def test_a_viewer_cannot_archive(client, people, trip):
    assert login(client, people.na_viewer).post(reverse("kit-archive", args=[trip.pk])).status_code == 403


def test_the_export_hook_answers_instead_of_the_list(client, people, trip):
    login(client, people.na_officer)
    exported = client.get(reverse("kit-export") + "?export=csv")
    assert exported["Content-Type"] == "text/csv" and exported.content.decode() == trip.title
    assert client.get(reverse("kit-export")).status_code == 200


def test_it_serves_only_the_kits_pages():
    assert PAGES == ("list", "create", "detail", "edit", "archive")
    with pytest.raises(ValueError):
        Trips.view("delete")


def test_may_this_user_edit_here_has_one_answer(people, tree):
    """The views' and services' can_edit, the querysets' editable_by and the forms' owner units agree."""
    for unit in (tree.vgcl, tree.nghe_an, tree.ky_son, tree.ha_noi):
        record = make_delegation(unit)
        for user in vars(people).values():
            answer = may_edit(user, unit)
            assert can_edit(user, record) == answer
            assert Delegation.objects.editable_by(user).filter(pk=record.pk).exists() == answer
            assert units_for_officer(user).filter(pk=unit.pk).exists() == answer
