from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """The figures the hierarchy asks for, kept per unit and month as the records are written."""

    name = "solidarity.figures"
    label = "figures"
    verbose_name = _("Figures")

    def ready(self):
        # The units layer sits below this one: it announces subtree moves, the figures follow.
        from solidarity.units.services import on_subtree_move

        from .services import move_subtree

        on_subtree_move(move_subtree)
