"""What the home page reads: this year's key figures against last year's, and the work waiting.

The figures come from the maintained aggregates (solidarity.figures): one
indexed query over the units at the user's scope prefixes, whatever the
number of records below them. What needs attention depends on today's date
and the records' states, so it is counted, each count one indexed query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.figures.selectors import scope_totals


@dataclass(frozen=True)
class KeyFigure:
    name: str
    label: str
    this_year: int
    last_year: int
    money: bool = False
    detail_label: str = ""
    detail_this_year: int | None = None
    detail_last_year: int | None = None

    @property
    def change(self) -> int | None:
        """Per cent against last year; None when last year had nothing to compare with."""
        if not self.last_year:
            return None
        return round((self.this_year - self.last_year) * 100 / self.last_year)

    @property
    def trend(self) -> str:
        if self.this_year > self.last_year:
            return "up"
        if self.this_year < self.last_year:
            return "down"
        return "same"


# (indicator, label, money, detail indicator, detail label)
KEY_FIGURES = (
    ("delegations_out", _("outgoing delegations"), False, "person_trips_out", _("person-trips")),
    ("delegations_in", _("incoming delegations"), False, "guests_in", _("foreign guests")),
    (
        "meetings_hosted",
        _("international meetings hosted"),
        False,
        "meetings_hosted_foreign",
        _("foreign delegates"),
    ),
    ("meetings_attended", _("international meetings attended"), False, "", ""),
    ("agreements_signed", _("agreements signed"), False, "", ""),
    ("support_given_vnd", _("support given"), True, "", ""),
    ("support_received_vnd", _("support received"), True, "", ""),
)


def year_to_date(today: datetime.date) -> dict[str, tuple[datetime.date, datetime.date]]:
    """This year from 1 January to today, and the same days of last year."""
    last = today.replace(year=today.year - 1, day=28) if (today.month, today.day) == (2, 29) else None
    last = last or today.replace(year=today.year - 1)
    return {
        "this_year": (today.replace(month=1, day=1), today),
        "last_year": (last.replace(month=1, day=1), last),
    }


def key_figures(*, user, today: datetime.date | None = None) -> list[KeyFigure]:
    """The home page's figures for ``user``'s scope: one query."""
    today = today or timezone.localdate()
    indicators = [name for name, *_rest in KEY_FIGURES] + [d for *_rest, d, _l in KEY_FIGURES if d]
    totals = scope_totals(user=user, indicators=indicators, periods=year_to_date(today))
    this, last = totals["this_year"], totals["last_year"]
    return [
        KeyFigure(
            name=name,
            label=str(label),
            this_year=this[name],
            last_year=last[name],
            money=money,
            detail_label=str(detail_label),
            detail_this_year=this[detail] if detail else None,
            detail_last_year=last[detail] if detail else None,
        )
        for name, label, money, detail, detail_label in KEY_FIGURES
    ]


# Past this many, "needs your attention" says "1.000+": counting 45,000 overdue commitments
# on every visit costs more than the exact number is worth there; the list counts them.
ATTENTION_CAP = 1000


def count_up_to(queryset, cap: int = ATTENTION_CAP) -> int:
    """``queryset.count()``, stopping at ``cap``: one indexed query reading at most ``cap`` rows."""
    return queryset.order_by().values("pk")[:cap].count()


def home_attention(*, user, cap: int = ATTENTION_CAP) -> dict[str, int]:
    """What needs the user's attention, each one count query in their scope (the long ones capped)."""
    from solidarity.agreements.models import Agreement, Commitment
    from solidarity.delegations.models import Delegation

    # What waits for the user's decision is in "My work" (home.mywork), with the period reports and plans.
    today = timezone.localdate()
    return {
        "overdue_reports": count_up_to(Delegation.objects.visible_to(user).active().report_overdue(), cap),
        "overdue_commitments": count_up_to(Commitment.objects.visible_to(user).active().overdue(), cap),
        "renewals_due": count_up_to(
            Agreement.objects.visible_to(user)
            .active()
            .filter(status="in_force", renewal_warning_on__lte=today)
        ),
    }
