from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "solidarity.contacts"
    label = "contacts"
    verbose_name = _("Contacts")

    def ready(self):
        # Its spreadsheet (export of the list, import), declared once for both.
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import CONTACTS

        declare_sheets(CONTACTS)

        # Its people's personal data, for the privacy duties (consent, log, erasure, retention).
        from solidarity.privacy.registry import PersonKind
        from solidarity.privacy.registry import register as declare_people

        from .models import PERSONAL_FIELDS, SENSITIVE_FIELDS

        declare_people(
            PersonKind(
                key="contacts.contact",
                label=_("Contacts"),
                unit_field="owner_unit",
                # The name is personal data and is erased on request or by retention, but stays on
                # view without the grant: a partner's contact's name is their work identity, shown
                # on partner pages and in minutes; the erased row keeps a placeholder.
                personal_fields=("full_name", *PERSONAL_FIELDS),
                sensitive_fields=SENSITIVE_FIELDS,
                erased_values={"full_name": ERASED_NAME},
                retention_due=_contacts_due,
            )
        )


ERASED_NAME = "(đã xóa)"  # stored, not shown through gettext: the erased row's name in every language


def _contacts_due(contacts, cutoff):
    """Contacts no longer active and untouched since before ``cutoff``."""
    return contacts.filter(is_active=False, updated_at__date__lt=cutoff)
