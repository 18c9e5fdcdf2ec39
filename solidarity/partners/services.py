"""Writes to the partner directory. Each function validates and is atomic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import format_html
from django.utils.translation import gettext as _

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import Role, may_edit
from solidarity.core.text import fold
from solidarity.figures.services import sync_dependents
from solidarity.records.base import save_versioned
from solidarity.units.models import Unit

from .models import Partner, PartnerLink
from .selectors import REVERT_REASON

# The partner's facts the figures break records down by: a change re-counts its records.
COUNTED_BY = ("country", "kind")

PARTNER_FIELDS = ("name", "name_original", "short_name", "kind", "country", "address", "website")


def partner_find_duplicate(*, name: str, country: str, exclude_pk: int | None = None) -> Partner | None:
    """Same name and country, ignoring case and Vietnamese diacritics."""
    duplicates = Partner.objects.filter(name_folded=fold(name), country=country or "")
    if exclude_pk:
        duplicates = duplicates.exclude(pk=exclude_pk)
    return duplicates.first()


def duplicate_error(existing: Partner) -> ValidationError:
    return ValidationError(
        format_html(
            _('This partner already exists: <a href="{url}">{name}</a>. Open it and add your unit instead.'),
            url=existing.get_absolute_url(),
            name=existing.name,
        ),
        code="duplicate",
    )


def can_edit_partner(*, user, partner: Partner) -> bool:
    return Partner.objects.filter(pk=partner.pk).editable_by(user).exists()


def partner_create(*, by, unit: Unit, notes: str = "", **fields) -> Partner:
    """Add a partner to the shared directory, with ``unit`` as the first unit working with it."""
    if not may_edit(by, unit):
        raise PermissionDenied(_("You cannot record partners for %(unit)s.") % {"unit": unit})
    existing = partner_find_duplicate(name=fields["name"], country=fields.get("country", ""))
    if existing:
        raise duplicate_error(existing)
    try:
        with transaction.atomic():
            partner = Partner(
                created_by=by,
                changed_by_unit=unit,
                **{k: v for k, v in fields.items() if k in PARTNER_FIELDS},
            )
            partner.full_clean(exclude=["name_folded", "search_text"], validate_unique=False)
            partner.save()
            PartnerLink.objects.create(partner=partner, unit=unit, notes=notes)
    except IntegrityError as exc:  # a concurrent create of the same name won the race
        existing = partner_find_duplicate(name=fields["name"], country=fields.get("country", ""))
        if existing:
            raise duplicate_error(existing) from exc
        raise
    return partner


def require_partner_edit(*, user, record: Partner) -> None:
    if not can_edit_partner(user=user, partner=record):
        raise PermissionDenied(_("You cannot edit this partner."))


def partner_acting_unit(*, user, partner: Partner) -> Unit | None:
    """The unit on whose behalf ``user`` changes ``partner``'s shared facts.

    Their highest unit (officer or above) that is or covers a unit working
    with the partner; failing that (rights through a succession), their
    highest unit where they are officer or above.
    """
    units = [
        m.unit
        for m in Membership.objects.filter(user=user, role__gte=Role.OFFICER)
        .select_related("unit")
        .order_by("unit__depth", "unit__path")
    ]
    links = PartnerLink.objects.filter(partner=partner, is_active=True)
    for unit in units:
        if links.filter(unit__path__startswith=unit.path).exists():
            return unit
    return units[0] if units else None


def partner_update(*, partner: Partner, by, expected_version: int, **fields) -> Partner:
    """Change the shared facts; raises ``EditConflict`` when someone saved since ``expected_version``.

    Every change is kept in the partner's history with who, when and for which unit.
    """
    fields = {k: v for k, v in fields.items() if k in PARTNER_FIELDS}
    require_partner_edit(user=by, record=partner)
    existing = partner_find_duplicate(
        name=fields.get("name", partner.name),
        country=fields.get("country", partner.country),
        exclude_pk=partner.pk,
    )
    if existing:
        raise duplicate_error(existing)
    if any(getattr(partner, k) != v for k, v in fields.items()):
        fields["changed_by_unit"] = partner_acting_unit(user=by, partner=partner)
    try:
        with transaction.atomic():
            saved = save_versioned(
                record=partner,
                expected_version=expected_version,
                by=by,
                fields=fields,
                permission=require_partner_edit,
            )
            if any(name in fields and fields[name] != getattr(partner, name) for name in COUNTED_BY):
                sync_dependents(saved)  # the records counted by this partner's country or kind
            return saved
    except IntegrityError as exc:  # a concurrent save took the same name first
        existing = partner_find_duplicate(
            name=fields.get("name", partner.name),
            country=fields.get("country", partner.country),
            exclude_pk=partner.pk,
        )
        if existing:
            raise duplicate_error(existing) from exc
        raise


def can_deactivate_partner(*, user, partner: Partner) -> bool:
    return Partner.objects.filter(pk=partner.pk).deactivatable_by(user).exists()


def partner_set_active(*, partner: Partner, by, active: bool) -> Partner:
    allowed = (
        can_edit_partner(user=by, partner=partner)
        if active
        else can_deactivate_partner(user=by, partner=partner)
    )
    if not allowed:
        raise PermissionDenied(
            _("Only the level that covers every unit working with this partner can deactivate it.")
        )
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        partner.is_active = active
        partner.version += 1  # a form opened before must not save over it unseen
        partner._history_user = by
        partner.save(update_fields=["is_active", "version", "updated_at"])
    return partner


def partner_link_add(*, partner: Partner, unit: Unit, by, notes: str = "", since=None) -> PartnerLink:
    """Record that ``unit`` works with ``partner`` (its notes stay the unit's own)."""
    if not may_edit(by, unit):
        raise PermissionDenied(_("You cannot record partners for %(unit)s.") % {"unit": unit})
    link, created = PartnerLink.objects.get_or_create(
        partner=partner, unit=unit, defaults={"notes": notes, "since": since}
    )
    if not created and not link.is_active:
        link.is_active = True
        link.version += 1
        link._history_user = by
        link.save(update_fields=["is_active", "version", "updated_at"])
    return link


def require_link_edit(*, user, record: PartnerLink) -> None:
    if not may_edit(user, record.unit):
        raise PermissionDenied(_("You cannot edit this relationship."))


def partner_link_update(
    *, link: PartnerLink, by, expected_version: int, notes: str, since=None, is_active: bool = True
) -> PartnerLink:
    """Change a unit's notes on a partner; raises ``EditConflict`` when someone saved since."""
    return save_versioned(
        record=link,
        expected_version=expected_version,
        by=by,
        fields={"notes": notes, "since": since, "is_active": is_active},
        permission=require_link_edit,
    )


# -- reverting a change of the shared facts ---------------------------------------
#
# Any working unit may change a partner's shared facts (the directory must stay
# alive), so a wrong change must be easy to undo, and not by the unit's own
# peers: only an officer of a level above the unit the change was made for.


def can_revert_partner_change(*, user, unit: Unit | None) -> bool:
    """Officer or higher on a level above ``unit``.

    Changes made for the root unit, or by the system (no unit), only superusers revert.
    """
    parent = Unit.objects.get_parent(unit) if unit is not None else None
    if parent is None:
        return bool(user.is_active and user.is_superuser)
    return may_edit(user, parent)


def revertable_changes(*, user, changes) -> set[int]:
    """History ids, among ``changes`` (FactChange), that ``user`` may revert now."""
    allowed, verdicts = set(), {}
    for change in changes:
        if (
            change.kind == "created"
            or change.reverted_by is not None
            or not change.fields & set(PARTNER_FIELDS)
        ):
            continue
        key = change.unit.pk if change.unit is not None else None
        if key not in verdicts:  # one look at the tree per unit, not per change
            verdicts[key] = can_revert_partner_change(user=user, unit=change.unit)
        if verdicts[key]:
            allowed.add(change.history_id)
    return allowed


def partner_change_revert(*, partner: Partner, history_id: int, by) -> Partner:
    """Put back the shared facts one change altered; the revert is itself a change in the history.

    Refused when a field it touched was changed again since (undo the later change first).
    """
    entry = partner.history.filter(history_id=history_id, history_type="~").first()
    previous = entry.prev_record if entry is not None else None
    if entry is None or previous is None:
        raise ValidationError(_("This change cannot be reverted."))
    unit = Unit.objects.filter(pk=entry.changed_by_unit_id).first()  # None: made by the system
    if not can_revert_partner_change(user=by, unit=unit):
        raise PermissionDenied(
            _("Only an officer of a level above %(unit)s can revert this change.")
            % {"unit": unit or _("the whole system")}
        )
    reverting = entry.diff_against(previous, included_fields=PARTNER_FIELDS).changes
    if not reverting:
        raise ValidationError(_("This change did not alter the shared facts; there is nothing to revert."))
    if partner.history.filter(history_change_reason=f"{REVERT_REASON}{history_id}").exists():
        raise ValidationError(_("This change was already reverted."))
    try:
        with transaction.atomic():
            current = Partner.objects.select_for_update().get(pk=partner.pk)
            if any(getattr(current, c.field) != c.new for c in reverting):
                raise ValidationError(
                    _("The partner was changed again since; revert the later change first, then this one.")
                )
            for change in reverting:
                setattr(current, change.field, change.old)
            existing = partner_find_duplicate(
                name=current.name, country=current.country, exclude_pk=current.pk
            )
            if existing:
                raise duplicate_error(existing)
            current.version += 1
            current.changed_by_unit = partner_acting_unit(user=by, partner=current)
            current._history_user = by
            current._change_reason = f"{REVERT_REASON}{history_id}"
            current.full_clean(exclude=["name_folded", "search_text"], validate_unique=False)
            current.save()
            if any(change.field in COUNTED_BY for change in reverting):
                sync_dependents(current)  # the records counted by this partner's country or kind
    except IntegrityError as exc:  # a concurrent save took the old name meanwhile
        existing = partner_find_duplicate(name=current.name, country=current.country, exclude_pk=current.pk)
        if existing:
            raise duplicate_error(existing) from exc
        raise
    return current
