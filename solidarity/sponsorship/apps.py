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
