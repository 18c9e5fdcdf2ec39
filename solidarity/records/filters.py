"""The FilterSet every unit-owned record's list starts from.

It lives with the records kit, not in ``core.filters``: its unit choices come
from the one permission rule (``accounts.permissions``), which ``core`` may not
import.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from solidarity.accounts.permissions import Role, subtree_q, unit_scope_q
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

CURRENT_OR_ARCHIVED = [("0", _("Current")), ("1", _("Archived"))]


def archived_filter(*, choices=CURRENT_OR_ARCHIVED, empty_label=None) -> django_filters.ChoiceFilter:
    """The archive toggle: "0" current, "1" archived, "all" (where offered) both; an empty value, both."""
    return django_filters.ChoiceFilter(
        label=_("Archive"), choices=choices, method="filter_archived", empty_label=empty_label
    )


class RecordFilterSet(django_filters.FilterSet):
    """A record list's filter: the owner unit and the units under it, and the archive toggle.

    ``archived_default`` is the toggle's value when the request does not give
    one ("0": current records only); ``None`` leaves it to the view or to the
    subclass. The unit choices are the units the user sees: another unit is
    "not one of the choices".
    """

    archived_default: str | None = "0"

    unit = django_filters.ModelChoiceFilter(
        label=_("Unit and units below"),
        queryset=Unit.objects.none(),
        method="filter_unit",
        widget=RemoteSelect("unit_options"),
    )
    archived = archived_filter()

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None and self.archived_default is not None:
            data = data.copy()
            data.setdefault("archived", self.archived_default)
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.filters["unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))

    def filter_unit(self, queryset, name, unit):
        if unit is None:
            return queryset
        return queryset.filter(subtree_q(unit, "owner_unit"))

    def filter_archived(self, queryset, name, value):
        if value == "1":
            return queryset.archived()
        if value == "all":
            return queryset
        return queryset.active()


def outside_plan_filter(**kwargs) -> django_filters.BooleanFilter:
    """A record carrying out no item of the annual plan: "1" those, "0" those carrying one out."""
    options = {"field_name": "plan_item", "lookup_expr": "isnull"} | kwargs
    return django_filters.BooleanFilter(label=_("Outside the annual plan"), widget=BooleanWidget(), **options)
