"""Writes to contacts. A contact belongs to the unit that recorded it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit
from solidarity.privacy.persons import changed_names, guard_personal, log_change, log_created
from solidarity.records.base import save_versioned

from .models import PERSONAL_FIELDS, Contact

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
    "union_membership",
    "id_document_number",
)


def _check(contact: Contact) -> None:
    orgs = [bool(contact.partner_id), bool(contact.unit_id), bool(contact.organisation.strip())]
    if sum(orgs) > 1:
        raise ValidationError(_("Choose only one organisation: a partner, one of our units, or another one."))


def contact_create(*, by, owner_unit, **fields) -> Contact:
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot record contacts for %(unit)s.") % {"unit": owner_unit})
    fields = {k: v for k, v in fields.items() if k in CONTACT_FIELDS}
    fields = guard_personal(by=by, unit=owner_unit, fields=fields, names=PERSONAL_FIELDS, model=Contact)
    contact = Contact(owner_unit=owner_unit, created_by=by, **fields)
    _check(contact)
    with transaction.atomic():
        contact.save()
        log_created(by=by, person=contact)
    return contact


def require_contact_edit(*, user, record: Contact) -> None:
    if not may_edit(user, record.owner_unit):
        raise PermissionDenied(_("You cannot edit this contact."))


@transaction.atomic
def contact_update(*, contact: Contact, by, expected_version: int, **fields) -> Contact:
    """Save an edit; raises ``EditConflict`` when someone saved since ``expected_version``.

    A writer without the personal-data grant keeps the stored personal values (``guard_personal``).
    The access log names the changed fields, never their values.
    """
    require_contact_edit(user=by, record=contact)
    fields = {k: v for k, v in fields.items() if k in CONTACT_FIELDS}
    fields = guard_personal(
        by=by, unit=contact.owner_unit, fields=fields, names=PERSONAL_FIELDS, model=Contact, stored=contact
    )
    _check(Contact(**{k: getattr(contact, k) for k in CONTACT_FIELDS} | fields))
    changed = changed_names(contact, fields)
    saved = save_versioned(
        record=contact,
        expected_version=expected_version,
        by=by,
        fields=fields,
        permission=require_contact_edit,
    )
    log_change(by=by, person=saved, names=changed)
    return saved


def contact_set_active(*, contact: Contact, by, active: bool) -> Contact:
    require_contact_edit(user=by, record=contact)
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        contact.is_active = active
        contact.version += 1  # a form opened before must not save over it unseen
        contact._history_user = by
        contact.save(update_fields=["is_active", "version", "updated_at"])
        log_change(by=by, person=contact, names=["is_active"])
    return contact
