"""What the staff register and its trainings add to the figures (see solidarity/figures/sources.py).

Officers are a stock, read like agreements in force: an officer counts in
on 1 January of the year they started the work and out on the day they left
it, by employment (full-time, part-time) and by language. "Officers on D" =
in by D − out by D; an officer who left on D is no longer one on D.

A training counts its participants on its last day, under each
participant's own unit (not the organiser's): a person once per training.
Archived officers and archived trainings never count.
"""

from __future__ import annotations

from django.db.models import DateField, Func, Q, QuerySet, Value

from solidarity.figures.sources import Dimension, FigureSource, Measure

from .models import Officer, Participant

EMPLOYMENT = Dimension("employment", "employment")
LANGUAGE = Dimension("language", "languages__language")


class YearStart(Func):
    """1 January of the year in the expression."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s || '-01-01')", **extra_context
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="make_date(%(expressions)s, 1, 1)", **extra_context)


class OfficerInFigures(FigureSource):
    name = "staff_in"
    model = Officer
    date = "in_work_from"
    measures = (Measure("staff_in", Value(1), by=(EMPLOYMENT, LANGUAGE)),)

    def base(self) -> QuerySet:
        return Officer.objects.annotate(in_work_from=YearStart("started_year"))


class OfficerOutFigures(FigureSource):
    name = "staff_out"
    model = Officer
    date = "left_on"
    measures = (Measure("staff_out", Value(1), by=(EMPLOYMENT, LANGUAGE)),)


class TrainedFigures(FigureSource):
    name = "staff_trained"
    model = Participant
    date = "training__ends_on"
    owner = "officer__owner_unit"
    measures = (Measure("staff_trained", Value(1)),)

    def records(self) -> QuerySet:
        # A participant has no archive of its own: its training's and its officer's decide.
        return (
            self.base()
            .filter(training__archived_at__isnull=True, officer__archived_at__isnull=True)
            .filter(self.counted() & Q(training__ends_on__isnull=False))
            .order_by()
        )
