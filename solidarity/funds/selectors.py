"""Reads of social funds, always through the one permission rule."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Q, Sum, Window
from django.db.models.functions import TruncMonth

from solidarity.figures.selectors import read
from solidarity.units.models import Unit

from .choices import Direction
from .models import Fund, FundEntry, balance_effect

INDICATORS = ("fund_income_vnd", "fund_spending_vnd", "fund_beneficiaries")


def fund_list(*, user):
    return Fund.objects.visible_to(user).select_related("owner_unit")


def entry_list(*, user):
    """The entries of the funds ``user`` sees (an archived fund has none: see services.fund_archive)."""
    return (
        FundEntry.objects.visible_to(user)
        .filter(fund__archived_at__isnull=True)
        .select_related("fund", "fund__owner_unit", "reverses")
    )


def ledger(fund: Fund):
    """The fund's entries, newest first, each with the balance after it (in date order): one query.

    The running balance is a window over the fund's ledger index; a page of
    it is one query whatever the page.
    """
    order = [F("entry_on").asc(), F("id").asc()]
    return (
        FundEntry.objects.filter(fund=fund)
        .select_related("created_by", "reverses", "reversal")
        .annotate(balance_after=Window(Sum(balance_effect()), order_by=order))
        .order_by("-entry_on", "-id")
    )


@dataclass(frozen=True)
class Month:
    first_day: datetime.date
    income: int
    spending: int
    balance: int  # at the end of the month


def monthly(fund: Fund) -> list[Month]:
    """Income, spending and the balance at each month's end, newest first: one grouped query."""
    effect = balance_effect()
    rows = (
        FundEntry.objects.filter(fund=fund)
        .annotate(month=TruncMonth("entry_on"))
        .values("month")
        .annotate(
            income=Sum(effect, filter=Q(direction=Direction.INCOME), default=0),
            spending=Sum(effect, filter=Q(direction=Direction.SPENDING), default=0),
        )
        .order_by("month")
    )
    months, balance = [], 0
    for row in rows:
        balance += row["income"] + row["spending"]
        months.append(Month(_as_date(row["month"]), row["income"], -row["spending"], balance))
    return months[::-1]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass(frozen=True)
class Summary:
    """A unit's (and its subtree's) fund money over a period, from the maintained figures."""

    income: int
    spending: int
    beneficiaries: int
    by_source: dict[str, int]
    by_use: dict[str, tuple[int, int]]  # use: (spending, beneficiaries)
    children: list[tuple[Unit, int, int]]  # (child, income, spending)


def summary(*, unit: Unit, start: datetime.date, end: datetime.date) -> Summary:
    """Four reads of the figures, however many entries and units are under ``unit``."""
    totals = read(units=[unit.pk], start=start, end=end, indicators=INDICATORS)
    by_source = read(
        units=[unit.pk], start=start, end=end, indicators=["fund_income_vnd"], dimension="source"
    )
    by_use = read(
        units=[unit.pk],
        start=start,
        end=end,
        indicators=["fund_spending_vnd", "fund_beneficiaries"],
        dimension="use",
    )
    children = list(Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path"))
    per_child = read(units=[child.pk for child in children], start=start, end=end, indicators=INDICATORS[:2])

    def total(indicator):
        return totals.get((unit.pk, indicator, "", None), 0)

    uses: dict[str, tuple[int, int]] = {}
    for (_unit, indicator, key, _year), value in by_use.items():
        spent, people = uses.get(key.split(":", 1)[1], (0, 0))
        if indicator == "fund_spending_vnd":
            spent += value
        else:
            people += value
        uses[key.split(":", 1)[1]] = (spent, people)
    return Summary(
        income=total("fund_income_vnd"),
        spending=total("fund_spending_vnd"),
        beneficiaries=total("fund_beneficiaries"),
        by_source={key.split(":", 1)[1]: value for (_u, _i, key, _y), value in by_source.items()},
        by_use=uses,
        children=[
            (
                child,
                per_child.get((child.pk, "fund_income_vnd", "", None), 0),
                per_child.get((child.pk, "fund_spending_vnd", "", None), 0),
            )
            for child in children
            if (child.pk, "fund_income_vnd", "", None) in per_child
            or (child.pk, "fund_spending_vnd", "", None) in per_child
        ],
    )
