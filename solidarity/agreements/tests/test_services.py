"""Signing procedure, working days, commitments: the rules without the web pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarity.agreements import services
from solidarity.agreements.choices import CommitmentStatus, SigningStepKind
from solidarity.agreements.models import Agreement, Commitment, Phase, SigningStep
from solidarity.agreements.services import add_working_days

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 7, 26), 7, D(2024, 8, 6)),  # Friday + 7 working days = Tuesday after next
        (D(2024, 7, 22), 7, D(2024, 7, 31)),  # Monday + 7 = Wednesday next week
        (D(2024, 7, 27), 1, D(2024, 7, 29)),  # Saturday + 1 = Monday
        (D(2024, 7, 28), 5, D(2024, 8, 2)),  # Sunday + 5 = Friday
        (D(2024, 7, 25), 0, D(2024, 7, 25)),
        (D(2024, 12, 27), 3, D(2025, 1, 1)),  # across a year end (holidays are ignored)
    ],
)
def test_working_days_skip_saturdays_and_sundays(start, n, expected):
    assert add_working_days(start, n) == expected


def steps_of(agreement):
    return {step.kind: step for step in SigningStep.objects.filter(agreement=agreement)}


def test_an_international_agreement_gets_the_four_signing_steps(na_agreement, hn_agreement):
    assert set(steps_of(na_agreement)) == set(SigningStepKind.values)
    assert steps_of(hn_agreement) == {}


def test_recording_a_step_sets_the_next_steps_due_date(people, na_agreement):
    """
    GIVEN an international agreement with its four steps
    WHEN opinions are requested on Friday 26/07/2024 and the agreement is signed on 01/09/2024
    THEN opinions are due 7 working days later and the copy 15 days after signing
    """
    steps = steps_of(na_agreement)
    services.signing_step_record(
        step=steps[SigningStepKind.OPINIONS_REQUESTED], by=people.na_officer, done_on=D(2024, 7, 26)
    )
    assert steps_of(na_agreement)[SigningStepKind.OPINIONS_RECEIVED].due_on == D(2024, 8, 6)
    services.signing_step_record(
        step=steps[SigningStepKind.SIGNED], by=people.na_officer, done_on=D(2024, 9, 1)
    )
    assert steps_of(na_agreement)[SigningStepKind.COPY_SENT].due_on == D(2024, 9, 16)
    # a corrected date moves the due date with it
    services.signing_step_record(
        step=steps_of(na_agreement)[SigningStepKind.OPINIONS_REQUESTED],
        by=people.na_officer,
        done_on=D(2024, 7, 22),
    )
    assert steps_of(na_agreement)[SigningStepKind.OPINIONS_RECEIVED].due_on == D(2024, 7, 31)
    # clearing it clears the due date
    services.signing_step_record(
        step=steps_of(na_agreement)[SigningStepKind.OPINIONS_REQUESTED], by=people.na_officer, done_on=None
    )
    assert steps_of(na_agreement)[SigningStepKind.OPINIONS_RECEIVED].due_on is None


def test_a_step_is_late_when_done_after_its_due_date_or_still_open_past_it(people, na_agreement):
    steps = steps_of(na_agreement)
    services.signing_step_record(
        step=steps[SigningStepKind.SIGNED], by=people.na_officer, done_on=D(2024, 9, 1)
    )
    copy = steps_of(na_agreement)[SigningStepKind.COPY_SENT]
    assert copy.is_late  # due 16/09/2024, still open today
    services.signing_step_record(step=copy, by=people.na_officer, done_on=D(2024, 9, 10))
    assert not steps_of(na_agreement)[SigningStepKind.COPY_SENT].is_late
    services.signing_step_record(step=copy, by=people.na_officer, done_on=D(2024, 9, 20))
    assert steps_of(na_agreement)[SigningStepKind.COPY_SENT].is_late


def test_a_step_cannot_be_done_before_the_step_before_it_nor_in_the_future(people, na_agreement):
    steps = steps_of(na_agreement)
    services.signing_step_record(
        step=steps[SigningStepKind.OPINIONS_REQUESTED], by=people.na_officer, done_on=D(2024, 7, 26)
    )
    with pytest.raises(ValidationError):
        services.signing_step_record(
            step=steps[SigningStepKind.OPINIONS_RECEIVED], by=people.na_officer, done_on=D(2024, 7, 1)
        )
    with pytest.raises(ValidationError):
        services.signing_step_record(
            step=steps[SigningStepKind.SIGNED],
            by=people.na_officer,
            done_on=D.today() + datetime.timedelta(days=3),
        )


def test_a_viewer_or_a_sibling_cannot_record_a_step(people, na_agreement):
    step = steps_of(na_agreement)[SigningStepKind.SIGNED]
    for user in (people.na_viewer, people.hn_officer):
        with pytest.raises(PermissionDenied):
            services.signing_step_record(step=step, by=user, done_on=D(2024, 1, 1))
    assert steps_of(na_agreement)[SigningStepKind.SIGNED].done_on is None


def test_an_agreement_needs_a_partner_and_a_coherent_validity(people, tree, xieng_khoang):
    with pytest.raises(ValidationError) as error:
        services.agreement_create(
            by=people.na_officer,
            owner_unit=tree.nghe_an,
            partners=[],
            title="X",
            agreement_type="memorandum",
            valid_from=D(2020, 1, 1),
            valid_to=D(2019, 1, 1),
        )
    assert set(error.value.error_dict) == {"partners", "valid_to"}
    assert not Agreement.objects.exists()


def test_commitments_are_overdue_by_date_or_by_year(people, na_agreement):
    today = D.today()
    make = lambda **kw: services.commitment_create(  # noqa: E731
        by=people.na_officer, agreement=na_agreement, description="Thăm Xiêng Khoảng", **kw
    )
    late_by_date = make(due_on=today - datetime.timedelta(days=1))
    late_by_year = make(due_year=today.year - 1)
    this_year = make(due_year=today.year)
    future = make(due_on=today + datetime.timedelta(days=10))
    done_late = make(due_on=today - datetime.timedelta(days=30), status=CommitmentStatus.DONE)
    cancelled = make(due_year=today.year - 2, status=CommitmentStatus.CANCELLED)
    overdue = set(Commitment.objects.overdue())
    assert overdue == {late_by_date, late_by_year}
    assert late_by_date.is_overdue and late_by_year.is_overdue
    assert not any(c.is_overdue for c in (this_year, future, done_late, cancelled))
    assert done_late.done_on == today  # "done" without a date means today


def test_a_commitment_needs_a_due_date_or_year_and_a_phase_of_its_own_agreement(
    people, na_agreement, hn_agreement
):
    other_phase = Phase.objects.create(
        agreement=hn_agreement, name="2021–2023", start_year=2021, end_year=2023
    )
    with pytest.raises(ValidationError) as error:
        services.commitment_create(
            by=people.na_officer, agreement=na_agreement, description="Hỗ trợ thiết bị", phase=other_phase
        )
    assert set(error.value.error_dict) == {"due_on", "phase"}
    assert not Commitment.objects.exists()


def test_a_phase_with_commitments_cannot_be_removed(people, na_agreement):
    phase = services.phase_save(
        agreement=na_agreement, by=people.na_officer, name="2022–2024", start_year=2022, end_year=2024
    )
    services.commitment_create(
        by=people.na_officer, agreement=na_agreement, phase=phase, description="Trao đổi đoàn", due_year=2024
    )
    with pytest.raises(ValidationError):
        services.phase_delete(phase=phase, by=people.na_officer)
    assert Phase.objects.filter(pk=phase.pk).exists()
    empty = services.phase_save(
        agreement=na_agreement, by=people.na_officer, name="2025–2027", start_year=2025, end_year=2027
    )
    services.phase_delete(phase=empty, by=people.na_officer)
    assert not Phase.objects.filter(pk=empty.pk).exists()
