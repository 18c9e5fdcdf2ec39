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
