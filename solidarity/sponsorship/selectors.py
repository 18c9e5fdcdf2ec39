"""Reads of sponsorship projects, always through the one permission rule."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django_countries.fields import Country

from solidarity.core.choices import country_name
from solidarity.core.dates import latest_allowed
from solidarity.core.ledger import signed
from solidarity.figures.selectors import read
from solidarity.partners.models import Partner
from solidarity.units.models import Unit

from .models import Disbursement, DonorReport, Project


def overdue_reports(today=None):
    """Reports to the donor not submitted by their deadline."""
    return DonorReport.objects.filter(submitted_on__isnull=True, due_on__lt=today or timezone.localdate())


def project_list(*, user):
    return (
        Project.objects.visible_to(user)
        .select_related("owner_unit", "donor")
        .annotate(has_overdue_report=Exists(overdue_reports().filter(project=OuterRef("pk"))))
    )


def received_in(projects, *, start=None, end=None) -> int:
    """Đồng received by ``projects`` (filtered, scoped) between ``start`` and ``end``: one query."""
    disbursements = Disbursement.objects.filter(project__in=projects.order_by().values("pk"))
    if start:
        disbursements = disbursements.filter(received_on__gte=start)
    if end:
        disbursements = disbursements.filter(received_on__lte=end)
    return disbursements.aggregate(total=Sum(signed("amount_vnd"), default=0))["total"]


@dataclass(frozen=True)
class Received:
    """Money received by a unit's projects and those below it, from the maintained figures."""

    unit: Unit
    start: datetime.date | None
    end: datetime.date
    total: int
    by_donor: list[tuple[str, int]]  # (donor's name, đồng), the largest first
    by_country: list[tuple[str, int]]  # (country's name, đồng)
    by_child: list[tuple[Unit, int]]  # (direct child unit, đồng of its whole subtree)


INDICATOR = "sponsorship_received_vnd"


def received_breakdown(*, unit: Unit, start: datetime.date | None = None, end: datetime.date | None = None):
    """Received by ``unit`` and its subtree between ``start`` and ``end`` (all the figures hold without
    them), by donor, by the donor's country and by direct child: four reads of the tallies and one of
    the donors' names, however many projects and units there are (never a rescan of the money)."""
    end = end or latest_allowed()
    totals = read(units=[unit.pk], start=start, end=end, indicators=[INDICATOR])
    donors = read(units=[unit.pk], start=start, end=end, indicators=[INDICATOR], dimension="donor")
    countries = read(units=[unit.pk], start=start, end=end, indicators=[INDICATOR], dimension="country")
    children = list(Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path"))
    per_child = read(units=[child.pk for child in children], start=start, end=end, indicators=[INDICATOR])

    def keyed(rows) -> dict[str, int]:
        found: dict[str, int] = {}
        for (_unit, _indicator, key, _year), value in rows.items():
            code = key.split(":", 1)[1]
            found[code] = found.get(code, 0) + value
        return found

    by_donor = keyed(donors)
    names = dict(
        Partner.objects.filter(pk__in=[int(k) for k in by_donor if k.isdigit()]).values_list("pk", "name")
    )
    child_values = {child.pk: 0 for child in children}
    for (child_id, _indicator, _key, _year), value in per_child.items():
        child_values[child_id] += value
    return Received(
        unit=unit,
        start=start,
        end=end,
        total=sum(totals.values()),
        by_donor=sorted(
            ((names.get(int(k), k) if k.isdigit() else k, v) for k, v in by_donor.items() if v),
            key=lambda row: -row[1],
        ),
        by_country=sorted(
            ((country_name(Country(k)), v) for k, v in keyed(countries).items() if v), key=lambda row: -row[1]
        ),
        by_child=[(child, child_values[child.pk]) for child in children if child_values[child.pk]],
    )
