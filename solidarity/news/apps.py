from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "solidarity.news"
    label = "news"
    verbose_name = _("Foreign-affairs information")

    def ready(self):
        # Published items count in the reports (an indicator), declared here like the record apps'.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import NewsFigures

        count_in_figures(NewsFigures())

        # A meeting's, delegation's, support's or agreement's page lists its news items.
        from solidarity.records.sections import register as show_on_records

        from .sections import NewsSection

        show_on_records(NewsSection())
