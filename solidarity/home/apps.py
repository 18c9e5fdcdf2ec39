from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top floor: the dashboard that reaches across every record app."""

    name = "solidarity.home"
    label = "home"
    verbose_name = _("Home")
