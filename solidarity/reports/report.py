"""What a report is: its scope and period, its figures against the previous period, its breakdowns.

A :class:`Report` is plain data: the page, the print layout, the Excel and
CSV files, the official Word report and a period report frozen at submission
all read the same object (``to_data()`` / ``from_data()`` give it as JSON).
:func:`solidarity.reports.selectors.build_report` makes one from the
maintained figures (``solidarity.figures``).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy as _

# The report's indicators, in the order they are shown, by section. Most are read from the
# tallies of the same name; the derived ones (stocks at the period's end, what is overdue
# today, averages) are computed from tallies by reports.selectors.
# (name, label, money)
SECTIONS = (
    (
        "delegations",
        _("Delegations"),
        (
            ("delegations_out", _("Outgoing delegations"), False),
            ("person_trips_out", _("Person-trips abroad"), False),
            ("delegations_in", _("Incoming delegations"), False),
            ("guests_in", _("Foreign guests received"), False),
        ),
    ),
    (
        "meetings",
        _("International meetings"),
        (
            ("meetings_hosted", _("Hosted"), False),
            ("meetings_hosted_domestic", _("Hosted: domestic participants"), False),
            ("meetings_hosted_foreign", _("Hosted: foreign participants"), False),
            ("meetings_attended", _("Attended"), False),
            ("meetings_attended_domestic", _("Attended: domestic participants"), False),
            ("meetings_attended_foreign", _("Attended: foreign participants"), False),
        ),
    ),
    (
        "agreements",
        _("Agreements"),
        (
            ("agreements_signed", _("Signed in the period"), False),
            ("agreements_in_force", _("In force at the end of the period"), False),
            ("agreements_expiring", _("Expiring in the next 6 months"), False),
        ),
    ),
    (
        "commitments",
        _("Commitments due in the period"),
        (
            ("commitments_due", _("Falling due"), False),
            ("commitments_done", _("Done"), False),
            ("commitments_open", _("Open"), False),
            ("commitments_overdue", _("Overdue"), False),
        ),
    ),
    (
        "support",
        _("Support"),
        (
            ("support_given_vnd", _("Support given"), True),
            ("support_given_cash_vnd", _("Support given in cash"), True),
            ("support_given_kind_vnd", _("Support given in kind"), True),
            ("support_received_vnd", _("Support received"), True),
            ("support_received_cash_vnd", _("Support received in cash"), True),
            ("support_received_kind_vnd", _("Support received in kind"), True),
        ),
    ),
    (
        "sponsorship",
        _("Sponsorship received"),
        (("sponsorship_received_vnd", _("Sponsorship received from donors abroad"), True),),
    ),
    (
        "funds",
        _("Social funds"),
        (
            ("fund_income_vnd", _("Social fund income"), True),
            ("fund_spending_vnd", _("Social fund spending"), True),
            ("fund_beneficiaries", _("Beneficiaries of social fund spending"), False),
        ),
    ),
    (
        "costs",
        _("Delegation costs"),
        (
            ("cost_estimated_vnd", _("Estimated"), True),
            ("cost_actual_vnd", _("Actual"), True),
        ),
    ),
    (
        "discipline",
        _("Plans, reports and approvals"),
        (
            ("out_of_plan_total", _("Activities outside the annual plan"), False),
            ("out_of_plan", _("Delegations outside the annual plan"), False),
            ("meetings_out_of_plan", _("International meetings outside the annual plan"), False),
            ("agreements_out_of_plan", _("Agreements signed outside the annual plan"), False),
            ("support_out_of_plan", _("Support given outside the annual plan"), False),
            ("reports_on_time", _("Post-trip reports filed on time"), False),
            ("reports_late", _("Post-trip reports filed late"), False),
            ("reports_missing", _("Post-trip reports missing"), False),
            ("approval_decisions", _("Approval decisions"), False),
            ("approval_days_average", _("Average days from submission to decision"), False),
        ),
    ),
    (
        "plans",
        _("Annual plans of the year"),
        (
            ("plan_items", _("Activities in the plans in force"), False),
            ("plan_items_done", _("Planned activities done"), False),
            ("plan_items_pending", _("Planned activities pending"), False),
            ("plan_items_not_done", _("Planned activities not carried out by year end"), False),
            ("plan_items_dropped", _("Planned activities dropped"), False),
            ("plans_unapproved", _("Units below without an approved plan"), False),
            ("plan_budget_vnd", _("Budget of the plans in force"), True),
            ("plan_spent_vnd", _("Spent in the plan years"), True),
        ),
    ),
    (
        "staff",
        _("Foreign-affairs staff and training"),
        (
            ("staff_officers", _("Foreign-affairs officers at the end of the period"), False),
            ("staff_part_time", _("Of whom part-time (kiêm nhiệm)"), False),
            ("staff_part_time_share", _("Part-time share (%)"), False),
            ("staff_trained", _("People trained in the period (a person once per training)"), False),
            ("staff_units_untrained", _("Direct child units with nobody trained in the period"), False),
        ),
    ),
    (
        "news",
        _("Foreign-affairs information"),
        (("news_published", _("News items published on the units' websites"), False),),
    ),
    (
        "migrants",
        _("Migrant workers"),
        (
            ("migrants_new", _("New cases in the period"), False),
            ("migrants_closed", _("Cases closed in the period"), False),
            ("migrants_open", _("Cases open at the end of the period"), False),
        ),
    ),
)

INDICATORS = {name: (label, money) for _section, _title, rows in SECTIONS for name, label, money in rows}

# A breakdown's columns stand without their section's title: some need a longer label.
COLUMN_LABELS = {
    "meetings_hosted": _("International meetings hosted"),
    "meetings_attended": _("International meetings attended"),
    "agreements_signed": _("Agreements signed"),
    "cost_estimated_vnd": _("Estimated delegation costs"),
    "cost_actual_vnd": _("Actual delegation costs"),
    "plan_budget_vnd": _("Planned budget"),
    "plan_spent_vnd": _("Spent (delegations, support given, meetings)"),
    "migrants_new": _("New migrant workers' cases"),
    "migrants_closed": _("Migrant workers' cases closed"),
}


def column_label(indicator: str) -> str:
    return str(COLUMN_LABELS.get(indicator) or INDICATORS[indicator][0])


@dataclass
class Figure:
    """One indicator: its value, the previous period's, and the list of the records behind it."""

    indicator: str
    value: int | float
    previous: int | float
    url: str = ""  # the filtered list page whose rows make this number ("" when there is none)

    @property
    def label(self) -> str:
        return str(INDICATORS[self.indicator][0])

    @property
    def money(self) -> bool:
        return INDICATORS[self.indicator][1]

    @property
    def change(self) -> int | None:
        """Per cent against the previous period; None when it had nothing to compare with."""
        if not self.previous:
            return None
        return round((self.value - self.previous) * 100 / self.previous)


@dataclass
class BreakdownRow:
    key: str  # "unit:12", "country:LA", "partner:7", "pkind:union", "year:2019", "source:partner"
    label: str
    values: dict[str, int]  # indicator -> value
    url: str = ""
    note: str = ""  # e.g. "includes the ended LĐLĐ huyện Kỳ Sơn"


@dataclass
class Breakdown:
    name: str  # "unit", "country", "partner", "pkind", "year", "source"
    title: str
    indicators: list[str]
    rows: list[BreakdownRow] = field(default_factory=list)
    total: dict[str, int] = field(default_factory=dict)  # the scope's own total of each column
    truncated: bool = False  # only the first rows are shown (e.g. the top 20 partners)


@dataclass
class Report:
    unit_id: int
    unit_name: str
    start: datetime.date
    end: datetime.date
    previous_start: datetime.date
    previous_end: datetime.date
    period_label: str
    figures: list[Figure]
    breakdowns: list[Breakdown]
    made_at: datetime.datetime

    def figure(self, indicator: str) -> Figure:
        return next(f for f in self.figures if f.indicator == indicator)

    def sections(self) -> list[tuple[str, str, list[Figure]]]:
        by_name = {f.indicator: f for f in self.figures}
        return [
            (name, str(title), [by_name[i] for i, _label, _money in rows if i in by_name])
            for name, title, rows in SECTIONS
        ]

    def breakdown(self, name: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.name == name), None)

    def to_data(self) -> dict:
        """JSON-ready (dates as ISO strings): what a submitted period report keeps."""
        data = asdict(self)
        for name in ("start", "end", "previous_start", "previous_end", "made_at"):
            data[name] = data[name].isoformat()
        return data

    @classmethod
    def from_data(cls, data: dict) -> Report:
        data = dict(data)
        for name in ("start", "end", "previous_start", "previous_end"):
            data[name] = datetime.date.fromisoformat(data[name])
        data["made_at"] = datetime.datetime.fromisoformat(data["made_at"])
        data["figures"] = [Figure(**f) for f in data["figures"]]
        data["breakdowns"] = [
            Breakdown(**{**b, "rows": [BreakdownRow(**r) for r in b["rows"]]}) for b in data["breakdowns"]
        ]
        return cls(**data)
