from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "solidarity.privacy"
    verbose_name = _("Personal data protection")

    def ready(self):
        from solidarity.jobs.registry import register as register_runner

        from . import checks  # noqa: F401  (registers the deploy check)
        from .retention import JOB_KIND, run_retention

        register_runner(JOB_KIND, run_retention)
