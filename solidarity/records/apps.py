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
