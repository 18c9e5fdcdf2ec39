"""The kinds of people whose personal data the app holds, declared by the apps that hold them.

Contacts, delegation members and migrant workers' cases each declare a
:class:`PersonKind` in their ``apps.py`` ``ready()``. The privacy duties
(consent, access log, requests, erasure, retention) then work the same way on
every kind, from these declarations: which fields are personal, which of them
are sensitive (encrypted), where the owning unit is, which rows are due for
erasure under the retention setting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class PersonKind:
    key: str  # "app_label.model", e.g. "migrants.migrantcase": also the retention setting's key
    label: str  # lazy, plural: "Migrant workers' cases"
    unit_field: str  # lookup of the unit that owns a row: "owner_unit", "delegation__owner_unit"
    personal_fields: tuple[str, ...]  # hidden without the grant; erased on request and by retention
    sensitive_fields: tuple[str, ...] = ()  # the encrypted ones (also in personal_fields)
    # What an erased field holds instead ("" or None by default): a name may need a placeholder.
    erased_values: dict = field(default_factory=dict)
    # Rows whose retention period ran out: (queryset of the model, cutoff date) → queryset.
    retention_due: Callable[[models.QuerySet, date], models.QuerySet] | None = None
    # Extra erasure a kind needs (child rows' notes, files), called with the row inside the erasure.
    erase_extra: Callable[[models.Model], None] | None = None
    # Files attached to the person's own row (a passport scan) are personal data: erasure deletes them.
    erase_files: bool = False

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.key)

    def unit_of(self, obj: models.Model):
        target = obj
        for step in self.unit_field.split("__"):
            target = getattr(target, step)
        return target

    def erased_value(self, name: str):
        if name in self.erased_values:
            return self.erased_values[name]
        model_field = self.model._meta.get_field(name)
        return None if model_field.null else ""


_kinds: dict[str, PersonKind] = {}


def register(kind: PersonKind) -> PersonKind:
    _kinds[kind.key] = kind
    return kind


def kinds() -> list[PersonKind]:
    return list(_kinds.values())


def kind_for(model_or_obj) -> PersonKind | None:
    """The declaration for a model or one of its rows (None if its rows hold no person)."""
    meta = model_or_obj._meta
    return _kinds.get(f"{meta.app_label}.{meta.model_name}")


def kind_by_key(key: str) -> PersonKind | None:
    return _kinds.get(key)
