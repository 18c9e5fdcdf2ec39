from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SponsorshipConfig(AppConfig):
    name = "solidarity.sponsorship"
    label = "sponsorship"
    verbose_name = _("Sponsorship projects")

    def ready(self):
        # Declared here, so the figures layer never imports this app.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import DisbursementFigures

        count_in_figures(DisbursementFigures())

        # Its spreadsheets: the projects' list exported, money received as a child tab (no import).
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import DISBURSEMENTS, PROJECTS

        declare_sheets(DISBURSEMENTS, PROJECTS)
