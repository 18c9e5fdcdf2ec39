from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports: the figures of a unit and everything under it, for any period, read from the aggregates."""

    name = "solidarity.reports"
    label = "reports"
    verbose_name = _("Reports")
