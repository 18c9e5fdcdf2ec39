from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; each user chooses per kind how it reaches them by mail."""

    SUBMITTED = "submitted", _("Submitted for your decision")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PLAN_SUBMITTED = "plan_submitted", _("Plan waiting for approval")
    TRIP_REPORT = "trip_report", _("Post-trip report due")
    COMMITMENT = "commitment", _("Commitment due")
    RENEWAL = "renewal", _("Agreement renewal")
    HOSTING_APPROVAL = "hosting_approval", _("Approval to host an international meeting")
    PERIOD_REPORT = "period_report", _("Period reports missing from units below")
    JOB_FINISHED = "job_finished", _("Import or export finished")


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("Mail at once")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("No mail")


# What a user who chose nothing gets by mail: decisions and deadlines at once, what
# concerns the units below once a day, and nothing for a job they are usually watching.
DEFAULT_MODES = {
    Kind.SUBMITTED: Mode.IMMEDIATE,
    Kind.RETURNED: Mode.IMMEDIATE,
    Kind.APPROVED: Mode.IMMEDIATE,
    Kind.REJECTED: Mode.IMMEDIATE,
    Kind.PLAN_SUBMITTED: Mode.IMMEDIATE,
    Kind.TRIP_REPORT: Mode.IMMEDIATE,
    Kind.COMMITMENT: Mode.DIGEST,
    Kind.RENEWAL: Mode.IMMEDIATE,
    Kind.HOSTING_APPROVAL: Mode.IMMEDIATE,
    Kind.PERIOD_REPORT: Mode.DIGEST,
    Kind.JOB_FINISHED: Mode.OFF,
}
