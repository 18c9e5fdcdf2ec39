"""What each record app adds to the figures: declared by the app, read by this one.

This module knows no record app. A record app declares, in its own
``figures.py``, a :class:`FigureSource`: which of its records count, on which
date, and the :class:`Measure` s each one adds (a count, its members, its
costs...), optionally broken down by :class:`Dimension` s (country, funding
source...). It registers the source from its ``AppConfig.ready()``, like its
timeline sources.

One declaration serves both ways the figures are made: the same query,
filtered to one record, gives what that record adds now (:func:`.services.sync`),
and over every record, grouped, rebuilds or checks all of them
(:mod:`.rebuild`). They cannot disagree.

What counts (the rule each app's declaration follows):

- never an archived record (archiving is the normal user's delete);
- a record that goes through approval counts once approved and from then on
  (approved, carried out, report filed, closed): not a draft, submitted,
  returned or rejected proposal, nor one withdrawn back to draft;
- a record counts on its date (a delegation's or meeting's
  start, the signing date of an agreement, the date support was given), for
  its owning unit and every unit above it;
- each source's own rule says the rest (e.g. only international meetings,
  only signed agreements).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, DateTimeField, F, Max, Model, Q, QuerySet, Value
from django.db.models.functions import Concat, TruncDate

TOTAL = ""


@dataclass(frozen=True)
class Dimension:
    """A breakdown: the figure once per value of ``field``, keyed "<name>:<value>".

    ``multiple``: the field holds several comma-separated codes (a
    ``CountryField(multiple=True)``); the record counts under each.
    ``numeric``: the field holds ids (a partner), present when not null.
    """

    name: str
    field: str
    multiple: bool = False
    numeric: bool = False

    def present(self) -> Q:
        """The rows that have a value to break down by."""
        if self.numeric:
            return Q(**{f"{self.field}__isnull": False})
        return Q(**{f"{self.field}__gt": ""})

    @property
    def prefix(self) -> str:
        return f"{self.name}:"


@dataclass(frozen=True)
class Measure:
    """One indicator a counted record adds to.

    ``value`` is an expression per record: ``Value(1)`` to count records,
    ``Count("members")``, ``Sum("costs__amount_vnd")``, ``F("foreign_participants")``.
    A non-aggregate is taken once per record and key. ``when`` narrows the
    records (or the related rows an aggregate adds up).
    """

    indicator: str
    value: object
    when: Q = field(default_factory=Q)
    by: tuple[Dimension, ...] = ()


class FigureSource:
    """What one record model adds to the figures. Subclass it in the app's ``figures.py``."""

    name: str
    model: type[Model]
    date: str
    owner: str = "owner_unit"
    # The record's archive mark: a row hanging on a record (a plan's item) names its record's.
    archived: str = "archived_at"
    measures: tuple[Measure, ...] = ()
    # Rows of other models a breakdown reads, and how this model's records reach them
    # ({"partners.Partner": "partners"}): a change there re-syncs those records.
    depends_on: dict[str, str] = {}

    def counted(self) -> Q:
        """Which records count at all (the state rule); archived ones never do."""
        return Q()

    def follows(self, records: list[Model]) -> QuerySet | None:
        """This source's rows whose figures read ``records`` (rows of any model: a plan item is
        done once a delegation carries it out): syncing them syncs these too. None: none.
        One query for all of them, whatever their number."""
        return None

    def base(self) -> QuerySet:
        """All the model's rows; a source dated on a computed day annotates it here (``date`` names it)."""
        return self.model._default_manager.all()

    def records(self) -> QuerySet:
        return (
            self.base()
            .filter(**{f"{self.archived}__isnull": True, f"{self.date}__isnull": False})
            .filter(self.counted())
            .order_by()
        )

    def day(self):
        """The day a record counts on: its date, or the local date of a moment (a decision's time).
        ``date`` may also name a date annotation of ``base()`` (an agreement's first day in force)."""
        model, field = self.model, None
        for name in self.date.split("__"):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return F(self.date)
            model = field.related_model or model
        return TruncDate(self.date) if isinstance(field, DateTimeField) else F(self.date)

    def queries(self, records: QuerySet | None = None) -> list[tuple[Measure, Dimension | None, QuerySet]]:
        """For each measure, the total and each breakdown as a query of rows
        ``(r: record id, u: owner unit id, m: day, i: indicator, k: key, v: value)``.

        A ``multiple`` dimension's key holds the prefix and the comma-separated codes
        still joined: the caller splits them.
        """
        records = self.records() if records is None else records
        out = []
        for measure in self.measures:
            for dimension in (None, *measure.by):
                if dimension is None:
                    rows = records.filter(measure.when)
                    key = Value(TOTAL, output_field=CharField())
                else:
                    # One filter() call: the condition and the key read the same related row (a
                    # delegation's actual cost by its own source, not every cost of a delegation
                    # that has an actual one).
                    rows = records.filter(measure.when & dimension.present())
                    key = Concat(Value(dimension.prefix), F(dimension.field), output_field=CharField())
                value = measure.value
                if not getattr(value, "contains_aggregate", False):
                    value = Max(value)
                rows = rows.values(
                    r=F("pk"),
                    u=F(self.owner),
                    m=self.day(),
                    i=Value(measure.indicator, output_field=CharField()),
                    k=key,
                ).annotate(v=value)
                out.append((measure, dimension, rows))
        return out


_sources: dict[str, FigureSource] = {}


def register(source: FigureSource) -> None:
    """Count ``source``'s records in the figures; called from an app's ``ready()``."""
    _sources.setdefault(source.name, source)


def all_sources() -> list[FigureSource]:
    return list(_sources.values())


def sources_for(record: Model) -> list[FigureSource]:
    """The sources counting ``record``'s model: one per date it counts on (a delegation on its
    start, its post-trip report on its return; an agreement on its signing, its end of validity)."""
    model = type(record)
    return [source for source in _sources.values() if source.model is model]
