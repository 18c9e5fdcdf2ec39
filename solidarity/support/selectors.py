"""Reads of support records, always through the one permission rule."""

from __future__ import annotations

from django.db.models import Q, Sum

from .choices import SupportDirection
from .models import Support


def support_list(*, user):
    return Support.objects.visible_to(user).select_related("owner_unit", "partner")


def support_totals(queryset) -> dict:
    """Given and received totals in VND of a (filtered) queryset, summed by the database in one query."""
    totals = queryset.order_by().aggregate(
        given=Sum("total_vnd", filter=Q(direction=SupportDirection.GIVEN), default=0),
        received=Sum("total_vnd", filter=Q(direction=SupportDirection.RECEIVED), default=0),
    )
    return totals
