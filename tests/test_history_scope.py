"""A record's history never shows lines that belong to a unit the reader may not see."""

import datetime

import pytest
from django.urls import reverse

from solidarity.agreements import services as agreements
from solidarity.meetings import services as meetings
from solidarity.partners.models import Partner

pytestmark = pytest.mark.django_db


def test_a_parent_units_follow_up_on_an_agreement_stays_out_of_the_provinces_view_of_its_history(
    client, tree, people
):
    """
    GIVEN a Nghệ An agreement, and a VGCL meeting linked to it that agreed a follow-up
    WHEN a Nghệ An officer and a VGCL administrator open the agreement
    THEN only the VGCL administrator reads the follow-up in the agreement's history
    """
    partner = Partner.objects.create(name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", country="LA")
    agreement = agreements.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[partner],
        title="Biên bản hợp tác",
        agreement_type="cooperation_agreement",
    )
    meeting = meetings.meeting_create(
        by=people.vgcl_admin,
        owner_unit=tree.vgcl,
        kind="working_session",
        title="Buổi làm việc của Tổng Liên đoàn",
        start_on=datetime.date(2024, 7, 29),
        agreement=agreement,
    )
    meetings.meeting_add_follow_up(
        meeting=meeting, by=people.vgcl_admin, description="Nội dung riêng của Tổng Liên đoàn", due_year=2025
    )
    url = reverse("agreements:detail", args=[agreement.pk])

    client.force_login(people.na_officer)
    assert "Nội dung riêng của Tổng Liên đoàn" not in client.get(url).content.decode()
    client.force_login(people.vgcl_admin)
    assert "Nội dung riêng của Tổng Liên đoàn" in client.get(url).content.decode()
