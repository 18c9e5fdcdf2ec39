"""Reads of the union tree, always through the user's scope.

Nothing here walks the tree: a level of children is one query on
``path LIKE 'prefix%' AND depth = n``, and the ancestors of any number of
units are one ``path IN (...)`` query, because ancestor paths are prefixes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, scope_paths, units_visible_to

from .choices import SuccessionKind
from .models import Unit, UnitSuccession

# Fields shown in a tree row or a search hit: leave out the long search text.
_ROW_FIELDS = ("pk", "path", "depth", "numchild", "name", "short_name", "code", "level", "kind", "valid_to")


def _with_successors(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "successions_out",
            queryset=UnitSuccession.objects.select_related("successor").only(
                "predecessor_id", "kind", "effective_date", "successor__name", "successor__short_name"
            ),
        )
    )


def _rows(queryset, *, include_ended: bool):
    if not include_ended:
        # Only ended units hide; one that starts later is already shown.
        queryset = queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=timezone.localdate()))
    return _with_successors(queryset.only(*_ROW_FIELDS))


def unit_scope_roots(*, user, include_ended: bool = False):
    """The top units of ``user``'s scope: their memberships (collapsed), or the roots for a superuser."""
    paths = scope_paths(user, Role.VIEWER)
    if paths is None:
        queryset = Unit.objects.filter(depth=1)
    else:
        queryset = Unit.objects.filter(path__in=paths)
    return _rows(queryset, include_ended=include_ended).order_by("name", "pk")


def unit_children(*, user, parent: Unit, include_ended: bool = False):
    """One level of children of ``parent``, by name."""
    queryset = units_visible_to(user).filter(path__startswith=parent.path, depth=parent.depth + 1)
    return _rows(queryset, include_ended=include_ended).order_by("name", "pk")


def unit_search(*, user, text: str, include_ended: bool = False):
    """Units in scope whose name, short name or code contains ``text``, accents optional.

    Higher levels first: "muong xen" should show the commune before its 130 schools.
    """
    queryset = units_visible_to(user).search(text)
    return _rows(queryset, include_ended=include_ended).order_by("depth", "name", "pk")


def unit_export_rows(*, user, text: str = "", include_ended: bool = False):
    """The units the tree page lets ``user`` reach (its search when ``text``), in tree order, for the export.

    Each with its parent's code, read by the parent's path (a prefix of its own) in the same query.
    """
    queryset = units_visible_to(user)
    if text:
        queryset = queryset.search(text)
    if not include_ended:
        queryset = queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=timezone.localdate()))
    parent = Unit.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Unit.steplen))
    return queryset.annotate(parent_code=Subquery(parent.values("code")[:1])).order_by("path")


@dataclass
class Breadcrumbs:
    """Ancestor chains of many units, fetched in one query."""

    by_path: dict[str, Unit] = field(default_factory=dict)

    def chain(self, unit: Unit) -> list[Unit]:
        return [self.by_path[path] for path in unit.ancestor_paths() if path in self.by_path]


def unit_breadcrumbs(*, user, units: Iterable[Unit]) -> Breadcrumbs:
    """Ancestors of ``units`` that ``user`` may see; units above the scope are left out."""
    paths = {path for unit in units for path in unit.ancestor_paths()}
    if not paths:
        return Breadcrumbs()
    ancestors = units_visible_to(user).filter(path__in=paths).only("pk", "path", "name", "short_name")
    return Breadcrumbs({unit.path: unit for unit in ancestors})


def unit_ancestors(*, user, unit: Unit) -> list[Unit]:
    return unit_breadcrumbs(user=user, units=[unit]).chain(unit)


@dataclass
class HistoryEntry:
    """One saved version of a unit and what changed since the version before."""

    record: object
    reason: str
    changes: list[tuple[str, str, str]]  # (field label, old value, new value)
    moved: bool = False


_REASONS = {
    "rename": _("Renamed"),
    "edit": _("Edited"),
    "move": _("Moved in the tree"),
    SuccessionKind.MERGE: SuccessionKind.MERGE.label,
    SuccessionKind.SPLIT: SuccessionKind.SPLIT.label,
    SuccessionKind.DISSOLVE: SuccessionKind.DISSOLVE.label,
}
_TREE_FIELDS = {"path", "depth"}


def _display(field_name: str, value) -> str:
    if value in (None, ""):
        return "—"
    model_field = Unit._meta.get_field(field_name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def unit_history(*, unit: Unit, limit: int = 50) -> list[HistoryEntry]:
    """The latest ``limit`` versions of ``unit``, newest first, each diffed against the one before."""
    records = list(
        unit.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        if previous is None:
            reason = (
                _("Created") if record.history_type == "+" else _REASONS.get(record.history_change_reason)
            )
            entries.append(HistoryEntry(record, str(reason or ""), []))
            continue
        delta = record.diff_against(previous)
        changes = [
            (
                str(Unit._meta.get_field(change.field).verbose_name),
                _display(change.field, change.old),
                _display(change.field, change.new),
            )
            for change in delta.changes
            if change.field not in _TREE_FIELDS
        ]
        moved = any(change.field == "path" for change in delta.changes)
        reason = _REASONS.get(record.history_change_reason) or (
            _("Moved in the tree") if moved else _("Edited")
        )
        entries.append(HistoryEntry(record, str(reason), changes, moved))
    return entries
