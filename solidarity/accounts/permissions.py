"""The one permission rule of Solidarity.

A user sees the records owned by their units and every unit below them, plus
the records of ended units whose work those units carry on (successions).
Editing needs officer or higher on the owning unit or above it; approving,
leader; managing users and the tree, administrator. Sibling and ancestor
units are never in scope. Succession hands an ended unit's records on (to
see, edit and approve), never its administration: its users and its place in
the tree stay with the administrators above it.

Separation of duties: an administrator grants roles up to officer in their
own unit and any role in the units below it; a unit's leaders and
administrators are appointed by administrators of a level above (a root
unit's by superusers). See :func:`highest_grantable_role`. Every view, API, export, search and report scopes
its queries through :func:`unit_scope_q` (usually via ``ScopedQuerySet``).

A scope is a short list of materialised-path prefixes, so filtering is an
indexed ``LIKE 'prefix%'`` on the units table, never a walk of the tree.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db import connection, models
from django.db.models import Q

from .choices import Role

if TYPE_CHECKING:
    from solidarity.units.models import Unit

__all__ = [
    "Role",
    "scope_paths",
    "unit_scope_q",
    "subtree_q",
    "subtrees_q",
    "ScopedQuerySet",
    "has_role_on",
    "may_edit",
    "units_for_officer",
    "units_visible_to",
    "highest_grantable_role",
    "may_grant",
    "roles_by_unit",
    "may_see_personal",
    "holds_personal_grant",
    "led_units",
    "personal_scope_q",
]

_CACHE_ATTR = "_solidarity_scope_cache"


def _collapse(paths: list[str]) -> list[str]:
    """Drop paths already covered by a shorter prefix in the list."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(prefix) for prefix in kept):
            kept.append(path)
    return kept


def _covered(path: str, prefixes: list[str]) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)


def _prefix_q(prefix: str, field: str) -> Q:
    column = f"{field}__path" if field else "path"
    if connection.vendor == "sqlite":
        # SQLite's LIKE is case-insensitive and cannot use the path index; a
        # range can. Path steps use 0-9A-Z, so "prefix" + anything sorts below
        # the prefix with its last character bumped by one.
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return Q(**{f"{column}__gte": prefix, f"{column}__lt": upper})
    # PostgreSQL: LIKE 'prefix%' uses the varchar_pattern_ops index Django creates.
    return Q(**{f"{column}__startswith": prefix})


def _path_q(prefixes: list[str], field: str) -> Q:
    if not prefixes:
        return Q(pk__in=[])
    return reduce(or_, (_prefix_q(prefix, field) for prefix in prefixes))


def scope_paths(user, min_role: int = Role.VIEWER) -> list[str] | None:
    """Path prefixes of the units where ``user`` holds ``min_role`` or higher.

    ``None`` means everything (superusers, and whoever holds the role at
    every root). Cached on the user object, which lives for one request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if min_role in cache:
        return cache[min_role]

    paths = _membership_paths(user, min_role)
    # Units that ended hand their work (and so their records) to successors
    # inside the scope. Follow chains: A merged into B, B later into C. Not
    # their administration: an ended unit is renamed, moved and staffed by the
    # administrators above it, not by whoever carries its work on.
    frontier = paths if min_role < Role.ADMIN else []
    successions = _successions(user) if frontier else []
    while frontier:
        inherited = [
            predecessor
            for successor, predecessor in successions
            if _covered(successor, frontier) and not _covered(predecessor, paths)
        ]
        paths = _collapse(paths + inherited)
        frontier = _collapse(inherited)
    if paths and _covers_every_root(user, paths):
        paths = None  # a national user: filtering would only cost time
    cache[min_role] = paths
    return paths


def _membership_paths(user, min_role: int) -> list[str]:
    """Paths of the units where ``user`` holds ``min_role`` or higher themselves (collapsed)."""
    from solidarity.accounts.models import Membership

    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if "roles" not in cache:  # one query for every role a request asks about
        cache["roles"] = list(
            Membership.objects.filter(user=user).values_list(
                "unit__path", "role", "personal_data", "unit__depth", "unit__approves_own"
            )
        )
    return _collapse([path for path, role, *_rest in cache["roles"] if role >= min_role])


def _personal_paths(user) -> list[str] | None:
    """Paths where ``user`` holds the personal-data grant (None: everywhere, for superusers)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    _membership_paths(user, Role.VIEWER)  # fills the cache
    roles = user.__dict__[_CACHE_ATTR]["roles"]
    return _collapse([path for path, _role, personal, *_rest in roles if personal])


def led_units(user) -> list[tuple[str, int, bool]]:
    """(path, depth, approves_own) of the units ``user`` leads themselves: whose approvals they decide.

    From the same cached look-up as the scope: the queue button on a list page costs no query more.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    _membership_paths(user, Role.VIEWER)  # fills the cache
    roles = user.__dict__[_CACHE_ATTR]["roles"]
    return [
        (path, depth, approves_own)
        for path, role, _personal, depth, approves_own in roles
        if role >= Role.LEADER
    ]


def may_see_personal(user, unit: Unit) -> bool:
    """May ``user`` see the personal fields of people in ``unit``'s records?

    The personal-data grant on the unit or above it (a flag on the membership,
    given by an administrator). Successions do not carry it: whoever takes an
    ended unit's work on asks for the grant on it. Everyone else who sees the
    record sees it without the person's details.
    """
    prefixes = _personal_paths(user)
    return prefixes is None or _covered(unit.path, prefixes)


def holds_personal_grant(user) -> bool:
    """Does ``user`` hold the personal-data grant anywhere (to offer what only a holder may ask)?"""
    prefixes = _personal_paths(user)
    return prefixes is None or bool(prefixes)


def personal_scope_q(user, *, field: str = "unit") -> Q:
    """Rows whose unit (through ``field``) is where ``user`` may see personal data.

    The query's form of :func:`may_see_personal`.
    """
    prefixes = _personal_paths(user)
    if prefixes is None:
        return Q(pk__isnull=False)
    return _path_q(prefixes, field)


def _successions(user) -> list[tuple[str, str]]:
    """Every succession as (successor's path, predecessor's path), read once a request.

    A small table (reorganisations are rare); matching the paths here keeps
    PostgreSQL from joining it to the whole units table by key to find them.
    """
    from solidarity.units.models import UnitSuccession

    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if "successions" not in cache:
        cache["successions"] = list(
            UnitSuccession.objects.values_list("successor__path", "predecessor__path")
        )
    return cache["successions"]


def _covers_every_root(user, paths: list[str]) -> bool:
    from solidarity.units.models import Unit

    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if "roots" not in cache:
        cache["roots"] = list(Unit.objects.filter(depth=1).values_list("path", flat=True))
    return all(_covered(root, paths) for root in cache["roots"])


def forget_scope(user) -> None:
    """Call after changing a user's memberships or the tree within a request."""
    user.__dict__.pop(_CACHE_ATTR, None)


def unit_scope_q(user, min_role: int = Role.VIEWER, *, field: str = "unit") -> Q:
    """A Q object keeping rows whose unit (reached through ``field``) is in scope.

    ``field=""`` filters the units table itself.
    """
    prefixes = scope_paths(user, min_role)
    if prefixes is None:
        # Always true, and (unlike an empty Q) still false when negated.
        return Q(pk__isnull=False)
    return _path_q(prefixes, field)


def subtree_q(unit: Unit, field: str = "unit") -> Q:
    """Rows whose unit (reached through ``field``; "" for the units table) is ``unit`` or below it.

    The same indexed path range the scope uses: a filter by unit is as cheap as the scope.
    """
    return _prefix_q(unit.path, field)


def subtrees_q(units, field: str = "unit") -> Q:
    """Rows under any of ``units`` (each with everything below it): an OR of indexed path ranges."""
    return reduce(or_, (subtree_q(unit, field) for unit in units), Q(pk__in=[]))


def has_role_on(user, unit: Unit, min_role: int) -> bool:
    """Does ``user`` hold ``min_role`` on ``unit`` or above it (or, below administrator, on a successor)?"""
    prefixes = scope_paths(user, min_role)
    return prefixes is None or _covered(unit.path, prefixes)


def may_edit(user, unit: Unit) -> bool:
    """May ``user`` create or change the records ``unit`` owns? Officer or higher on it or above it.

    The one answer to "may this user edit here": views (buttons, 403s),
    forms (through :func:`units_for_officer`) and services ask it, and
    ``ScopedQuerySet.editable_by`` is the same rule as a query.
    """
    return has_role_on(user, unit, Role.OFFICER)


def highest_grantable_role(user, unit: Unit) -> int | None:
    """The highest role ``user`` may grant, change or take away on ``unit``; None for none at all.

    Officer in a unit the user administers themselves, any role in the units
    below it: whoever submits a unit's work never appoints the leaders who
    approve it (a unit's work is approved by its own leaders or its parent's).
    Superusers grant any role anywhere, and alone appoint a root's leaders and
    administrators.
    """
    if not has_role_on(user, unit, Role.ADMIN):
        return None
    if user.is_superuser:
        return Role.ADMIN
    own = _membership_paths(user, Role.ADMIN)
    if any(unit.path.startswith(path) and unit.path != path for path in own):
        return Role.ADMIN
    return Role.OFFICER


def may_grant(user, unit: Unit, role: int) -> bool:
    """May ``user`` give (or change, or take away) ``role`` on ``unit``?"""
    highest = highest_grantable_role(user, unit)
    return highest is not None and int(role) <= highest


def roles_by_unit(user) -> dict[int, int]:
    from solidarity.accounts.models import Membership

    return dict(Membership.objects.filter(user=user).values_list("unit_id", "role"))


class ScopedQuerySet(models.QuerySet):
    """QuerySet of records owned by a unit; ``unit_field`` names the owner FK."""

    unit_field = "unit"

    def visible_to(self, user):
        return self.filter(unit_scope_q(user, Role.VIEWER, field=self.unit_field))

    def editable_by(self, user):
        return self.filter(unit_scope_q(user, Role.OFFICER, field=self.unit_field))

    def approvable_by(self, user):
        return self.filter(unit_scope_q(user, Role.LEADER, field=self.unit_field))


def units_visible_to(user):
    """Units ``user`` may see: their scope, ended units carried by successors included."""
    from solidarity.units.models import Unit

    return Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))


def units_for_officer(user):
    """Units where ``user`` may record new things: :func:`may_edit` holds there, and the unit is in force.

    The owner choices of every form, and whether a list offers "New".
    """
    from solidarity.units.models import Unit

    return Unit.objects.filter(unit_scope_q(user, Role.OFFICER, field="")).in_force().order_by("path")
