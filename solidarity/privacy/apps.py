from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "solidarity.privacy"
    verbose_name = _("Personal data protection")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
