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

from django.utils.translation import gettext as _

from solidarity.records.workflow import ApprovalState

from .choices import Direction
from .models import Delegation, Member

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


def delegation_warnings(delegation: Delegation, *, user) -> list[str]:
    """Every rule warning for ``delegation`` as ``user`` may read it; empty when all is well."""
    return [
        *trips_per_year_warnings(delegation),
        *key_leaders_together_warnings(delegation),
        *overlap_warnings(delegation, user=user),
    ]
