from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FundingSource(models.TextChoices):
    UNION_BUDGET = "union_budget", _("Union budget")
    PARTNER = "partner", _("Partner")
    SPONSOR = "sponsor", _("Sponsor")
    OTHER = "other", _("Other")


# The approval workflow's states and actions; the rules that move between
# them live in solidarity/records/workflow.py.
class ApprovalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    CARRIED_OUT = "carried_out", _("Carried out")
    REPORTED = "reported", _("Report filed")
    CLOSED = "closed", _("Closed")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit for approval")
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for changes")
    REJECT = "reject", _("Reject")
    CARRY_OUT = "carry_out", _("Mark as carried out")
    FILE_REPORT = "file_report", _("File the report")
    CLOSE = "close", pgettext_lazy("workflow action", "Close")
    WITHDRAW = "withdraw", _("Withdraw")
