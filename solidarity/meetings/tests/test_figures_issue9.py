"""A meeting held abroad has a country (form, page, filters, figures); meetings in the figures by
partner and partner kind; the list's ``counted`` and ``held_in`` give the records behind a figure."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from solidarity.figures.rebuild import check
from solidarity.figures.tests.helpers import figure, leader_of
from solidarity.meetings import services
from solidarity.meetings.filters import MeetingFilter
from solidarity.meetings.models import Meeting
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner

from .test_views import form_data

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 7, 29)


def listed(user, **params) -> set[int]:
    data = {k: str(v) for k, v in params.items()}
    return set(
        MeetingFilter(data, queryset=Meeting.objects.visible_to(user), user=user).qs.values_list(
            "pk", flat=True
        )
    )


def meeting(by, unit, *, hosted=True, partners=(), approve=True, **fields) -> Meeting:
    record = services.meeting_create(
        by=by,
        owner_unit=unit,
        partners=partners,
        kind="conference",
        title="Hội nghị quốc tế",
        hosted=hosted,
        is_international=True,
        start_on=DAY,
        place="Viêng Chăn" if fields.get("country") else "Vinh",
        topics="Lao động di cư",
        domestic_participants=10,
        foreign_participants=5,
        **fields,
    )
    if hosted and approve:
        record, _warnings = services.meeting_take_action(meeting=record, action="submit", by=by)
        record, _warnings = services.meeting_take_action(
            meeting=record, action="approve", by=leader_of(unit.approver_unit())
        )
    return record


@pytest.fixture
def partners():
    return (
        Partner.objects.create(name="LĐLĐ Lào", kind=PartnerKind.NATIONAL_CENTRE, country="LA"),
        Partner.objects.create(name="ILO Hà Nội", kind=PartnerKind.UN_AGENCY, country="CH"),
    )


def test_an_officer_records_the_country_of_a_meeting_held_abroad(client, people, tree):
    client.force_login(people.na_officer)
    data = form_data(owner_unit=tree.nghe_an.pk, hosted=False, place="Viêng Chăn", country="LA")
    response = client.post(reverse("meetings:create"), data)
    record = Meeting.objects.get()
    assert response.status_code == 302 and record.country == "LA"
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Held in" in page and "Laos" in page
    form = client.get(reverse("meetings:edit", args=[record.pk])).content.decode()
    assert 'name="country"' in form


def test_meetings_count_by_country_held_partner_and_partner_kind(tree, people, partners):
    laos, ilo = partners
    abroad = meeting(people.na_officer, tree.nghe_an, hosted=False, country="LA", partners=[laos, ilo])
    home = meeting(people.na_officer, tree.nghe_an, partners=[laos])
    meeting(people.na_officer, tree.nghe_an, approve=False)  # a proposal: not counted
    for unit in (tree.nghe_an, tree.vgcl):
        assert figure(unit, "meetings_attended", "country:LA") == 1
        assert figure(unit, "meetings_attended", "pkind:un_agency") == 1
        assert figure(unit, "meetings_attended", f"partner:{laos.pk}") == 1
        assert figure(unit, "meetings_hosted") == 1
        assert figure(unit, "meetings_hosted", "pkind:national_centre") == 1
    assert figure(tree.nghe_an, "meetings_hosted", "country:VN") == 0  # held at home: no country key
    assert figure(tree.vgcl, "approval_decisions") == 1  # the hosted one's approval
    assert check()[0] == 0
    user = people.vgcl_leader
    assert listed(user, counted=1) == {abroad.pk, home.pk}
    assert listed(user, counted=1, held_in="LA") == {abroad.pk}
    assert listed(user, counted=1, hosted=1, partner_kind="national_centre") == {home.pk}
    # The country filter matches where it is held as well as the partners' countries.
    assert listed(user, country="LA") == {abroad.pk, home.pk}
    assert listed(user, country="CH") == {abroad.pk}
    assert listed(people.hn_officer, counted=1) == set()  # a sibling's never shows


def test_the_list_page_takes_the_figures_params(client, people, tree, partners):
    record = meeting(people.na_officer, tree.nghe_an, hosted=False, country="LA", partners=[partners[0]])
    client.force_login(people.na_viewer)
    response = client.get(
        reverse("meetings:list"),
        {"counted": "1", "held_in": "LA", "partner_kind": "national_centre", "start_from": "2024-07-01"},
    )
    assert response.status_code == 200 and response.context["filter"].form.is_valid()
    assert record.get_absolute_url() in response.content.decode()
