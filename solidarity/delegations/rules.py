"""The travel rules of the unified management regulation, as warnings.

They never block: the leader decides. Each function takes a delegation and
returns a list of human-readable warnings (translatable strings).

The rules look at every delegation (a person's trips are counted wherever they
were recorded), but a warning names another delegation (title, dates) only
when the viewing ``user`` may see it; otherwise it says "another delegation
(outside your units)".
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, OuterRef, Sum
from django.utils.translation import gettext as _

from solidarity.core.choices import FundingSource
from solidarity.core.templatetags.core_tags import vnd
from solidarity.plans.selectors import budget_by_source, current_plan, spending_by_source
from solidarity.records.workflow import ApprovalState

from .choices import CostKind, Direction
from .models import Cost, Delegation, Member

TRIPS_PER_YEAR = 2
# Delegations that never happen do not count against anyone.
NOT_COUNTED = (ApprovalState.REJECTED,)


def _counted_members():
    """Members of every delegation that counts, whoever may see it: never show their delegations as such."""
    return Member.objects.filter(delegation__archived_at__isnull=True).exclude(
        delegation__state__in=NOT_COUNTED
    )


def _members(delegation: Delegation) -> list[Member]:
    cached = getattr(delegation, "_prefetched_objects_cache", {}).get("members")
    return list(cached) if cached is not None else list(delegation.members.all())


def trips_per_year_warnings(delegation: Delegation) -> list[str]:
    """A key leader's third (or later) trip abroad in one calendar year."""
    if delegation.direction != Direction.OUTGOING:
        return []
    leaders = [m for m in _members(delegation) if m.is_key_leader]
    if not leaders:
        return []
    year = delegation.start_on.year
    rows = (
        _counted_members()
        .filter(
            person_key__in=[m.person_key for m in leaders],
            delegation__direction=Direction.OUTGOING,
            delegation__start_on__year=year,
        )
        .values_list("person_key", "delegation_id")
        .distinct()
    )
    trips: dict[str, set[int]] = defaultdict(set)
    for key, delegation_id in rows:
        trips[key].add(delegation_id)
    warnings = []
    for member in leaders:
        count = len(trips[member.person_key] | {delegation.pk})
        if count > TRIPS_PER_YEAR:
            warnings.append(
                _(
                    "%(name)s would travel abroad %(count)s times in %(year)s; "
                    "a key leader travels at most twice a year."
                )
                % {"name": member.full_name, "count": count, "year": year}
            )
    return warnings


def key_leaders_together_warnings(delegation: Delegation) -> list[str]:
    """Two key leaders of the same unit in one delegation."""
    by_unit: dict[int, list[Member]] = defaultdict(list)
    for member in _members(delegation):
        if member.is_key_leader and member.unit_id:
            by_unit[member.unit_id].append(member)
    warnings = []
    for members in by_unit.values():
        if len(members) > 1:
            warnings.append(
                _("%(names)s are key leaders of the same unit (%(unit)s) and should not travel together.")
                % {"names": ", ".join(m.full_name for m in members), "unit": members[0].unit}
            )
    return warnings


def overlap_warnings(delegation: Delegation, *, user) -> list[str]:
    """A member is already in another delegation on overlapping dates.

    Delegations ``user`` cannot see are not named: no title, no dates.
    """
    members = _members(delegation)
    if not members:
        return []
    names = {m.person_key: m.full_name for m in members}
    clashes = list(
        _counted_members()
        .filter(
            person_key__in=list(names),
            delegation__start_on__lte=delegation.end_on,
            delegation__end_on__gte=delegation.start_on,
        )
        .exclude(delegation_id=delegation.pk)
        .order_by("delegation__start_on", "pk")
        .values_list("person_key", "delegation_id")
    )
    if not clashes:
        return []
    visible = {
        row["pk"]: row
        for row in Delegation.objects.visible_to(user)
        .filter(pk__in={delegation_id for _key, delegation_id in clashes})
        .values("pk", "title", "start_on", "end_on")
    }
    warnings = []
    seen = set()
    for key, delegation_id in clashes:
        other = visible.get(delegation_id)
        # One warning per hidden clash and person, however many hidden delegations there are.
        marker = (key, delegation_id if other else None)
        if marker in seen:
            continue
        seen.add(marker)
        if other is None:
            warnings.append(
                _("%(name)s is also in another delegation (outside your units) on overlapping dates.")
                % {"name": names[key]}
            )
            continue
        warnings.append(
            _("%(name)s is also in “%(other)s” (%(start)s – %(end)s), on overlapping dates.")
            % {
                "name": names[key],
                "other": other["title"],
                "start": other["start_on"].strftime("%d/%m/%Y"),
                "end": other["end_on"].strftime("%d/%m/%Y"),
            }
        )
    return warnings


# The delegations whose approved estimate is already set aside from the budget: approved, or
# carried out with no actual cost entered yet (once entered, the actual cost counts instead).
COMMITTED_STATES = (ApprovalState.APPROVED, ApprovalState.CARRIED_OUT)
PROPOSAL_STATES = (ApprovalState.DRAFT, ApprovalState.RETURNED, ApprovalState.SUBMITTED)


def budget_warnings(delegation: Delegation) -> list[str]:
    """The delegation's estimated cost from a source exceeds what remains of the owner's approved
    budget for that source this year.

    Remaining = the budget line of the owner's current approved plan of the delegation's year
    − what the owner itself spent that year (actual costs of approved delegations, support given,
    meeting costs: the figures) − the estimates of its other approved delegations of that year
    that have no actual cost yet. A source without a budget line is not checked.
    """
    if delegation.state not in PROPOSAL_STATES:
        return []  # decided: its cost is spending now, not a proposal
    estimates = dict(
        delegation.costs.filter(kind=CostKind.ESTIMATED)
        .values("source")
        .annotate(total=Sum("amount_vnd"))
        .values_list("source", "total")
    )
    if not estimates:
        return []
    year = delegation.start_on.year
    budget = budget_by_source(current_plan(unit=delegation.owner_unit, year=year))
    checked = [source for source in estimates if source in budget]
    if not checked:
        return []
    spent = spending_by_source(units=[], year=year, own_of=delegation.owner_unit)[delegation.owner_unit_id]
    actual = Cost.objects.filter(delegation=OuterRef("delegation"), kind=CostKind.ACTUAL)
    committed = dict(
        Cost.objects.filter(
            kind=CostKind.ESTIMATED,
            source__in=checked,
            delegation__owner_unit_id=delegation.owner_unit_id,
            delegation__start_on__year=year,
            delegation__state__in=COMMITTED_STATES,
            delegation__archived_at__isnull=True,
        )
        .exclude(delegation_id=delegation.pk)
        .exclude(Exists(actual))
        .values("source")
        .annotate(total=Sum("amount_vnd"))
        .values_list("source", "total")
    )
    warnings = []
    for source in checked:
        remaining = budget[source] - spent.get(source, 0) - committed.get(source, 0)
        if estimates[source] > remaining:
            warnings.append(
                _(
                    "The estimated cost from “%(source)s” (%(estimate)s) exceeds what remains of the "
                    "approved %(year)s budget for it (%(remaining)s of %(budget)s)."
                )
                % {
                    "source": FundingSource(source).label,
                    "estimate": vnd(estimates[source]),
                    "year": year,
                    "remaining": vnd(max(remaining, 0)),
                    "budget": vnd(budget[source]),
                }
            )
    return warnings


def travel_warnings(delegation: Delegation, *, user) -> list[str]:
    """The travel rules' warnings for ``delegation`` as ``user`` may read them; empty when all is well."""
    return [
        *trips_per_year_warnings(delegation),
        *key_leaders_together_warnings(delegation),
        *overlap_warnings(delegation, user=user),
    ]


def delegation_warnings(delegation: Delegation, *, user) -> list[str]:
    """Every warning for ``delegation``: the travel rules', then the plan budget's."""
    return [*travel_warnings(delegation, user=user), *budget_warnings(delegation)]
