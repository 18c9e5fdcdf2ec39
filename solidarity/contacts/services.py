"""Writes to contacts. A contact belongs to the unit that recorded it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, has_role_on

from .models import Contact

CONTACT_FIELDS = (
    "full_name",
    "title",
    "partner",
    "unit",
    "organisation",
    "languages",
    "email",
    "phone",
    "notes",
)


def _check(contact: Contact) -> None:
    orgs = [bool(contact.partner_id), bool(contact.unit_id), bool(contact.organisation.strip())]
    if sum(orgs) > 1:
        raise ValidationError(_("Choose only one organisation: a partner, one of our units, or another one."))


def contact_create(*, by, owner_unit, **fields) -> Contact:
    if not has_role_on(by, owner_unit, Role.OFFICER):
        raise PermissionDenied(_("You cannot record contacts for %(unit)s.") % {"unit": owner_unit})
    contact = Contact(
        owner_unit=owner_unit, created_by=by, **{k: v for k, v in fields.items() if k in CONTACT_FIELDS}
    )
    _check(contact)
    with transaction.atomic():
        contact.save()
    return contact


def contact_update(*, contact: Contact, by, **fields) -> Contact:
    if not Contact.objects.editable_by(by).filter(pk=contact.pk).exists():
        raise PermissionDenied(_("You cannot edit this contact."))
    for key, value in fields.items():
        if key in CONTACT_FIELDS:
            setattr(contact, key, value)
    _check(contact)
    with transaction.atomic():
        contact.save()
    return contact


def contact_set_active(*, contact: Contact, by, active: bool) -> Contact:
    if not Contact.objects.editable_by(by).filter(pk=contact.pk).exists():
        raise PermissionDenied(_("You cannot edit this contact."))
    contact.is_active = active
    contact.save()
    return contact
