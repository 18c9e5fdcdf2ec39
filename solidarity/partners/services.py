"""Writes to the partner directory. Each function validates and is atomic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import format_html
from django.utils.translation import gettext as _

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import Role, has_role_on
from solidarity.core.records import save_versioned
from solidarity.core.text import fold
from solidarity.units.models import Unit

from .models import Partner, PartnerLink

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
    if not has_role_on(by, unit, Role.OFFICER):
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
        return save_versioned(
            record=partner,
            expected_version=expected_version,
            by=by,
            fields=fields,
            permission=require_partner_edit,
        )
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
    if not has_role_on(by, unit, Role.OFFICER):
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
    if not has_role_on(user, record.unit, Role.OFFICER):
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
