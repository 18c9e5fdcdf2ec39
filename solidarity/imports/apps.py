from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "solidarity.imports"
    label = "imports"
    verbose_name = _("Imports")

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from solidarity.jobs.registry import register

        from .history import stamp_history
        from .services import import_check_job, import_run_job

        register("import", import_run_job)
        register("import_check", import_check_job)
        # Every history row written during an import says so (records and their lines alike).
        pre_create_historical_record.connect(stamp_history, dispatch_uid="imports.stamp_history")
