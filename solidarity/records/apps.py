from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """What every unit-owned record shares: base model, workflow, files, timeline, views."""

    name = "solidarity.records"
    label = "records"
    verbose_name = _("Records")

    def ready(self):
        # The approval turnaround: decisions on every approvable record, declared here.
        from solidarity.figures.sources import register as count_in_figures

        from .figures import ApprovalFigures

        count_in_figures(ApprovalFigures())

        # The units' and users' sheets: their apps sit below the kit, so it declares them.
        from .rule_sheets import UNITS, USERS
        from .sheets import register as declare_sheets

        declare_sheets(UNITS, USERS)

        # ?format=xlsx|csv on every list, the units' and users' pages included (they sit below);
        # large ones run as a job.
        from solidarity.core.exports import install
        from solidarity.jobs.registry import register as register_runner

        from .exports import JOB_KIND, export_list, run_export

        install(export_list)
        register_runner(JOB_KIND, run_export)
