"""RecordFilterSet: the unit and archive filters every record list shares, and their defaults."""

import pytest
from django.http import QueryDict

from solidarity.agreements.filters import AgreementFilter, CommitmentFilter
from solidarity.delegations.filters import DelegationFilter
from solidarity.funds.filters import FundFilter
from solidarity.meetings.filters import MeetingFilter
from solidarity.meetings.models import Meeting
from solidarity.meetings.services import meeting_archive, meeting_create
from solidarity.plans.filters import PlanFilter
from solidarity.records.filters import RecordFilterSet
from solidarity.sponsorship.filters import ProjectFilter
from solidarity.support.filters import SupportFilter

pytestmark = pytest.mark.django_db

FILTERS = [
    AgreementFilter,
    CommitmentFilter,
    DelegationFilter,
    FundFilter,
    MeetingFilter,
    PlanFilter,
    ProjectFilter,
    SupportFilter,
]


@pytest.mark.parametrize("filterset", FILTERS)
def test_every_record_list_filters_through_the_one_base(filterset):
    assert issubclass(filterset, RecordFilterSet)
    assert {"unit", "archived"} <= set(filterset.base_filters)


def meeting(people, unit, title):
    return meeting_create(
        by=people.na_officer,
        owner_unit=unit,
        kind="seminar",
        title=title,
        start_on="2025-06-02",
        place="Vinh",
        hosted=False,
        is_international=True,
    )


def titles(people, query: str, user=None):
    user = user or people.na_officer
    filterset = MeetingFilter(QueryDict(query), queryset=Meeting.objects.visible_to(user), user=user)
    assert filterset.is_valid(), filterset.errors
    return sorted(m.title for m in filterset.qs)


def test_a_list_shows_current_records_unless_asked_for_the_archive(people, tree):
    meeting(people, tree.nghe_an, "Đang dùng")
    meeting_archive(meeting=meeting(people, tree.nghe_an, "Đã lưu trữ"), by=people.na_officer)
    assert titles(people, "") == ["Đang dùng"]
    assert titles(people, "archived=0") == ["Đang dùng"]
    assert titles(people, "archived=1") == ["Đã lưu trữ"]


def test_the_unit_filter_takes_the_units_below_and_refuses_a_sibling(people, tree):
    meeting(people, tree.ky_son, "Kỳ Sơn")
    assert titles(people, f"unit={tree.nghe_an.pk}") == ["Kỳ Sơn"]
    filterset = MeetingFilter(
        QueryDict(f"unit={tree.ha_noi.pk}"), queryset=Meeting.objects.all(), user=people.na_officer
    )
    assert not filterset.is_valid()
    assert "unit" in filterset.errors
