from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Vietnamese demo: data files under ``data/``, loaded through every app's services.

    The top of the house: it imports every app and nothing imports it.
    """

    name = "solidarity.demo"
    label = "demo"
    verbose_name = _("Demo data")
