"""Building a report from the maintained figures: a handful of indexed reads, none per row or child.

Most indicators are read as they are kept (``solidarity.figures``); the rest
are derived here from tallies dated so that a sum over the right days gives
them (see ``_derived``). Each figure links to the filtered list of the
records behind it (``links.py``), so the list and the number agree.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.fields import Country

from solidarity.accounts.permissions import Role, has_role_on, subtree_q, units_visible_to
from solidarity.core.choices import FundingSource, country_name
from solidarity.figures.selectors import read, top_keys
from solidarity.funds.choices import FundUse, IncomeSource
from solidarity.migrants.choices import Sector
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.units.models import Unit, UnitSuccession

from . import links, staff
from .migrants import migrant_figures
from .periods import Period, plan_years, year
from .report import INDICATORS, Breakdown, BreakdownRow, Figure, Report
from .staff import staff_figures

DAY = datetime.timedelta(days=1)

# The tallies read over the period as they are: everything the period's sums give directly.
SUMMED = (
    "delegations_out",
    "person_trips_out",
    "delegations_in",
    "guests_in",
    "meetings_hosted",
    "meetings_hosted_domestic",
    "meetings_hosted_foreign",
    "meetings_attended",
    "meetings_attended_domestic",
    "meetings_attended_foreign",
    "agreements_signed",
    "commitments_done",
    "commitments_open",
    "support_given_vnd",
    "support_received_vnd",
    "sponsorship_received_vnd",
    "fund_income_vnd",
    "fund_spending_vnd",
    "fund_beneficiaries",
    "cost_estimated_vnd",
    "cost_actual_vnd",
    "out_of_plan",
    "meetings_out_of_plan",
    "agreements_out_of_plan",
    "support_out_of_plan",
    "reports_on_time",
    "reports_late",
    "reports_pending",
    "approval_decisions",
    "approval_days",
    "migrants_new",
    "migrants_closed",
    "news_published",
)
# The plans' tallies, read over 1 January of each plan year (their day); the items still open
# are pending during their year and "not carried out" once it is over.
PLAN_TALLIES = ("plan_items", "plan_items_done", "plan_items_dropped", "plan_items_open", "plan_budget_vnd")
# Money spent, by funding source: delegations' actual costs, support given, meetings' costs.
SPENDING = ("cost_actual_vnd", "support_given_vnd", "meeting_cost_vnd")

# Records carrying out no item of the annual plan, by kind: "outside the plan" adds them up.
OUT_OF_PLAN = ("out_of_plan", "meetings_out_of_plan", "agreements_out_of_plan", "support_out_of_plan")

# What each breakdown shows, by the dimension it reads ("unit" and "year" read the totals).
# The columns of each breakdown. Partners and their kinds meet delegations, not people: no
# person-trips there; funding sources are about money only.
ACTIVITIES = [
    "delegations_out",
    "person_trips_out",
    "delegations_in",
    "guests_in",
    "meetings_hosted",
    "meetings_attended",
    "agreements_signed",
    "support_given_vnd",
    "support_received_vnd",
]
MIGRANTS = ["migrants_new", "migrants_closed"]
BY_PARTNER = [name for name in ACTIVITIES if name not in ("person_trips_out", "guests_in")]
BREAKDOWN_INDICATORS = {
    "unit": ACTIVITIES,
    "country": ACTIVITIES,
    "partner": BY_PARTNER,
    "pkind": BY_PARTNER,
    "year": ACTIVITIES,
    "source": ["cost_estimated_vnd", "cost_actual_vnd", "support_given_vnd", "support_received_vnd"],
    "donor": ["sponsorship_received_vnd"],
    "donor_country": ["sponsorship_received_vnd"],
    "fund_source": ["fund_income_vnd"],
    "fund_use": ["fund_spending_vnd", "fund_beneficiaries"],
    "budget": ["plan_budget_vnd", "plan_spent_vnd"],
    "staff_unit": staff.UNIT_COLUMNS,
    "staff_language": staff.LANGUAGE_COLUMNS,
    "migrant_unit": MIGRANTS,
    "migrant_country": MIGRANTS,
    "migrant_sector": MIGRANTS,
}
BREAKDOWNS = (
    "unit",
    "country",
    "partner",
    "pkind",
    "year",
    "source",
    "donor",
    "donor_country",
    "fund_source",
    "fund_use",
    "budget",
    "staff_unit",
    "staff_language",
    "migrant_unit",
    "migrant_country",
    "migrant_sector",
)
# A breakdown reads the figures' dimension of its name, unless named here.
DIMENSIONS = {
    "donor_country": "country",
    "fund_source": "source",
    "fund_use": "use",
    "migrant_country": "country",
    "migrant_sector": "sector",
}
PARTNER_ROWS = 20
# Partners are ranked by their activities (counts), then by the support exchanged.
PARTNER_RANK = (
    "delegations_out",
    "delegations_in",
    "meetings_hosted",
    "meetings_attended",
    "agreements_signed",
)


def breakdown_title(name: str) -> str:
    return {
        "unit": _("By direct child unit"),
        "country": _("By country"),
        "partner": _("By partner"),
        "pkind": _("By partner kind"),
        "year": _("By year"),
        "source": _("By funding source"),
        "donor": _("Sponsorship received by donor"),
        "donor_country": _("Sponsorship received by the donor's country"),
        "fund_source": _("Social fund income by source"),
        "fund_use": _("Social fund spending by use"),
        "budget": _("Budget of the plans in force and spending, by funding source"),
        **staff.TITLES,
        "migrant_unit": _("Migrant workers' cases by direct child unit"),
        "migrant_country": _("Migrant workers' cases by country"),
        "migrant_sector": _("Migrant workers' cases by sector"),
    }[name]


def report_unit(*, user, unit_id) -> Unit:
    """The unit a report may be made for: one the user sees (ended ones included), else 404."""
    try:
        return units_visible_to(user).get(pk=int(unit_id))
    except (Unit.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def default_unit(user) -> Unit | None:
    """The user's first unit (by place in the tree); a superuser without one gets the first root."""
    from solidarity.accounts.models import Membership

    membership = Membership.objects.filter(user=user).select_related("unit").order_by("unit__path").first()
    if membership:
        return membership.unit
    if user.is_superuser:
        return Unit.objects.filter(depth=1).first()
    return None


def _sums(unit_id: int, rows: dict, *, key: str = "") -> dict[str, int]:
    """``{indicator: value}`` of one unit (and key) from a ``read()`` result, years added up."""
    return _sums_by_unit(rows, key=key).get(unit_id, {})


def _sums_by_unit(rows: dict, *, key: str = "") -> dict[int, dict[str, int]]:
    """``{unit: {indicator: value}}`` from a ``read()`` result, years added up."""
    result: dict[int, dict[str, int]] = {}
    for (row_unit, indicator, row_key, _year), value in rows.items():
        if row_key == key:
            sums = result.setdefault(row_unit, {})
            sums[indicator] = sums.get(indicator, 0) + value
    return result


def _derived(
    unit: Unit, start: datetime.date, end: datetime.date, today: datetime.date, rows: dict | None = None
) -> dict[str, float]:
    """Every indicator of ``unit`` over ``start``..``end``; ``rows``: the period's read of ``SUMMED``
    when already made (with the children's, for their breakdown)."""
    ids = [unit.pk]
    values: dict[str, float] = dict.fromkeys(INDICATORS, 0)
    if rows is None:
        rows = read(units=ids, start=start, end=end, indicators=SUMMED)
    summed = _sums(unit.pk, rows)
    values.update({name: summed.get(name, 0) for name in SUMMED if name in INDICATORS})

    # Agreements in force at the end D: started by D, less those whose last day was before D;
    # expiring: whose last day falls in the six months after D.
    started = _sums(
        unit.pk, read(units=ids, start=None, end=end, indicators=["agreements_started", "agreements_ending"])
    )
    ended_on_d = _sums(unit.pk, read(units=ids, start=end, end=end, indicators=["agreements_ending"]))
    values["agreements_in_force"] = (
        started.get("agreements_started", 0)
        - started.get("agreements_ending", 0)
        + ended_on_d.get("agreements_ending", 0)
    )
    expiring = _sums(
        unit.pk,
        read(units=ids, start=end + DAY, end=links.six_months_after(end), indicators=["agreements_ending"]),
    )
    values["agreements_expiring"] = expiring.get("agreements_ending", 0)

    values["commitments_due"] = summed.get("commitments_done", 0) + summed.get("commitments_open", 0)
    values["commitments_overdue"] = _clipped(
        unit, start, min(end, today - DAY), "commitments_open", whole=(end, summed)
    )
    report_due = today - datetime.timedelta(days=settings.DELEGATION_REPORT_DAYS) - DAY
    values["reports_missing"] = _clipped(
        unit, start, min(end, report_due), "reports_pending", whole=(end, summed)
    )

    cash = _sums(
        unit.pk,
        read(
            units=ids,
            start=start,
            end=end,
            indicators=["support_given_vnd", "support_received_vnd"],
            dimension="form",
        ),
        key="form:cash",
    )
    for direction in ("given", "received"):
        total = summed.get(f"support_{direction}_vnd", 0)
        values[f"support_{direction}_cash_vnd"] = cash.get(f"support_{direction}_vnd", 0)
        values[f"support_{direction}_kind_vnd"] = total - cash.get(f"support_{direction}_vnd", 0)

    values["out_of_plan_total"] = sum(summed.get(name, 0) for name in OUT_OF_PLAN)
    values.update(_plan_figures(unit, *plan_years(start, end), today))

    decisions = summed.get("approval_decisions", 0)
    values["approval_days_average"] = round(summed.get("approval_days", 0) / decisions, 1) if decisions else 0
    values.update(staff_figures(unit, start, end))
    values.update(migrant_figures(unit, end))
    return values


def _plan_span(first: int, last: int) -> tuple[datetime.date, datetime.date, datetime.date]:
    """The days the plans of ``first``..``last`` count on (1 January of each), and the last plan day."""
    return datetime.date(first, 1, 1), datetime.date(last, 1, 1), datetime.date(last, 12, 31)


def _plan_figures(unit: Unit, first: int, last: int, today: datetime.date) -> dict[str, int]:
    """The plans of ``unit`` and those under it for the years ``first``..``last``: a few tally reads."""
    ids = [unit.pk]
    plans_from, plans_to, years_end = _plan_span(first, last)
    values = dict.fromkeys(PLAN_TALLIES, 0) | {"plan_items_pending": 0, "plan_items_not_done": 0}
    rows = read(units=ids, start=plans_from, end=plans_to, indicators=PLAN_TALLIES, by_year=True)
    for (_unit, indicator, _key, row_year), value in rows.items():
        if indicator == "plan_items_open":
            values["plan_items_not_done" if row_year < today.year else "plan_items_pending"] += value
        else:
            values[indicator] += value
    spent = read(units=ids, start=plans_from, end=years_end, indicators=SPENDING)
    values["plan_spent_vnd"] = sum(spent.values())
    # The level above sees which of its children have no plan in force for the last plan year.
    children = Unit.objects.filter(subtree_q(unit, ""), depth=unit.depth + 1).in_force(plans_to).count()
    level = f"level:{unit.depth + 1}"
    approved = read(
        units=ids,
        start=plans_to,
        end=plans_to,
        indicators=["plans_approved"],
        dimension="level",
        keys=[level],
    )
    values["plans_unapproved"] = max(children - sum(approved.values()), 0)
    del values["plan_items_open"]
    return values


def _budget_breakdown(unit: Unit, period: Period) -> Breakdown:
    """The plans' budget and the money spent in the plan years, by funding source."""
    names = BREAKDOWN_INDICATORS["budget"]
    plans_from, plans_to, years_end = _plan_span(*plan_years(period.start, period.end))
    keyed: dict[str, dict[str, int]] = {}
    budget = read(
        units=[unit.pk], start=plans_from, end=plans_to, indicators=["plan_budget_vnd"], dimension="source"
    )
    spent = read(units=[unit.pk], start=plans_from, end=years_end, indicators=SPENDING, dimension="source")
    for indicator, rows in (("plan_budget_vnd", budget), ("plan_spent_vnd", spent)):
        for (_unit, _name, key, _year), value in rows.items():
            keyed.setdefault(key, dict.fromkeys(names, 0))[indicator] += value
    order = [f"source:{code}" for code in FundingSource.values if f"source:{code}" in keyed]
    order += sorted(key for key in keyed if key not in order)
    result = [
        BreakdownRow(
            key=key,
            label=str(FundingSource(key[7:]).label) if key[7:] in FundingSource.values else key[7:],
            values=keyed[key],
            url=links.breakdown_url("budget", key, unit.pk, period.start, period.end),
        )
        for key in order
    ]
    return Breakdown("budget", breakdown_title("budget"), names, result)


def _clipped(unit: Unit, start, end, indicator: str, *, whole) -> int:
    """``indicator`` over ``start``..``end`` (an end cut short by today): reuses the period's sum
    when nothing was cut."""
    period_end, summed = whole
    if end < start:
        return 0
    if end == period_end and summed is not None:
        return summed.get(indicator, 0)
    rows = read(units=[unit.pk], start=start, end=end, indicators=[indicator])
    return _sums(unit.pk, rows).get(indicator, 0)


def _children(unit: Unit) -> tuple[list[Unit], dict[int, int]]:
    """The direct children of ``unit`` and, for each ended one, the child that carries its work today."""
    # The indexed path range the scope uses, not a LIKE SQLite cannot index.
    children = list(Unit.objects.filter(subtree_q(unit, ""), depth=unit.depth + 1).order_by("path"))
    ids = {child.pk for child in children}
    ended = [child.pk for child in children if child.has_ended]
    successors: dict[int, list[int]] = {}
    if ended:
        # Chains stay among the children: A merged into B, B later into C.
        for predecessor, successor in (
            UnitSuccession.objects.filter(predecessor_id__in=ended)  # the few ended children, by key
            .values_list("predecessor_id", "successor_id")
            .order_by("effective_date", "pk")
        ):
            if successor in ids:
                successors.setdefault(predecessor, []).append(successor)
    by_id = {child.pk: child for child in children}
    carrier: dict[int, int] = {}
    for pk in ended:
        current, seen = pk, {pk}
        while by_id[current].has_ended and successors.get(current):
            following = next((s for s in successors[current] if s not in seen), None)
            if following is None:
                break
            seen.add(following)
            current = following
        carrier[pk] = current
    return children, carrier


def _unit_breakdown(unit, period, rows, children, carrier, *, name: str = "unit") -> Breakdown:
    kind = name  # "unit", or "migrant_unit": the same children, other columns
    names = BREAKDOWN_INDICATORS[kind]
    by_id = {child.pk: child for child in children}
    values = _sums_by_unit(rows)  # one pass over the rows, not one per child
    for child in children:
        values.setdefault(child.pk, {})
    folded: dict[int, list[Unit]] = {}
    for pk, target in carrier.items():
        if target != pk:
            folded.setdefault(target, []).append(by_id[pk])
    result = []
    for child in children:
        if carrier.get(child.pk, child.pk) != child.pk:
            continue
        row = {name: values[child.pk].get(name, 0) for name in names}
        for ended in folded.get(child.pk, []):
            for name in names:
                row[name] += values[ended.pk].get(name, 0)
        if child.has_ended and not any(row.values()):
            continue  # an ended child with nothing in the period only clutters the table
        label = child.display_name
        note = ""
        if child.has_ended:
            label = _("%(name)s (ended)") % {"name": label}
        if folded.get(child.pk):
            note = _("includes %(names)s") % {"names": ", ".join(u.display_name for u in folded[child.pk])}
        result.append(
            BreakdownRow(
                key=f"unit:{child.pk}",
                label=label,
                values=row,
                url=links.report_url(child.pk, period.start, period.end),
                note=note,
            )
        )
    return Breakdown(kind, breakdown_title(kind), names, result)


def _dimension_rows(unit_id: int, rows: dict, names: list[str]) -> dict[str, dict[str, int]]:
    """``{key: {indicator: value}}`` of a dimension read."""
    result: dict[str, dict[str, int]] = {}
    for (row_unit, indicator, key, _year), value in rows.items():
        if row_unit == unit_id and indicator in names:
            values = result.setdefault(key, dict.fromkeys(names, 0))
            values[indicator] += value
    return result


def _dimension_breakdown(name: str, unit: Unit, period: Period, *, partners_limit=PARTNER_ROWS) -> Breakdown:
    names = BREAKDOWN_INDICATORS[name]
    truncated = False
    if name == "partner":
        # A national scope has tens of thousands of partners: the database ranks them and keeps
        # the first ones, with their figures, in one statement.
        top = top_keys(
            unit=unit.pk,
            start=period.start,
            end=period.end,
            indicators=names,
            rank_by=PARTNER_RANK,
            dimension=name,
            limit=partners_limit + 1,
        )
        truncated = len(top) > partners_limit
        keyed = {key: {**dict.fromkeys(names, 0), **values} for key, values in top[:partners_limit]}
    else:
        rows = read(
            units=[unit.pk],
            start=period.start,
            end=period.end,
            indicators=names,
            dimension=DIMENSIONS.get(name, name),
        )
        keyed = _dimension_rows(unit.pk, rows, names)

    def label_of(key: str) -> str:
        code = key.split(":", 1)[1]
        if name in ("country", "donor_country", "migrant_country"):
            return country_name(Country(code))
        if name == "migrant_sector":
            return str(Sector(code).label) if code in Sector.values else code
        if name == "pkind":
            return str(PartnerKind(code).label) if code in PartnerKind.values else code
        if name == "source":
            return str(FundingSource(code).label) if code in FundingSource.values else code
        if name == "fund_source":
            return str(IncomeSource(code).label) if code in IncomeSource.values else code
        if name == "fund_use":
            return str(FundUse(code).label) if code in FundUse.values else code
        return code

    if name in ("country", "migrant_country"):
        order = sorted(keyed, key=lambda k: (_rank(keyed[k], names), label_of(k)))
        labels = {key: label_of(key) for key in order}
    elif name in ("partner", "donor"):
        order = sorted(keyed, key=lambda k: _rank(keyed[k], names))
        ids = [int(key.split(":", 1)[1]) for key in order if key.split(":", 1)[1].isdigit()]
        found = dict(Partner.objects.filter(pk__in=ids).values_list("pk", "name"))
        labels = {key: found.get(int(key.split(":", 1)[1]), key) for key in order}
    else:
        labels = {key: label_of(key) for key in keyed}
        order = sorted(keyed, key=lambda k: (_rank(keyed[k], names), labels[k]))
    result = [
        BreakdownRow(
            key=key,
            label=labels[key],
            values=keyed[key],
            url=links.breakdown_url(name, key, unit.pk, period.start, period.end),
        )
        for key in order
    ]
    return Breakdown(name, breakdown_title(name), names, result, truncated=truncated)


def _rank(values: dict[str, int], names: list[str]) -> tuple[int, int]:
    counts = sum(values.get(n, 0) for n in PARTNER_RANK if n in names)
    counts = counts or sum(values.get(n, 0) for n in names if not INDICATORS[n][1])
    money = sum(values.get(n, 0) for n in names if INDICATORS[n][1])
    return (-counts, -money)  # the largest first


def spans_years(period: Period) -> bool:
    return period.start.year != period.end.year


def build_report(*, user, unit: Unit, period: Period, breakdowns=BREAKDOWNS, today=None) -> Report:
    """The report of ``unit`` (with everything under it) for ``period``, against the period before.

    404 when ``user`` may not see ``unit`` (ended units carried by a successor they see included).
    """
    if not has_role_on(user, unit, Role.VIEWER):
        raise Http404
    today = today or timezone.localdate()
    previous = period.previous()
    by_year = spans_years(period)
    # One read of the period's sums serves the figures, the children's rows and the years.
    by_child = "unit" in breakdowns or "migrant_unit" in breakdowns
    children, carrier = _children(unit) if by_child else ([], {})
    rows = read(
        units=[unit.pk, *(child.pk for child in children)],
        start=period.start,
        end=period.end,
        indicators=SUMMED,
        by_year=by_year and "year" in breakdowns,
    )
    current = _derived(unit, period.start, period.end, today, rows)
    before = _derived(unit, previous.start, previous.end, today)
    figures = [
        Figure(
            indicator=name,
            value=current[name],
            previous=before[name],
            url=links.figure_url(name, unit.pk, period.start, period.end),
        )
        for name in INDICATORS
    ]

    made: list[Breakdown] = []
    for name in breakdowns:
        if name in ("unit", "migrant_unit"):
            breakdown = _unit_breakdown(unit, period, rows, children, carrier, name=name)
        elif name == "year":
            if not by_year:
                continue
            breakdown = _year_breakdown(unit, period, rows)
        elif name == "budget":
            breakdown = _budget_breakdown(unit, period)
        elif name == "staff_unit":
            breakdown = staff.unit_breakdown(unit, period)
        elif name == "staff_language":
            breakdown = staff.language_breakdown(unit, period)
        else:
            breakdown = _dimension_breakdown(name, unit, period)
        breakdown.total = {indicator: current.get(indicator, 0) for indicator in breakdown.indicators}
        made.append(breakdown)

    return Report(
        unit_id=unit.pk,
        unit_name=unit.name,
        start=period.start,
        end=period.end,
        previous_start=previous.start,
        previous_end=previous.end,
        period_label=period.label(),
        figures=figures,
        breakdowns=made,
        made_at=timezone.now(),
    )


def _year_breakdown(unit: Unit, period: Period, rows: dict) -> Breakdown:
    names = BREAKDOWN_INDICATORS["year"]
    per_year: dict[int, dict[str, int]] = {}
    unit_id = unit.pk
    for (row_unit, indicator, key, row_year), value in rows.items():
        if row_unit == unit_id and key == "" and indicator in names:
            sums = per_year.setdefault(row_year, dict.fromkeys(names, 0))
            sums[indicator] += value
    result = []
    for y in range(period.start.year, period.end.year + 1):
        values = per_year.get(y, dict.fromkeys(names, 0))
        start, end = max(period.start, year(y).start), min(period.end, year(y).end)
        result.append(
            BreakdownRow(
                key=f"year:{y}", label=str(y), values=values, url=links.report_url(unit.pk, start, end)
            )
        )
    return Breakdown("year", breakdown_title("year"), names, result)
