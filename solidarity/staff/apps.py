from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "solidarity.staff"
    label = "staff"
    verbose_name = _("Foreign-affairs staff")

    def ready(self):
        # What officers and trainings add to the figures, declared here so the figures never import this app.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import OfficerInFigures, OfficerOutFigures, TrainedFigures

        count_in_figures(OfficerInFigures())
        count_in_figures(OfficerOutFigures())
        count_in_figures(TrainedFigures())

        # Their spreadsheets: both lists exported (no import yet: see sheets.py).
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import OFFICERS, TRAININGS

        declare_sheets(OFFICERS, TRAININGS)
