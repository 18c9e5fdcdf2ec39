from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "solidarity.plans"
    label = "plans"
    verbose_name = _("Annual plans")

    def ready(self):
        from solidarity.figures.sources import register as count_in_figures

        from .figures import PlanFigures, PlanItemFigures

        count_in_figures(PlanItemFigures())
        count_in_figures(PlanFigures())
