from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "solidarity.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        # Declared here, so the records layer's timeline never imports this app.
        from solidarity.records.timeline import register

        from .timeline import MeetingTimeline

        register(MeetingTimeline())

        # What its records add to the figures, declared here for the same reason.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import MeetingFigures

        count_in_figures(MeetingFigures())

        # Its spreadsheets (export of the list, import), declared once for both.
        from solidarity.records.sheets import register as declare_sheets

        from .sheets import MEETINGS

        declare_sheets(MEETINGS)
