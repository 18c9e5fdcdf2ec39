"""Writes to the partner directory. Each function validates and is atomic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import format_html
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, has_role_on
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
            partner = Partner(created_by=by, **{k: v for k, v in fields.items() if k in PARTNER_FIELDS})
            partner.full_clean(exclude=["name_folded", "search_text"], validate_unique=False)
            partner.save()
            PartnerLink.objects.create(partner=partner, unit=unit, notes=notes)
    except IntegrityError as exc:  # a concurrent create of the same name won the race
        existing = partner_find_duplicate(name=fields["name"], country=fields.get("country", ""))
        if existing:
            raise duplicate_error(existing) from exc
        raise
    return partner


def partner_update(*, partner: Partner, by, **fields) -> Partner:
    if not can_edit_partner(user=by, partner=partner):
        raise PermissionDenied(_("You cannot edit this partner."))
    existing = partner_find_duplicate(
        name=fields.get("name", partner.name),
        country=fields.get("country", partner.country),
        exclude_pk=partner.pk,
    )
    if existing:
        raise duplicate_error(existing)
    try:
        with transaction.atomic():
            for key, value in fields.items():
                if key in PARTNER_FIELDS:
                    setattr(partner, key, value)
            partner.save()
    except IntegrityError as exc:  # a concurrent save took the same name first
        existing = partner_find_duplicate(name=partner.name, country=partner.country, exclude_pk=partner.pk)
        if existing:
            raise duplicate_error(existing) from exc
        raise
    return partner


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
    partner.is_active = active
    partner.save(update_fields=["is_active", "updated_at", "name_folded", "search_text"])
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
        link.save(update_fields=["is_active", "updated_at"])
    return link


def partner_link_update(
    *, link: PartnerLink, by, notes: str, since=None, is_active: bool = True
) -> PartnerLink:
    if not has_role_on(by, link.unit, Role.OFFICER):
        raise PermissionDenied(_("You cannot edit this relationship."))
    link.notes, link.since, link.is_active = notes, since, is_active
    link.save()
    return link
