"""Where each figure leads: the list page filtered to the records behind the number.

The lists' FilterSets are the ones the list pages use, so following the link
shows as many rows as the figure counts (tests/test_list_and_figure_agree).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.urls import reverse

from .periods import _shift_months, plan_years

DAY = datetime.timedelta(days=1)


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def six_months_after(day: datetime.date) -> datetime.date:
    first = _shift_months(day.replace(day=1), 6)
    following = _shift_months(first, 1)
    return first.replace(day=min(day.day, (following - DAY).day))


def report_url(unit_id: int, start: datetime.date, end: datetime.date, **extra) -> str:
    return _url("reports:report", unit=unit_id, start=_iso(start), end=_iso(end), **extra)


def figure_url(indicator: str, unit_id: int, start: datetime.date, end: datetime.date) -> str:
    """The filtered list behind ``indicator`` of ``unit_id`` over ``start``..``end`` ("" when none)."""
    s, e = _iso(start), _iso(end)
    delegations = {"unit": unit_id, "counted": 1, "start_from": s, "start_to": e}
    meetings = {"unit": unit_id, "international": 1, "counted": 1, "start_from": s, "start_to": e}
    support = {"unit": unit_id, "given_from": s, "given_to": e}
    commitments = {"unit": unit_id, "due_from": s, "due_to": e}
    reports = {"unit": unit_id, "counted": 1, "end_from": s, "end_to": e}
    sponsorship = {"unit": unit_id, "received_from": s, "received_to": e}
    funds = {"unit": unit_id, "entry_from": s, "entry_to": e}
    table = {
        "delegations_out": ("delegations:list", {**delegations, "direction": "outgoing"}),
        "person_trips_out": ("delegations:list", {**delegations, "direction": "outgoing"}),
        "delegations_in": ("delegations:list", {**delegations, "direction": "incoming"}),
        "guests_in": ("delegations:list", {**delegations, "direction": "incoming"}),
        "meetings_hosted": ("meetings:list", {**meetings, "hosted": 1}),
        "meetings_hosted_domestic": ("meetings:list", {**meetings, "hosted": 1}),
        "meetings_hosted_foreign": ("meetings:list", {**meetings, "hosted": 1}),
        "meetings_attended": ("meetings:list", {**meetings, "hosted": 0}),
        "meetings_attended_domestic": ("meetings:list", {**meetings, "hosted": 0}),
        "meetings_attended_foreign": ("meetings:list", {**meetings, "hosted": 0}),
        "agreements_signed": ("agreements:list", {"unit": unit_id, "signed_from": s, "signed_to": e}),
        "agreements_in_force": ("agreements:list", {"unit": unit_id, "in_force_on": e}),
        "agreements_expiring": (
            "agreements:list",
            {"unit": unit_id, "ending_from": _iso(end + DAY), "ending_to": _iso(six_months_after(end))},
        ),
        "commitments_due": ("agreements:commitment_list", {**commitments, "counted": "true"}),
        "commitments_done": ("agreements:commitment_list", {**commitments, "status": "done"}),
        "commitments_open": ("agreements:commitment_list", {**commitments, "open": "true"}),
        "commitments_overdue": ("agreements:commitment_list", {**commitments, "overdue": "true"}),
        "support_given_vnd": ("support:list", {**support, "direction": "given"}),
        "support_given_cash_vnd": ("support:list", {**support, "direction": "given", "form": "cash"}),
        "support_given_kind_vnd": ("support:list", {**support, "direction": "given", "in_kind": 1}),
        "support_received_vnd": ("support:list", {**support, "direction": "received"}),
        "support_received_cash_vnd": ("support:list", {**support, "direction": "received", "form": "cash"}),
        "support_received_kind_vnd": ("support:list", {**support, "direction": "received", "in_kind": 1}),
        "sponsorship_received_vnd": ("sponsorship:list", sponsorship),
        "fund_income_vnd": ("funds:entries", {**funds, "direction": "income"}),
        "fund_spending_vnd": ("funds:entries", {**funds, "direction": "spending"}),
        "fund_beneficiaries": ("funds:entries", {**funds, "direction": "spending"}),
        "cost_estimated_vnd": ("delegations:list", delegations),
        "cost_actual_vnd": ("delegations:list", delegations),
        "out_of_plan": ("delegations:list", {**delegations, "outside_plan": 1}),
        "meetings_out_of_plan": ("meetings:list", {**meetings, "outside_plan": 1}),
        "agreements_out_of_plan": (
            "agreements:list",
            {"unit": unit_id, "signed_from": s, "signed_to": e, "outside_plan": 1},
        ),
        "support_out_of_plan": ("support:list", {**support, "direction": "given", "outside_plan": 1}),
        "reports_on_time": ("delegations:list", {**reports, "report": "on_time"}),
        "reports_late": ("delegations:list", {**reports, "report": "late"}),
        "reports_missing": ("delegations:list", {**reports, "report": "missing"}),
        "staff_officers": ("staff:officer_list", {"unit": unit_id, "active_on": e}),
        "staff_part_time": (
            "staff:officer_list",
            {"unit": unit_id, "active_on": e, "employment": "part_time"},
        ),
        "staff_trained": ("staff:officer_list", {"unit": unit_id, "trained_from": s, "trained_to": e}),
        "news_published": (
            "news:list",
            {"unit": unit_id, "state": "published", "published_from": s, "published_to": e},
        ),
        "migrants_new": ("migrants:list", {"unit": unit_id, "opened_from": s, "opened_to": e}),
        "migrants_closed": ("migrants:list", {"unit": unit_id, "closed_from": s, "closed_to": e}),
        "migrants_open": ("migrants:list", {"unit": unit_id, "open_on": e}),
    }
    first, last = plan_years(start, end)
    items = {"unit": unit_id, "year_from": first, "year_to": last}
    table |= {
        "plan_items": ("plans:items", items),
        "plan_items_done": ("plans:items", {**items, "outcome": "done"}),
        "plan_items_pending": ("plans:items", {**items, "outcome": "pending"}),
        "plan_items_not_done": ("plans:items", {**items, "outcome": "not_done"}),
        "plan_items_dropped": ("plans:items", {**items, "outcome": "dropped"}),
        "plan_budget_vnd": ("plans:list", {**items, "in_force": 1, "archived": 0}),
    }
    if indicator in ("plans_unapproved", "plan_spent_vnd"):
        # The children's plans and the spending by source: plan vs actual of the last plan year.
        return reverse("plans:actual_for", args=[unit_id, last])
    if indicator not in table:
        return ""
    name, params = table[indicator]
    return _url(name, **params)


def breakdown_url(breakdown: str, key: str, unit_id: int, start: datetime.date, end: datetime.date) -> str:
    """A breakdown row's list: the outgoing delegations of a country or partner kind, a partner's
    page, the delegations paid from a funding source, a donor's projects, the fund entries of an
    income source or a use."""
    value = key.split(":", 1)[1]
    s, e = _iso(start), _iso(end)
    delegations = {"unit": unit_id, "counted": 1, "start_from": s, "start_to": e}
    if breakdown == "country":
        return _url("delegations:list", **delegations, country=value)
    if breakdown == "pkind":
        return _url("delegations:list", **delegations, partner_kind=value)
    if breakdown == "partner":
        return _url("delegations:list", **delegations, partner=value)
    sponsorship = {"unit": unit_id, "received_from": s, "received_to": e}
    if breakdown == "donor":
        return _url("sponsorship:list", **sponsorship, donor=value)
    if breakdown == "donor_country":
        return _url("sponsorship:list", **sponsorship, country=value)
    funds = {"unit": unit_id, "entry_from": s, "entry_to": e}
    if breakdown == "fund_source":
        return _url("funds:entries", **funds, direction="income", source=value)
    if breakdown == "fund_use":
        return _url("funds:entries", **funds, direction="spending", use=value)
    if breakdown in ("migrant_country", "migrant_sector"):
        field = "country" if breakdown == "migrant_country" else "sector"
        return _url("migrants:list", unit=unit_id, opened_from=s, opened_to=e, **{field: value})
    if breakdown == "source":
        return _url("support:list", unit=unit_id, given_from=s, given_to=e, funding_source=value)
    if breakdown == "budget":
        return reverse("plans:actual_for", args=[unit_id, plan_years(start, end)[1]])
    if breakdown == "staff_language":
        return _url("staff:officer_list", unit=unit_id, active_on=e, language=value)
    if breakdown == "staff_unit":
        return _url("staff:officer_list", unit=value, active_on=e)
    return ""
