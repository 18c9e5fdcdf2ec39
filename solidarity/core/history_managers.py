"""One history manager class per model, built once instead of on every ``record.history``.

django-simple-history's descriptor calls ``Manager.from_queryset(...)`` (a new
class, its queryset methods copied over) each time ``instance.history`` is read,
and it reads it for every history row it writes: a sixth of a delegation's save
in a bulk import. The class it builds is always the same, so it is kept.
"""

from __future__ import annotations

from django.apps import apps
from simple_history.manager import HistoryDescriptor


class CachedHistoryDescriptor(HistoryDescriptor):
    def __get__(self, instance, owner):
        manager_class = self.__dict__.get("_manager_class")
        if manager_class is None:
            manager_class = self._manager_class = self.manager_class.from_queryset(self.queryset_class)
        return manager_class(self.model, instance)


def cache_history_managers() -> int:
    """Swap every model's history descriptor for the caching one; how many were swapped."""
    swapped = 0
    for model in apps.get_models():
        for name, descriptor in list(vars(model).items()):
            if type(descriptor) is HistoryDescriptor:
                cached = CachedHistoryDescriptor(
                    descriptor.model, manager=descriptor.manager_class, queryset=descriptor.queryset_class
                )
                setattr(model, name, cached)
                swapped += 1
    return swapped
