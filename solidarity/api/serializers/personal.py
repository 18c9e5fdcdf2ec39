"""Personal data in the API (Decree 356/2025/NĐ-CP): as on the pages, by the one permission rule.

A row's personal fields read ``null`` unless the token's user holds the personal-data grant on the
row's unit; the sensitive ones (encrypted at rest) read ``null`` also unless the request asks for
them with ``?personal=1``. The serializer notes whose data it showed (``context["personal_shown"]``)
and the view logs them (``log_personal_shown``). Writes go through the services, which refuse these
fields from anyone without the grant.
"""

from __future__ import annotations

from collections import defaultdict

from rest_framework import serializers

from solidarity.accounts.permissions import may_see_personal
from solidarity.privacy.persons import SENSITIVE_SHOWN, log_views
from solidarity.privacy.registry import kind_for

PERSONAL_HELP = "Personal data: null unless you hold the personal-data permission on the record's unit."
SENSITIVE_HELP = (
    "Sensitive personal data: null unless you hold the personal-data permission on the record's unit "
    "and ask with ?personal=1."
)


def personal_field(*, sensitive: bool = False, date: bool = False):
    field = serializers.DateField if date else serializers.CharField
    return field(read_only=True, allow_null=True, help_text=SENSITIVE_HELP if sensitive else PERSONAL_HELP)


class PersonalFieldsMixin:
    """A read serializer whose ``Meta.personal`` and ``Meta.sensitive`` fields follow the grant."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        kind = kind_for(instance)
        unit = kind.unit_of(instance)
        allowed = user is not None and may_see_personal(user, unit)
        asked = allowed and request.query_params.get("personal") == "1"
        shown = False
        for name in self.Meta.personal:
            if name not in data:
                continue
            if not allowed or (name in self.Meta.sensitive and not asked):
                data[name] = None
            elif data[name] not in (None, ""):
                shown = True
        if shown:
            self.context.setdefault("personal_shown", []).append((instance, unit, asked))
        return data


def log_personal_shown(*, user, context: dict) -> None:
    """One access-log row per person whose data an answer showed (grouped by unit: one query each)."""
    shown = context.pop("personal_shown", [])
    groups = defaultdict(list)
    for person, unit, asked in shown:
        groups[(unit.pk, asked, type(person))].append((person, unit))
    for (_unit_pk, asked, model), people in groups.items():
        log_views(
            user=user,
            kind=kind_for(model),
            people=[person for person, _unit in people],
            unit=people[0][1],
            detail=SENSITIVE_SHOWN if asked else "",
        )
