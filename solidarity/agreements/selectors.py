"""Reads of agreements and commitments, always through ``visible_to(user)``."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .choices import SigningStepKind
from .models import Agreement, Commitment, SigningStep


def late_step_q(on: datetime.date, prefix: str = "") -> Q:
    """Steps done after their due date, or still open past it (as ``SigningStep.is_late``)."""
    due, done = f"{prefix}due_on", f"{prefix}done_on"
    return Q(**{f"{due}__isnull": False}) & (
        Q(**{f"{done}__isnull": True, f"{due}__lt": on}) | Q(**{f"{done}__gt": F(due)})
    )


def agreement_list(*, user) -> QuerySet[Agreement]:
    """Visible agreements with what a list row shows, in a fixed number of queries."""
    today = timezone.localdate()
    late_steps = SigningStep.objects.filter(late_step_q(today), agreement=OuterRef("pk"))
    overdue = (
        Commitment.objects.active()
        .overdue(today)
        .filter(agreement=OuterRef("pk"))
        .order_by()
        .values("agreement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Agreement.objects.visible_to(user)
        .select_related("owner_unit")
        .prefetch_related("partners")
        .annotate(has_late_step=Exists(late_steps), overdue_count=Coalesce(Subquery(overdue), 0))
    )


def commitment_list(*, user) -> QuerySet[Commitment]:
    return Commitment.objects.visible_to(user).select_related(
        "owner_unit", "responsible_unit", "agreement", "phase"
    )


def signing_steps_of(agreement: Agreement) -> list[SigningStep]:
    order = [kind.value for kind in SigningStepKind]
    return sorted(agreement.signing_steps.all(), key=lambda step: order.index(step.kind))
