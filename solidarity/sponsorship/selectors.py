"""Reads of sponsorship projects, always through the one permission rule."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone

from solidarity.core.ledger import signed

from .models import Disbursement, DonorReport, Project


def overdue_reports(today=None):
    """Reports to the donor not submitted by their deadline."""
    return DonorReport.objects.filter(submitted_on__isnull=True, due_on__lt=today or timezone.localdate())


def project_list(*, user):
    return (
        Project.objects.visible_to(user)
        .select_related("owner_unit", "donor")
        .annotate(has_overdue_report=Exists(overdue_reports().filter(project=OuterRef("pk"))))
    )


def received_in(projects, *, start=None, end=None) -> int:
    """Đồng received by ``projects`` (filtered, scoped) between ``start`` and ``end``: one query."""
    disbursements = Disbursement.objects.filter(project__in=projects.order_by().values("pk"))
    if start:
        disbursements = disbursements.filter(received_on__gte=start)
    if end:
        disbursements = disbursements.filter(received_on__lte=end)
    return disbursements.aggregate(total=Sum(signed("amount_vnd"), default=0))["total"]
