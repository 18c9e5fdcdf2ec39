from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.core.choices import ApprovalState


class PeriodKind(models.TextChoices):
    """The union's reporting periods (reports.periods: the cut-off days are settings)."""

    HALF_YEAR = "half_year_report", _("6-month report")
    ANNUAL = "annual_report", _("Annual report")


class ReportState(models.TextChoices):
    """The approval workflow's states a period report takes; "approved" reads "accepted" here."""

    DRAFT = ApprovalState.DRAFT.value, _("Draft")
    SUBMITTED = ApprovalState.SUBMITTED.value, _("Submitted")
    RETURNED = ApprovalState.RETURNED.value, _("Returned for changes")
    ACCEPTED = ApprovalState.APPROVED.value, _("Accepted")


class ReportingStatus(models.TextChoices):
    """Where a unit stands for a period, as the level above sees it."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    ON_TIME = "on_time", _("Submitted on time")
    LATE = "late", _("Submitted late")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")
    MISSING = "missing", _("Missing")
