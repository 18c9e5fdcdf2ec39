from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "solidarity.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # Its spreadsheet (export of the list, import), declared once for both.
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import PARTNERS

        declare_sheets(PARTNERS)
