from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "solidarity.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import (
            lookups,  # noqa: F401 - registers the overflow-safe ``in`` lookup
            search,  # registers the indexed_(i)contains lookups
        )

        post_migrate.connect(search.repair_after_migrate, sender=self)
        from .history_managers import cache_history_managers

        cache_history_managers()
