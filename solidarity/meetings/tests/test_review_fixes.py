"""Review findings on meetings: archived is read-only, the version is required, the owner is fixed,
and the list filters by the partners' country."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.agreements.models import Commitment
from solidarity.meetings import services
from solidarity.meetings.models import Meeting
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink

from .test_views import form_data, make_meeting

pytestmark = pytest.mark.django_db
D = datetime.date
ARCHIVED = "This record is archived; restore it before changing it."


@pytest.fixture
def seminar(tree):
    laos = Partner.objects.create(name="LHCĐ Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA")
    PartnerLink.objects.create(partner=laos, unit=tree.nghe_an)
    meeting = make_meeting(tree.nghe_an, hosted=False)
    meeting.partners.add(laos)
    return meeting


def test_an_archived_meeting_takes_no_follow_up_and_says_why(client, people, seminar):
    """
    GIVEN an archived meeting
    WHEN an officer adds a follow-up (page or service) or edits it
    THEN a message says it is archived and nothing is saved
    """
    services.meeting_archive(meeting=seminar, by=people.na_officer)
    client.force_login(people.na_officer)
    response = client.post(
        reverse("meetings:follow_up_add", args=[seminar.pk]),
        {"follow_up-description": "Trao đổi đoàn", "follow_up-due_year": "2025"},
        follow=True,
    )
    assert response.status_code == 200 and ARCHIVED in response.content.decode()
    response = client.post(
        reverse("meetings:edit", args=[seminar.pk]), form_data(seminar, title="Mới"), follow=True
    )
    assert response.status_code == 200 and ARCHIVED in response.content.decode()
    stale = Meeting.objects.get(pk=seminar.pk)
    stale.archived_at = None  # a page opened before the archive
    with pytest.raises(ValidationError) as error:
        services.meeting_add_follow_up(meeting=stale, by=people.na_officer, description="X", due_year=2025)
    assert ARCHIVED in error.value.messages
    assert not Commitment.objects.exists()
    assert Meeting.objects.get().title != "Mới"


@pytest.mark.parametrize("version", ["", "0"])
def test_a_meeting_edit_without_a_version_is_refused(client, people, seminar, version):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("meetings:edit", args=[seminar.pk]),
        form_data(seminar, title="Mới", hosted=False, version=version),
    )
    assert response.status_code == 200
    assert Meeting.objects.get().title != "Mới"


def test_the_owner_of_a_meeting_cannot_change_on_edit(client, people, tree, seminar):
    services.meeting_add_follow_up(meeting=seminar, by=people.na_officer, description="X", due_year=2025)
    client.force_login(people.na_officer)
    assert (
        "cannot change after creation"
        in client.get(reverse("meetings:edit", args=[seminar.pk])).content.decode()
    )
    response = client.post(
        reverse("meetings:edit", args=[seminar.pk]),
        form_data(seminar, owner_unit=tree.vinh.pk, title="Tọa đàm mới", hosted=False),
    )
    assert response.status_code == 302
    saved = Meeting.objects.get()
    assert saved.owner_unit == tree.nghe_an and saved.title == "Tọa đàm mới"
    assert Commitment.objects.get().owner_unit == saved.owner_unit
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=saved,
            by=people.na_officer,
            expected_version=saved.version,
            fields={"owner_unit": tree.vinh},
        )


def test_meetings_filter_by_the_partners_country(client, people, tree, seminar):
    cuba = Partner.objects.create(name="CTC Cuba", kind=PartnerKind.NATIONAL_CENTRE, country="CU")
    laos2 = Partner.objects.create(name="LHCĐ Viêng Chăn", kind=PartnerKind.REGIONAL_UNION, country="LA")
    seminar.partners.add(laos2)  # two Lao partners: still listed once
    other = make_meeting(tree.nghe_an, title="Gặp CTC Cuba")
    other.partners.add(cuba)
    client.force_login(people.na_officer)

    def titles(query):
        return [m.title for m in client.get(reverse("meetings:list") + query).context["page_obj"]]

    assert titles("?country=LA") == [seminar.title]
    assert titles("?country=CU") == ["Gặp CTC Cuba"]
    assert titles("?country=FR") == []
    client.force_login(people.hn_officer)
    assert titles("?country=LA") == []
