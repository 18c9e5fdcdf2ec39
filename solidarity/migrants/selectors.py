"""Reads of migrant workers' cases, always through the one permission rule."""

from __future__ import annotations

from django.db.models import BooleanField, Case, Value, When

from solidarity.accounts.permissions import holds_personal_grant, personal_scope_q, units_for_officer

from .models import SENSITIVE_FIELDS, MigrantCase


def migrantcase_list(*, user):
    """The cases ``user`` sees; each marked ``personal_ok`` when their grant covers its unit.

    The sensitive fields are never read for a list (the export asks for them itself).
    """
    rows = MigrantCase.objects.visible_to(user).select_related("owner_unit", "partner")
    rows = rows.defer(*SENSITIVE_FIELDS, "situation_details", "search_text")
    return with_personal_mark(rows, user=user) if holds_personal_grant(user) else rows


def with_personal_mark(queryset, *, user):
    """Each row marked ``personal_ok``: whether ``user``'s grant covers its unit (an export's cells)."""
    return queryset.annotate(
        personal_ok=Case(
            When(personal_scope_q(user, field="owner_unit"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def may_write_personal_somewhere(user) -> bool:
    """Does the user hold the grant on any unit they record cases for (the create form's question)?"""
    return units_for_officer(user).filter(personal_scope_q(user, field="")).exists()
