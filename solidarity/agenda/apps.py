from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """The top floor: reads delegations, meetings and the deadlines, imports nothing above."""

    name = "solidarity.agenda"
    label = "agenda"
    verbose_name = _("Calendar")
