"""My work: what one user has to do, whatever list it lives in.

Six short lists, each the first few rows and whether there are more:

- my drafts: approvable records (delegations, hosted international meetings,
  annual plans, period reports) in draft that the user created;
- returned to me: returned for changes, created or submitted by the user, in a
  unit they may still edit (the officer who must act on the leaders' comment);
- waiting for approval: submitted, created or submitted by the user;
- waiting for my decision: the leaders' queue (nothing to read for who leads no unit);
- reports I owe: post-trip reports, filing the approval to host an international
  meeting and the period reports of the units where the user is an officer or
  above, those units alone (a unit below has its own officers), overdue ones
  included, the period reports already sent left out;
- commitments my units are responsible for (the responsible unit, else the
  owner), among the user's units of any role, open and due.

Every query goes through the one permission rule (``visible_to`` /
``editable_by``), one indexed query per kind and list, read up to the limit:
the same number of queries for one row as for a million.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import Role
from solidarity.core.choices import ApprovalState
from solidarity.deadlines.selectors import DeadlineKind, deadlines_between
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.periodic.models import PeriodicReport
from solidarity.plans.models import Plan
from solidarity.records.workflow import submitted_by_user_ids, waiting_for

from .selectors import ATTENTION_CAP

LIMIT = 5  # rows shown in each list; "see all" leads to the lists
# How far back an unfiled report or an open commitment is still "owed", and how far ahead.
OWED_SINCE_DAYS = 3 * 365
DUE_WITHIN_DAYS = 60
PERIOD_REPORT_SINCE_DAYS = 365


@dataclass(frozen=True)
class Kind:
    """An approvable record kind as my work reads it."""

    name: str
    label: str
    model: type
    list_url: str  # URL name of its list page
    state_filter: bool  # does the list filter by ?state=
    parent_decides: bool = False  # approver always the parent (plans, period reports)
    only: dict = field(default_factory=dict)  # the rows that go through approval at all

    def rows(self):
        return self.model.objects.active().filter(**self.only).select_related("owner_unit")


KINDS = (
    Kind("delegations", _("Delegation"), Delegation, "delegations:list", True),
    Kind(
        "meetings",
        _("Meeting"),
        Meeting,
        "meetings:list",
        True,
        only={"hosted": True, "is_international": True},
    ),
    Kind("plans", _("Annual plan"), Plan, "plans:list", True, parent_decides=True),
    Kind("periodic", _("Period report"), PeriodicReport, "periodic:list", False, parent_decides=True),
)


@dataclass(frozen=True)
class Item:
    kind: str  # label
    title: str
    url: str
    unit: object
    on: datetime.date | datetime.datetime | None = None  # last change, or the deadline
    overdue: bool = False


@dataclass
class Section:
    name: str
    title: str
    empty: str
    items: list[Item]
    more: bool
    links: list[tuple[str, str]]  # (label, URL) of the full lists filtered the same way

    counted: int | None = None  # the home panel counts (up to the limit) without reading the rows

    @property
    def total(self) -> int:
        return len(self.items) if self.counted is None else self.counted

    @property
    def shown(self) -> str:
        """The number to show: "5+" when there are more than the list holds."""
        return f"{self.total}+" if self.more else str(self.total)


def _record_item(kind: Kind, record) -> Item:
    return Item(str(kind.label), str(record), record.get_absolute_url(), record.owner_unit, record.updated_at)


def _record_section(name, title, empty, *, rows_of, state, limit, count_only=False) -> Section:
    """One list across the kinds: ``rows_of(kind)`` is each kind's queryset (or None to skip it).

    ``count_only``: how many (up to ``limit``, then "more"), in one query across the kinds.
    """
    if count_only:
        querysets = [rows.order_by().values("pk") for rows in map(rows_of, KINDS) if rows is not None]
        combined = querysets[0].union(*querysets[1:], all=True) if querysets else []
        found = len(combined[: limit + 1]) if querysets else 0
        return Section(name, str(title), str(empty), [], found > limit, [], counted=min(found, limit))
    found, more, links = [], False, []
    for kind in KINDS:
        rows = rows_of(kind)
        if rows is None:
            continue
        records = list(rows.order_by("-updated_at", "-pk")[: limit + 1])
        more = more or len(records) > limit
        found.extend((record.updated_at, kind, record) for record in records[:limit])
        if records:
            url = reverse(kind.list_url)
            if kind.state_filter and state:
                url += f"?state={state}"
            links.append((capfirst(kind.model._meta.verbose_name_plural), url))
    found.sort(key=lambda row: row[0], reverse=True)
    more = more or len(found) > limit
    items = [_record_item(kind, record) for _at, kind, record in found[:limit]]
    return Section(name, str(title), str(empty), items, more, links)


def _mine(kind: Kind, user) -> Q:
    """Created by ``user`` or submitted by them (a colleague's draft they sent on is theirs to follow)."""
    return Q(created_by=user) | Q(pk__in=submitted_by_user_ids(user=user, model=kind.model))


def my_work(
    *, user, limit: int = LIMIT, today: datetime.date | None = None, count_only: bool = False
) -> list[Section]:
    """The user's lists (six for a leader, five for an officer, one for a viewer), a fixed number
    of queries whatever the rows. ``count_only`` (the home panel): the approvable records are
    counted, one query a list, not read."""
    today = today or timezone.localdate()
    # The panel counts the records waiting as far as the attention card does ("1.000+"), reading no row.
    counted = ATTENTION_CAP if count_only else limit
    roles = list(Membership.objects.filter(user=user).select_related("unit").order_by("unit__path"))
    leads = any(m.role >= Role.LEADER for m in roles)
    led = [(m.unit.path, m.unit.depth, m.unit.approves_own) for m in roles if m.role >= Role.LEADER]
    # A viewer writes nothing: no drafts, returns, proposals or reports of their own, only their
    # units' commitments to follow (the lists a role cannot use are not offered, as in the menus).
    if not (user.is_superuser or any(m.role >= Role.OFFICER for m in roles)):
        return [_commitments(user=user, roles=roles, today=today, limit=limit)]
    sections = [
        _record_section(
            "drafts",
            _("My drafts"),
            _("No draft of yours."),
            rows_of=lambda kind: (
                kind.rows().editable_by(user).filter(state=ApprovalState.DRAFT, created_by=user)
            ),
            state=ApprovalState.DRAFT,
            limit=counted,
            count_only=count_only,
        ),
        _record_section(
            "returned",
            _("Returned to me for changes"),
            _("Nothing was returned to you."),
            rows_of=lambda kind: (
                kind.rows().editable_by(user).filter(_mine(kind, user), state=ApprovalState.RETURNED)
            ),
            state=ApprovalState.RETURNED,
            limit=counted,
            count_only=count_only,
        ),
        _record_section(
            "submitted",
            _("My proposals waiting for approval"),
            _("Nothing of yours waits for approval."),
            rows_of=lambda kind: (
                kind.rows().visible_to(user).filter(_mine(kind, user), state=ApprovalState.SUBMITTED)
            ),
            state=ApprovalState.SUBMITTED,
            limit=counted,
            count_only=count_only,
        ),
    ]
    if leads or user.is_superuser:
        decide = _record_section(
            "decide",
            _("Waiting for my decision"),
            _("Nothing waits for your decision."),
            rows_of=lambda kind: waiting_for(
                user=user,
                queryset=kind.rows().visible_to(user),
                parent_decides=kind.parent_decides,
                led=led,
            ),
            state=ApprovalState.SUBMITTED,
            limit=counted,
            count_only=count_only,
        )
        # The delegations' and meetings' queue is one page; plans and period reports have their lists.
        decide.links = [(str(_("Delegations and meetings")), reverse("delegations:queue"))] + [
            link for link in decide.links if link[1].split("?")[0] not in _queue_lists()
        ]
        sections.append(decide)
    sections.append(_owed(user=user, roles=roles, today=today, limit=limit))
    sections.append(_commitments(user=user, roles=roles, today=today, limit=limit))
    return sections


def _queue_lists() -> frozenset:
    return frozenset({reverse("delegations:list"), reverse("meetings:list")})


def _deadline_item(deadline, today) -> Item:
    return Item(
        str(deadline.kind_label),
        deadline.title,
        deadline.url,
        deadline.unit,
        deadline.on,
        deadline.on < today,
    )


def _owed(*, user, roles, today, limit) -> Section:
    units = [m.unit for m in roles if m.role >= Role.OFFICER]
    items, more = [], False
    if units:
        ahead = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
        scope = {"user": user, "units": units, "subtree": False, "limit": limit + 1}
        found = deadlines_between(
            today - datetime.timedelta(days=OWED_SINCE_DAYS),
            ahead,
            kinds=[DeadlineKind.TRIP_REPORT, DeadlineKind.HOSTING_APPROVAL],
            **scope,
        )
        # A period report left unsent for over a year is the status page's business, not a to-do.
        periods = deadlines_between(
            today - datetime.timedelta(days=PERIOD_REPORT_SINCE_DAYS),
            ahead,
            kinds=[DeadlineKind.PERIOD_REPORT],
            **scope,
        )
        sent = _period_reports_sent(units)
        owed = found.items + [d for d in periods.items if d.key not in sent]
        owed.sort(key=lambda d: (d.on, d.kind, d.key))
        more = bool(found.truncated or periods.truncated) or len(owed) > limit
        items = [_deadline_item(d, today) for d in owed[:limit]]
    links = []
    if any(m.role >= Role.OFFICER for m in roles):
        links = [
            (str(_("Delegations with an overdue report")), reverse("delegations:list") + "?overdue=true"),
            (str(_("Period reports")), reverse("periodic:list")),
        ]
    return Section(
        "owed",
        str(_("Reports I owe")),
        str(_("No report is due from your units.")),
        items,
        more,
        links,
    )


def _period_reports_sent(units) -> set[str]:
    """Keys (as the deadlines say them) of the period reports already sent up or accepted."""
    rows = (
        PeriodicReport.objects.active()
        .filter(
            owner_unit__in=[unit.pk for unit in units],
            state__in=[ApprovalState.SUBMITTED, ApprovalState.APPROVED],
        )
        .values_list("owner_unit_id", "kind", "year")
    )
    return {f"period:{unit}:{kind}:{year}" for unit, kind, year in rows}


def _commitments(*, user, roles, today, limit) -> Section:
    units = [m.unit for m in roles]
    items, more = [], False
    if units:
        found = deadlines_between(
            today - datetime.timedelta(days=OWED_SINCE_DAYS),
            today + datetime.timedelta(days=DUE_WITHIN_DAYS),
            user=user,
            responsible_units=units,
            kinds=[DeadlineKind.COMMITMENT],
            limit=limit,
        )
        more = bool(found.truncated)
        items = [_deadline_item(d, today) for d in found.items]
    links = [
        (unit.display_name, reverse("agreements:commitment_list") + f"?responsible_unit={unit.pk}&open=true")
        for unit in units
    ]
    return Section(
        "commitments",
        str(_("Commitments my units are responsible for")),
        str(_("No open commitment of your units falls due.")),
        items,
        more,
        links,
    )
