"""The home page shows real counts and what needs attention, in the user's scope only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarity.delegations.models import Delegation
from solidarity.home.selectors import home_attention
from solidarity.records.workflow import ApprovalState

pytestmark = pytest.mark.django_db


def delegation(unit, state, end_days_ago):
    end = timezone.localdate() - datetime.timedelta(days=end_days_ago)
    return Delegation.objects.create(
        owner_unit=unit,
        direction="outgoing",
        title=f"Đoàn {unit.code} {state}",
        start_on=end - datetime.timedelta(days=5),
        end_on=end,
        state=state,
    )


def test_a_leader_of_the_level_above_sees_what_waits_for_them(tree, people):
    delegation(tree.nghe_an, ApprovalState.SUBMITTED, -30)
    assert home_attention(user=people.vgcl_leader)["waiting_delegations"] == 1
    # Nghệ An's own leader does not approve Nghệ An's delegations: VGCL does.
    assert home_attention(user=people.na_leader)["waiting_delegations"] == 0
    assert home_attention(user=people.hn_officer)["waiting_delegations"] == 0


def test_a_child_units_submission_waits_for_the_parents_leader(tree, people):
    delegation(tree.vinh, ApprovalState.SUBMITTED, -30)
    assert home_attention(user=people.na_leader)["waiting_delegations"] == 1


def test_a_unit_that_approves_its_own_sees_its_own_submissions(tree, people):
    tree.vgcl.approves_own = True
    tree.vgcl.save()
    delegation(tree.vgcl, ApprovalState.SUBMITTED, -30)
    assert home_attention(user=people.vgcl_leader)["waiting_delegations"] == 1


def test_overdue_reports_are_counted_after_the_configured_days(tree, people, settings):
    settings.DELEGATION_REPORT_DAYS = 15
    delegation(tree.nghe_an, ApprovalState.CARRIED_OUT, 16)
    delegation(tree.nghe_an, ApprovalState.CARRIED_OUT, 10)
    delegation(tree.ha_noi, ApprovalState.CARRIED_OUT, 40)
    assert home_attention(user=people.na_officer)["overdue_reports"] == 1
    settings.DELEGATION_REPORT_DAYS = 5
    assert home_attention(user=people.na_officer)["overdue_reports"] == 2


def test_the_home_page_flags_overdue_reports(client, tree, people):
    delegation(tree.nghe_an, ApprovalState.CARRIED_OUT, 60)
    client.force_login(people.na_officer)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="attention"' in page
    client.force_login(people.hn_officer)
    assert 'data-testid="attention"' not in client.get(reverse("home")).content.decode()
