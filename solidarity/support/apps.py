from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "solidarity.support"
    label = "support"
    verbose_name = _("Support")

    def ready(self):
        # Declared here, so the records layer's timeline never imports this app.
        from solidarity.records.timeline import register

        from .timeline import SupportTimeline

        register(SupportTimeline())

        # What its records add to the figures, declared here for the same reason.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import SupportFigures

        count_in_figures(SupportFigures())

        # Its spreadsheets (export of the list, import), declared once for both.
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import ITEMS, SUPPORT

        declare_sheets(ITEMS, SUPPORT)
