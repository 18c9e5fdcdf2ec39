"""What every cooperation record shares: an owning unit, a version, an archive.

Agreements, delegations, meetings and support items subclass
:class:`UnitRecord`. Their querysets scope through the one permission rule;
nothing is deleted by a normal user, only archived (and restorable); two people
saving the same record cannot silently overwrite each other (``version``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.accounts.permissions import ScopedQuerySet, may_edit
from solidarity.core.models import TimeStampedModel
from solidarity.figures.services import sync as sync_figures

from .workflow import Part, is_frozen, require_archivable


class UnitRecordQuerySet(ScopedQuerySet):
    unit_field = "owner_unit"

    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


def current_index(*order: str, name: str) -> models.Index:
    """The index of a kind's list: records by owner, current ones (not archived) first, in the list's order.

    A scope is a set of owners; with this index a list's count and the keys of
    its page are read from the index alone (no table row per record), and the
    sort handles (order, id) entries. ``archived_at`` is a column rather than a
    partial index's condition: SQLite then uses the index without statistics
    and reads it as covering.
    """
    return models.Index(fields=["owner_unit", "archived_at", *order, "id"], name=name)


class UnitRecord(TimeStampedModel):
    owner_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=gettext_lazy("owning unit"),
    )
    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=gettext_lazy("created by"),
    )
    archived_at = models.DateTimeField(gettext_lazy("archived at"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=gettext_lazy("archived by"),
    )

    objects = UnitRecordQuerySet.as_manager()
    # The reverse relations whose rows are part of the record (members, phases,
    # items...): their changes show in the record's history (core/history.py).
    history_lines: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class EditConflict(Exception):
    """Someone else saved the record since this user opened it."""

    def __init__(self, current: models.Model, changes: list[tuple[str, object, object]]):
        super().__init__("edit conflict")
        self.current = current
        self.changes = changes  # (field verbose name, value they saved, value you sent)


def can_edit(user, record: models.Model) -> bool:
    """May ``user`` change ``record`` (a unit's record): the permission layer's one answer, on its owner."""
    return may_edit(user, record.owner_unit)


def require_edit(*, user, record: models.Model) -> None:
    """:func:`can_edit`, or PermissionDenied naming the owning unit."""
    if not can_edit(user, record):
        raise PermissionDenied(_("You cannot change records of %(unit)s.") % {"unit": record.owner_unit})


def may_write(*, user, record: models.Model, part: str = Part.PROPOSAL) -> bool:
    """May ``user`` write ``part`` of ``record`` now: the role, not archived, not frozen by the workflow."""
    archived = getattr(record, "is_archived", False)
    return not archived and not is_frozen(record, part=part) and can_edit(user, record)


def require_active(record: models.Model) -> None:
    """An archived record is read-only until restored; every write path calls this."""
    if getattr(record, "archived_at", None) is not None:
        raise ValidationError(_("This record is archived; restore it before changing it."))


def refuse_owner_change(fields: dict, record: models.Model) -> None:
    """Take ``owner_unit`` out of an edit's ``fields``; naming another unit is refused.

    Who owns a record decides who sees it, and what hangs on it (commitments,
    entries, participants) is owned by the same unit: it stays with the unit that recorded it.
    """
    owner_unit = fields.pop("owner_unit", None)
    if owner_unit is not None and owner_unit.pk != record.owner_unit_id:
        raise ValidationError({"owner_unit": _("The owning unit cannot change after creation.")})


def save_versioned(
    *, record: models.Model, expected_version: int, by, fields: dict, check=None, permission=require_edit
) -> models.Model:
    """Apply ``fields`` only if nobody saved the record since ``expected_version``.

    Any model with a ``version`` field can use it; ``permission(user=, record=)``
    raises PermissionDenied when ``by`` may not change it (by default the
    cooperation records' rule). The row is locked (SELECT ... FOR UPDATE on
    PostgreSQL; SQLite's immediate transactions serialise writers), so two
    concurrent saves cannot both pass the check. ``check`` runs on the locked
    row (e.g. the workflow's freeze rule, so a submission in between cannot be
    saved over).
    """
    permission(user=by, record=record)
    model = type(record)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=record.pk)
        require_active(current)
        if check is not None:
            check(current)
        if current.version != expected_version:
            changes = []
            for name, value in fields.items():
                field = model._meta.get_field(name)
                theirs = getattr(current, name)
                if field.many_to_many or not field.editable:  # bookkeeping is no difference to show
                    continue
                if theirs != value:
                    changes.append((str(field.verbose_name), theirs, value))
            raise EditConflict(current, changes)
        for name, value in fields.items():
            field = model._meta.get_field(name)
            if field.many_to_many:
                continue
            setattr(current, name, value)
        current.version = current.version + 1
        current._history_user = by  # who, even when called outside a request
        # Same checks as on creation (bounds, choices): bad input is a message, not a 500.
        current.full_clean(validate_unique=False, validate_constraints=False)
        current.save()
        for name, value in fields.items():
            if model._meta.get_field(name).many_to_many:
                getattr(current, name).set(value)
        sync_figures(current)
        current.refresh_from_db()
    return current


def record_archive(*, record: UnitRecord, by) -> UnitRecord:
    """The normal user's delete: hidden from lists, kept, restorable.

    A record with a decision pending or under way cannot vanish from the
    leaders' queue this way (see ``ARCHIVABLE_STATES`` in the workflow).
    """
    require_edit(user=by, record=record)
    with transaction.atomic():
        # Locked, so a submission at the same moment is seen and refuses the archive.
        current = type(record).objects.select_for_update().get(pk=record.pk)
        require_archivable(current)
        current.archived_at = timezone.now()
        current.archived_by = by
        current.version += 1  # a form opened before the archive must not save over it
        current._change_reason = "archive"
        current.save(update_fields=["archived_at", "archived_by", "version", "updated_at"])
        sync_figures(current)
    record.archived_at, record.archived_by, record.version = current.archived_at, by, current.version
    return record


def record_restore(*, record: UnitRecord, by) -> UnitRecord:
    require_edit(user=by, record=record)
    record.archived_at = None
    record.archived_by = None
    record.version += 1
    record._change_reason = "restore"
    with transaction.atomic():
        record.save(update_fields=["archived_at", "archived_by", "version", "updated_at"])
        sync_figures(record)
    return record


def history_for(*, record, user, limit: int = 50):
    """The record's history as ``user`` may read it: lines owned by units outside their scope are left out."""
    from solidarity.accounts.permissions import Role, unit_scope_q
    from solidarity.core.history import record_history

    def lines_visible(line_model, rows):
        if any(field.name == "owner_unit" for field in line_model._meta.get_fields()):
            return rows.filter(unit_scope_q(user, Role.VIEWER, field="owner_unit"))
        return rows

    return record_history(record=record, limit=limit, lines_visible=lines_visible)
