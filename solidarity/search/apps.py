from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search box over every kind: an index table kept in step with the records it names."""

    name = "solidarity.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # The kinds live below this app: it listens to their writes, they never import it.
        from .index import connect

        connect()
