from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from solidarity.core.choices import ApprovalState


class PeriodKind(models.TextChoices):
    """The union's reporting periods (reports.periods: the cut-off days are settings)."""

    HALF_YEAR = "half_year_report", _("6-month report")
    ANNUAL = "annual_report", _("Annual report")


class ReportState(models.TextChoices):
    """The approval workflow's states a period report takes; "approved" reads "accepted" here."""

    DRAFT = ApprovalState.DRAFT.value, pgettext_lazy("period report", "Draft")
    SUBMITTED = ApprovalState.SUBMITTED.value, pgettext_lazy("period report", "Submitted")
    RETURNED = ApprovalState.RETURNED.value, pgettext_lazy("period report", "Returned for changes")
    ACCEPTED = ApprovalState.APPROVED.value, pgettext_lazy("period report", "Accepted")


class ReportingStatus(models.TextChoices):
    """Where a unit stands for a period, as the level above sees it."""

    NOT_STARTED = "not_started", pgettext_lazy("period report", "Not started")
    DRAFT = "draft", pgettext_lazy("period report", "Draft")
    ON_TIME = "on_time", pgettext_lazy("period report", "Submitted on time")
    LATE = "late", pgettext_lazy("period report", "Submitted late")
    RETURNED = "returned", pgettext_lazy("period report", "Returned for changes")
    ACCEPTED = "accepted", pgettext_lazy("period report", "Accepted")
    MISSING = "missing", pgettext_lazy("period report", "Missing")
