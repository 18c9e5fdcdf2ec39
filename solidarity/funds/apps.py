from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "solidarity.funds"
    label = "funds"
    verbose_name = _("Social funds")

    def ready(self):
        # Declared here, so the figures layer never imports this app.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import FundFigures

        count_in_figures(FundFigures())

        # Its spreadsheets: the funds' and the entries' lists exported (no import: see sheets.py).
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import ENTRIES, FUNDS

        declare_sheets(FUNDS, ENTRIES)
