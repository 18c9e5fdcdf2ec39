"""Agreements in the figures: signed by partner and kind, started and ending (for "in force" and
"expiring"); commitments done and open on their due date; the list filters that match them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from solidarity.agreements import services
from solidarity.agreements.filters import AgreementFilter, CommitmentFilter
from solidarity.agreements.models import Agreement, Commitment
from solidarity.figures.rebuild import check
from solidarity.figures.tests.helpers import figure
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner

pytestmark = pytest.mark.django_db
D = datetime.date


def listed(filterset, model, user, **params) -> set[int]:
    data = {k: str(v) for k, v in params.items()}
    return set(
        filterset(data, queryset=model.objects.visible_to(user), user=user).qs.values_list("pk", flat=True)
    )


def agreement(by, unit, partners, **fields) -> Agreement:
    return services.agreement_create(
        by=by,
        owner_unit=unit,
        partners=partners,
        title="Biên bản hợp tác",
        agreement_type="memorandum",
        is_international_agreement=False,
        **{"status": "in_force", "signed_on": D(2020, 3, 1), **fields},
    )


@pytest.fixture
def laos():
    return Partner.objects.create(name="LĐLĐ Lào", kind=PartnerKind.NATIONAL_CENTRE, country="LA")


def in_force_figure(unit, day) -> int:
    """What a reader computes: started on or before the day minus ended before it."""
    started = sum(figure(unit, "agreements_started", month=D(y, m, 1)) for y, m in _months_to(day))
    ended = sum(figure(unit, "agreements_ending", month=D(y, m, 1)) for y, m in _months_to(day, before=True))
    return started - ended


def _months_to(day, before=False):
    # Whole months only: the test's dates fall on month edges.
    last = (day.year, day.month - 1) if before else (day.year, day.month)
    return [(y, m) for y in range(2015, day.year + 1) for m in range(1, 13) if (y, m) <= last]


def test_agreements_start_end_and_count_in_force_as_the_list_filters(tree, people, laos):
    user, by = people.vgcl_leader, people.na_officer
    open_ended = agreement(by, tree.nghe_an, [laos], valid_from=D(2021, 1, 1))
    ending = agreement(by, tree.nghe_an, [laos], valid_to=D(2024, 6, 30))  # from its signing
    terminated = agreement(by, tree.nghe_an, [laos], status="terminated", signed_on=D(2022, 5, 10))
    agreement(by, tree.nghe_an, [laos], status="draft", signed_on=None, valid_from=D(2021, 1, 1))
    unit = tree.vgcl
    assert figure(unit, "agreements_started", month=D(2021, 1, 1)) == 1
    assert figure(unit, "agreements_started", month=D(2020, 3, 1)) == 1
    assert figure(unit, "agreements_ending", month=D(2024, 6, 1)) == 1
    assert figure(unit, "agreements_ending", month=D(2022, 5, 1)) == 1  # terminated, no end date
    assert figure(unit, "agreements_signed", "pkind:national_centre") == 3
    assert figure(unit, "agreements_signed", f"partner:{laos.pk}") == 3
    assert check()[0] == 0
    for day, expected in ((D(2021, 1, 1), {open_ended, ending}), (D(2024, 7, 1), {open_ended})):
        assert listed(AgreementFilter, Agreement, user, in_force_on=day.isoformat()) == {
            a.pk for a in expected
        }
        assert in_force_figure(unit, day) == len(expected)
    expiring = listed(AgreementFilter, Agreement, user, ending_from="2024-01-01", ending_to="2024-12-31")
    assert expiring == {ending.pk}
    assert terminated.pk in listed(AgreementFilter, Agreement, user, ending_to="2022-05-31")
    assert listed(AgreementFilter, Agreement, user, partner_kind="ngo") == set()
    assert listed(AgreementFilter, Agreement, people.hn_officer, in_force_on="2021-01-01") == set()


def test_commitments_count_done_or_open_on_the_due_date(tree, people, laos):
    by, user = people.na_officer, people.vgcl_leader
    parent = agreement(by, tree.nghe_an, [laos])
    done = services.commitment_create(
        by=by, agreement=parent, description="Trao đổi đoàn", due_on=D(2024, 5, 20), status="done"
    )
    open_ = services.commitment_create(by=by, agreement=parent, description="Tập huấn", due_year=2024)
    cancelled = services.commitment_create(
        by=by, agreement=parent, description="Hội thảo", due_on=D(2024, 6, 1), status="cancelled"
    )
    assert figure(tree.vgcl, "commitments_done", month=D(2024, 5, 1)) == 1
    assert figure(tree.vgcl, "commitments_open", month=D(2024, 12, 1)) == 1  # a due year: 31 December
    assert figure(tree.vgcl, "commitments_open") == 1  # the cancelled one is not owed
    services.commitment_set_status(commitment=open_, by=by, expected_version=open_.version, status="done")
    assert figure(tree.vgcl, "commitments_open") == 0 and figure(tree.vgcl, "commitments_done") == 2
    services.commitment_archive(commitment=Commitment.objects.get(pk=done.pk), by=by)
    assert figure(tree.vgcl, "commitments_done") == 1
    assert check()[0] == 0
    # The list: due in the first half of 2024 excludes the one due "in 2024" (31 December).
    first_half = {"due_from": "2024-01-01", "due_to": "2024-06-30"}
    assert listed(CommitmentFilter, Commitment, user, **first_half) == {cancelled.pk}
    assert listed(
        CommitmentFilter, Commitment, user, due_from="2024-07-01", due_to="2024-12-31", status="done"
    ) == {open_.pk}
    assert listed(CommitmentFilter, Commitment, user, open=1) == set()
    assert listed(CommitmentFilter, Commitment, user, partner_kind="national_centre") == {
        open_.pk,
        cancelled.pk,
    }


def test_the_list_pages_take_the_figures_params(client, tree, people, laos):
    record = agreement(people.na_officer, tree.nghe_an, [laos], valid_to=D(2024, 6, 30))
    client.force_login(people.na_viewer)
    response = client.get(
        reverse("agreements:list"),
        {
            "in_force_on": "2023-01-01",
            "ending_from": "2024-01-01",
            "ending_to": "2024-12-31",
            "partner_kind": "national_centre",
        },
    )
    assert response.status_code == 200 and response.context["filter"].form.is_valid()
    assert record.get_absolute_url() in response.content.decode()
