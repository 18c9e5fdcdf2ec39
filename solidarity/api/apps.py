from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API: the same rule, FilterSets and services as the pages, for scripts and other systems."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "solidarity.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from . import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
