"""The home page shows real counts and what needs attention, in the user's scope only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarity.delegations.models import Delegation
from solidarity.home.mywork import my_work
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


def waiting_for_decision(user) -> int | None:
    """The count of the home panel's "Waiting for my decision"; None when the user has no such list."""
    sections = {section.name: section for section in my_work(user=user, count_only=True)}
    return sections["decide"].total if "decide" in sections else None


def test_a_leader_of_the_level_above_sees_what_waits_for_them(tree, people):
    delegation(tree.nghe_an, ApprovalState.SUBMITTED, -30)
    assert waiting_for_decision(people.vgcl_leader) == 1
    # Nghệ An's own leader does not approve Nghệ An's delegations: VGCL does.
    assert waiting_for_decision(people.na_leader) == 0
    assert waiting_for_decision(people.hn_officer) is None  # not a leader: no such list


def test_a_child_units_submission_waits_for_the_parents_leader(tree, people):
    delegation(tree.vinh, ApprovalState.SUBMITTED, -30)
    assert waiting_for_decision(people.na_leader) == 1


def test_a_unit_that_approves_its_own_sees_its_own_submissions(tree, people):
    tree.vgcl.approves_own = True
    tree.vgcl.save()
    delegation(tree.vgcl, ApprovalState.SUBMITTED, -30)
    assert waiting_for_decision(people.vgcl_leader) == 1


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


# -- key figures: read from the maintained aggregates (solidarity.figures) --------------------


def approved(people, unit, *, start, members=2, direction="outgoing"):
    from solidarity.figures.tests.helpers import delegation as approved_delegation

    officer = people.hn_officer if unit.code == "HN" else people.na_officer
    return approved_delegation(officer, unit, start=start, members=members, direction=direction)


def shown(page: str, name: str) -> str:
    import re

    found = re.search(rf'data-figure="{name}">([^<]*)<', page)
    return found.group(1).strip() if found else ""


def test_a_delegation_approved_a_moment_ago_counts_on_the_home_page_at_once(client, tree, people):
    today = timezone.localdate()
    approved(people, tree.vinh, start=today.replace(day=1), members=3)
    client.force_login(people.na_officer)
    page = client.get(reverse("home")).content.decode()
    assert shown(page, "delegations_out") == "1"
    assert "3 person-trips" in page


def test_this_years_figures_stand_against_the_same_months_of_last_year(tree, people):
    from solidarity.home.selectors import key_figures

    today = timezone.localdate()
    approved(people, tree.nghe_an, start=today.replace(day=1))
    approved(people, tree.nghe_an, start=today.replace(year=today.year - 1, day=1))
    approved(people, tree.nghe_an, start=today.replace(year=today.year - 1, month=1, day=1))
    figures = {f.name: f for f in key_figures(user=people.na_viewer, today=today)}
    assert (figures["delegations_out"].this_year, figures["delegations_out"].last_year) == (1, 2)
    assert figures["delegations_out"].change == -50
    assert figures["delegations_out"].detail_last_year == 4


def test_the_home_page_never_counts_a_sibling_units_records(client, tree, people):
    today = timezone.localdate()
    approved(people, tree.nghe_an, start=today.replace(day=1))
    client.force_login(people.hn_officer)
    assert shown(client.get(reverse("home")).content.decode(), "delegations_out") == "0"
    client.force_login(people.vgcl_leader)
    assert shown(client.get(reverse("home")).content.decode(), "delegations_out") == "1"


def test_a_successor_unit_counts_the_work_of_the_unit_it_carries_on(client, tree, people):
    from solidarity.accounts.choices import Role
    from solidarity.accounts.testing import make_user
    from solidarity.units import services as units

    today = timezone.localdate()
    approved(people, tree.ky_son, start=today.replace(day=1))
    units.unit_merge(units=[tree.ky_son], into=tree.vinh, on=today, by=None)
    client.force_login(make_user("vinh_viewer", (tree.vinh, Role.VIEWER)))
    assert shown(client.get(reverse("home")).content.decode(), "delegations_out") == "1"


def test_the_home_page_costs_the_same_queries_whatever_the_number_of_records(
    client, tree, people, django_assert_max_num_queries
):
    today = timezone.localdate()
    for unit in (tree.nghe_an, tree.vinh, tree.school, tree.ky_son):
        approved(people, unit, start=today.replace(day=1))
    delegation(tree.vinh, ApprovalState.SUBMITTED, -30)
    delegation(tree.nghe_an, ApprovalState.CARRIED_OUT, 60)
    client.force_login(people.na_leader)
    # 24 before the figures were maintained; since the reports: the children's reporting status
    # (grouped counts) and one read of the figures per period compared. My work's panel adds 12:
    # its memberships, one count across the kinds per list (4), its deadlines (5) and the links.
    with django_assert_max_num_queries(32):
        page = client.get(reverse("home")).content.decode()
    assert shown(page, "delegations_out") == "4"
    assert 'data-testid="attention"' in page


def test_a_long_list_of_overdue_work_is_counted_up_to_a_cap(tree, people):
    from solidarity.home.templatetags.home_tags import at_least

    for _ in range(3):
        delegation(tree.nghe_an, ApprovalState.CARRIED_OUT, 60)
    assert home_attention(user=people.na_officer, cap=2)["overdue_reports"] == 2
    assert home_attention(user=people.na_officer, cap=5)["overdue_reports"] == 3
    assert (at_least(2, 2), at_least(3, 5)) == ("2+", "3")
    assert at_least(1000, 1000) in ("1.000+", "1,000+")
