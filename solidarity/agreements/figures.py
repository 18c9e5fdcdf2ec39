"""What agreements and commitments add to the figures (see solidarity/figures/sources.py for the shared rule).

An agreement counts once it is no longer a draft (in force, expired or
terminated all were signed), on three dates:

- signed, in the month of its signing date, by type, by its partners'
  countries and kinds, and by partner;
- started, on the first day it is in force: its validity start, or its
  signing date when it has none;
- ending, on the last day it is in force: its validity end. An open-ended one
  never ends; an expired or terminated one with no end date recorded is taken
  to end on the day it started (the app keeps no termination date), so it is
  never counted in force later.

A reader derives "in force on D" = started on or before D − ending before D,
and "expiring in the next six months" = ending in (D, D + 6 months]. The
agreements list's ``in_force_on`` filter applies the same dates
(:func:`with_validity`).

A commitment counts on its due date (a due year alone: 31 December of that
year), done or still open (planned, in progress); a cancelled one is no
longer owed and counts in neither. "Overdue" is open with the due date
passed, as the commitments list's ``overdue`` filter.
"""

from __future__ import annotations

from django.db.models import Case, DateField, Func, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from solidarity.figures.sources import Dimension, FigureSource, Measure

from .choices import AgreementStatus, CommitmentStatus
from .models import Agreement, Commitment

TYPE = Dimension("type", "agreement_type")
COUNTRY = Dimension("country", "partners__country")
PARTNER_KIND = Dimension("pkind", "partners__kind")
PARTNER = Dimension("partner", "partners", numeric=True)
ENDED = (AgreementStatus.EXPIRED, AgreementStatus.TERMINATED)


def signed_q() -> Q:
    return ~Q(status=AgreementStatus.DRAFT)


def with_validity(agreements: QuerySet) -> QuerySet:
    """``agreements`` with ``validity_start`` and ``validity_end`` (the first and last day in force)."""
    start = Coalesce("valid_from", "signed_on", output_field=DateField())
    return agreements.annotate(
        validity_start=start,
        validity_end=Case(
            When(valid_to__isnull=False, then="valid_to"),
            When(status__in=ENDED, then=start),
            default=None,
            output_field=DateField(),
        ),
    )


def in_force_on(agreements: QuerySet, day) -> QuerySet:
    return (
        with_validity(agreements)
        .filter(signed_q(), validity_start__lte=day)
        .filter(Q(validity_end__isnull=True) | Q(validity_end__gte=day))
    )


class AgreementFigures(FigureSource):
    name = "agreements"
    model = Agreement
    date = "signed_on"
    measures = (
        Measure("agreements_signed", Value(1), by=(TYPE, COUNTRY, PARTNER_KIND, PARTNER)),
        # Signed carrying out no item of the annual plan (the list's ``outside_plan=1``).
        Measure("agreements_out_of_plan", Value(1), Q(plan_item__isnull=True)),
    )
    depends_on = {"partners.Partner": "partners"}  # a partner's country and kind are the agreement's

    def counted(self) -> Q:
        return signed_q()


class AgreementStartFigures(FigureSource):
    name = "agreement_starts"
    model = Agreement
    date = "validity_start"
    measures = (Measure("agreements_started", Value(1)),)

    def base(self) -> QuerySet:
        return with_validity(Agreement.objects.all())

    def counted(self) -> Q:
        return signed_q()


class AgreementEndFigures(FigureSource):
    name = "agreement_ends"
    model = Agreement
    date = "validity_end"
    measures = (Measure("agreements_ending", Value(1)),)

    def base(self) -> QuerySet:
        return with_validity(Agreement.objects.all())

    def counted(self) -> Q:
        return signed_q()


class YearEnd(Func):
    """31 December of the year in the expression."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s || '-12-31')", **extra_context
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="make_date(%(expressions)s, 12, 31)", **extra_context
        )


def with_due_date(commitments: QuerySet) -> QuerySet:
    """``commitments`` with ``due_date``: the due date, or the end of the due year."""
    return commitments.annotate(due_date=Coalesce("due_on", YearEnd("due_year"), output_field=DateField()))


DONE = Q(status=CommitmentStatus.DONE)
OPEN = Q(status__in=(CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS))


class CommitmentFigures(FigureSource):
    name = "commitments"
    model = Commitment
    date = "due_date"
    measures = (
        Measure("commitments_done", Value(1), DONE),
        Measure("commitments_open", Value(1), OPEN),
    )

    def base(self) -> QuerySet:
        return with_due_date(Commitment.objects.all())

    def counted(self) -> Q:
        return ~Q(status=CommitmentStatus.CANCELLED)
