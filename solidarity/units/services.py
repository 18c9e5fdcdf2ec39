"""Changes to the union tree. Each is one transaction, validated up front.

Units are never deleted: an ended unit keeps its place in the tree and its
records, and names the successors that carry its work on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, forget_scope, has_role_on

from .choices import SuccessionKind
from .models import Unit, UnitSuccession

# Layers above keep figures per unit and its ancestors (solidarity.figures): when
# a unit moves with its subtree, they move its figures. They register here from
# their AppConfig.ready(), since this layer imports nothing above it.
_subtree_move_listeners: list[Callable[..., None]] = []


def on_subtree_move(listener: Callable[..., None]) -> None:
    """After every move, in its transaction: ``listener(unit_id=, old_ancestor_ids=, new_ancestor_ids=)``."""
    if listener not in _subtree_move_listeners:
        _subtree_move_listeners.append(listener)


def _ancestor_ids(unit: Unit) -> list[int]:
    return list(Unit.objects.filter(path__in=unit.ancestor_paths()).values_list("pk", flat=True))


def _move(unit: Unit, new_parent: Unit) -> None:
    """Move ``unit`` and its subtree to the end of ``new_parent``'s children, and tell the listeners."""
    old_ancestors = _ancestor_ids(unit)
    Unit.objects.move(unit, new_parent, pos="last-child")
    new_ancestors = _ancestor_ids(_reload(unit))
    for listener in _subtree_move_listeners:
        listener(unit_id=unit.pk, old_ancestor_ids=old_ancestors, new_ancestor_ids=new_ancestors)


def _require_admin(user, *units: Unit) -> None:
    # Administering a unit comes from a role on it or above it, never from
    # succeeding it: see solidarity.accounts.permissions.
    if user is None:
        return  # management commands and the demo loader
    for unit in units:
        if not has_role_on(user, unit, Role.ADMIN):
            raise PermissionDenied(_("You do not administer %(unit)s.") % {"unit": unit})


def _require_in_force(*units: Unit, on: datetime.date) -> None:
    # Children move at once, so the change must already be in effect.
    if on > timezone.localdate():
        raise ValidationError(_("Record a reorganisation on or after its effective date, not before."))
    for unit in units:
        if unit.valid_to is not None and unit.valid_to <= on:
            raise ValidationError(_("%(unit)s has already ended.") % {"unit": unit})
        if unit.valid_from is not None and on <= unit.valid_from:
            raise ValidationError(
                _("%(unit)s only came into force on %(date)s.")
                % {"unit": unit, "date": date_format(unit.valid_from, "SHORT_DATE_FORMAT")}
            )


def _require_level_fits(level: int, *, parent: Unit | None, unit: Unit | None = None) -> None:
    """A unit sits below its parent's level and above its own units' levels."""
    if parent is not None and level <= parent.level:
        raise ValidationError({"level": _("The level must be below the parent unit's level.")})
    if unit is not None:
        child_levels = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).values_list(
            "level", flat=True
        )
        if any(level >= child_level for child_level in child_levels):
            raise ValidationError({"level": _("The level must be above the levels of the units below it.")})


def _require_fits_under(unit: Unit, parent: Unit) -> None:
    """A unit (with its subtree) moves only under a unit of a higher level, as add and edit require."""
    if unit.level <= parent.level:
        raise ValidationError(
            _(
                "%(unit)s (%(level)s) cannot be placed under %(parent)s (%(parent_level)s): "
                "a unit goes only under a unit of a higher level."
            )
            % {
                "unit": unit,
                "level": unit.get_level_display(),
                "parent": parent,
                "parent_level": parent.get_level_display(),
            }
        )


def _reload(unit: Unit) -> Unit:
    # treebeard rewrites paths in SQL; instances in memory go stale. Inside
    # an operation the row is locked so two administrators cannot interleave.
    if transaction.get_connection().in_atomic_block:
        return Unit.objects.select_for_update().get(pk=unit.pk)
    return Unit.objects.get(pk=unit.pk)


@transaction.atomic
def unit_create(*, parent: Unit | None, by=None, **fields) -> Unit:
    """Add a unit under ``parent`` (or a new root when ``parent`` is None)."""
    code = (fields.get("code") or "").strip()
    if code and Unit.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Another unit already uses the code %(code)s.") % {"code": code}})
    with transaction.atomic():
        if parent is None:
            if by is not None and not by.is_superuser:
                raise PermissionDenied(_("Only a superuser can create a top-level unit."))
            unit = Unit.objects.add_root(fields)
        else:
            parent = _reload(parent)
            _require_admin(by, parent)
            if "level" in fields:
                _require_level_fits(int(fields["level"]), parent=parent)
            unit = Unit.objects.add_child(parent, fields)
    if by is not None:
        forget_scope(by)
    return unit


@transaction.atomic
def unit_rename(*, unit: Unit, name: str, short_name: str | None = None, by=None) -> Unit:
    """Rename in place: the unit keeps its identity, the old name stays in history."""
    _require_admin(by, unit)
    if not name.strip():
        raise ValidationError(_("The name cannot be empty."))
    unit.name = name.strip()
    if short_name is not None:
        unit.short_name = short_name.strip()
    unit._change_reason = "rename"
    unit.save()
    return unit


def _record_move(unit: Unit) -> None:
    # treebeard moves in SQL, so history would never see a unit change parent.
    moved = _reload(unit)
    moved._change_reason = "move"
    moved.save()


@transaction.atomic
def unit_update(
    *,
    unit: Unit,
    name: str,
    short_name: str = "",
    code: str,
    level: int,
    kind: str,
    doc_symbol: str | None = None,
    by=None,
) -> Unit:
    """Edit a unit's own facts in place: it keeps its identity and records, history keeps the old values."""
    unit = _reload(unit)
    _require_admin(by, unit)
    name, code = name.strip(), code.strip()
    if not name:
        raise ValidationError({"name": _("The name cannot be empty.")})
    if not code:
        raise ValidationError({"code": _("The code cannot be empty.")})
    if Unit.objects.filter(code=code).exclude(pk=unit.pk).exists():
        raise ValidationError({"code": _("Another unit already uses the code %(code)s.") % {"code": code}})
    if int(level) != unit.level:
        _require_level_fits(int(level), parent=Unit.objects.get_parent(unit), unit=unit)
    renamed = name != unit.name or short_name.strip() != unit.short_name
    unit.name, unit.short_name, unit.code = name, short_name.strip(), code
    unit.level, unit.kind = level, kind
    if doc_symbol is not None:
        unit.doc_symbol = doc_symbol.strip()
    unit._change_reason = "rename" if renamed else "edit"
    unit.save()
    return unit


def _move_children(source: Unit, target: Unit) -> None:
    source = _reload(source)  # an earlier move in the same operation may have changed its path
    for child in list(Unit.objects.filter(path__startswith=source.path, depth=source.depth + 1)):
        _require_fits_under(child, target)
        _move(_reload(child), _reload(target))
        _record_move(child)


def _end(unit: Unit, *, on: datetime.date, successors: Sequence[Unit], kind: str, note: str, by) -> None:
    unit = _reload(unit)
    unit.valid_to = on
    unit._change_reason = kind
    unit.save(update_fields=["valid_to"])
    for successor in successors:
        UnitSuccession.objects.create(
            predecessor=unit,
            successor=successor,
            kind=kind,
            effective_date=on,
            note=note,
            recorded_by=by,
        )


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, by=None) -> Unit:
    """Move a unit and its whole subtree under another parent."""
    unit, new_parent = _reload(unit), _reload(new_parent)
    _require_admin(by, unit, new_parent)
    if new_parent.path.startswith(unit.path):
        raise ValidationError(_("A unit cannot be moved under itself or one of its own units."))
    if unit.parent_path == new_parent.path:
        raise ValidationError(_("The unit is already under %(parent)s.") % {"parent": new_parent})
    _require_fits_under(unit, new_parent)
    if not new_parent.is_in_force():
        raise ValidationError(_("%(unit)s is no longer in force.") % {"unit": new_parent})
    with transaction.atomic():
        _move(unit, new_parent)
        _record_move(unit)
    if by is not None:
        forget_scope(by)
    return _reload(unit)


@transaction.atomic
def unit_merge(
    *,
    units: Sequence[Unit],
    into: Unit | None = None,
    new_unit: dict | None = None,
    parent: Unit | None = None,
    on: datetime.date,
    note: str = "",
    by=None,
) -> Unit:
    """Merge ``units`` into an existing unit ``into``, or into a new one.

    Children of the merged units move under the result; the merged units end
    on ``on`` and name the result as their successor.
    """
    units = [_reload(u) for u in units]
    if (into is None) == (new_unit is None):
        raise ValidationError(_("Merge into either an existing unit or a new one."))
    if not units:
        raise ValidationError(_("Choose the units to merge."))
    _require_admin(by, *units)
    _require_in_force(*units, on=on)
    for unit in units:
        if any(other.pk != unit.pk and other.path.startswith(unit.path) for other in units):
            raise ValidationError(
                _("%(unit)s and one of its own units cannot be merged together.") % {"unit": unit}
            )
    with transaction.atomic():
        if into is None:
            target = unit_create(
                parent=parent or Unit.objects.get_parent(units[0]), by=by, valid_from=on, **new_unit
            )
        else:
            target = _reload(into)
            _require_admin(by, target)
            if target in units:
                raise ValidationError(_("A unit cannot be merged into itself."))
        for unit in units:
            if target.path.startswith(unit.path):
                raise ValidationError(_("A unit cannot be merged into one of its own units."))
        for unit in units:
            _move_children(unit, target)
            _end(unit, on=on, successors=[target], kind=SuccessionKind.MERGE, note=note, by=by)
    return _reload(target)


@transaction.atomic
def unit_split(
    *,
    unit: Unit,
    new_units: Sequence[dict],
    on: datetime.date,
    children_to: int | None = 0,
    note: str = "",
    by=None,
) -> list[Unit]:
    """Split ``unit`` into new units under the same parent; it ends on ``on``.

    ``children_to`` is the index of the new unit that takes the children
    (None leaves them where they are, under the ended unit).
    """
    unit = _reload(unit)
    _require_admin(by, unit)
    _require_in_force(unit, on=on)
    if len(new_units) < 2:
        raise ValidationError(_("A split needs at least two new units."))
    with transaction.atomic():
        parent = Unit.objects.get_parent(unit)
        created = [unit_create(parent=parent, by=by, valid_from=on, **fields) for fields in new_units]
        if children_to is not None:
            _move_children(unit, created[children_to])
        _end(unit, on=on, successors=created, kind=SuccessionKind.SPLIT, note=note, by=by)
    return [_reload(u) for u in created]


@transaction.atomic
def unit_dissolve(
    *,
    unit: Unit,
    on: datetime.date,
    successors: Sequence[Unit] = (),
    children_to: Unit | None = None,
    note: str = "",
    by=None,
) -> Unit:
    """End ``unit``; its successors (if any) carry its work and see its records.

    Children move to ``children_to`` (default: the parent) so no living unit
    hangs under an ended one.
    """
    unit = _reload(unit)
    _require_admin(by, unit, *successors)
    _require_in_force(unit, on=on)
    for successor in successors:
        if successor.pk == unit.pk:
            raise ValidationError(_("A unit cannot succeed itself."))
    with transaction.atomic():
        target = children_to or Unit.objects.get_parent(unit)
        if target is not None:
            _require_admin(by, target)
            if target.path.startswith(unit.path):
                raise ValidationError(_("Children cannot move under a unit that is being dissolved."))
            _move_children(unit, target)
        _end(unit, on=on, successors=successors, kind=SuccessionKind.DISSOLVE, note=note, by=by)
    return _reload(unit)
