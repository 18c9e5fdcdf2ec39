from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.core.choices import ApprovalState


class PlanState(models.TextChoices):
    """The approval states a plan goes through: those of ``records.workflow`` up to the decision.

    A plan is not "carried out" or "closed": its items are, by the records that carry them out.
    """

    DRAFT = ApprovalState.DRAFT.value, ApprovalState.DRAFT.label
    SUBMITTED = ApprovalState.SUBMITTED.value, ApprovalState.SUBMITTED.label
    RETURNED = ApprovalState.RETURNED.value, ApprovalState.RETURNED.label
    APPROVED = ApprovalState.APPROVED.value, ApprovalState.APPROVED.label
    REJECTED = ApprovalState.REJECTED.value, ApprovalState.REJECTED.label


class PlanItemKind(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing delegation")
    INCOMING = "incoming", _("Incoming delegation")
    HOST_MEETING = "host_meeting", _("Meeting to host")
    ATTEND_MEETING = "attend_meeting", _("Meeting to attend")
    AGREEMENT = "agreement", _("Agreement to sign or renew")
    TRAINING = "training", _("Training")
    SUPPORT = "support", _("Support to give")


class ItemOutcome(models.TextChoices):
    """What became of a plan item, for plan vs actual."""

    DONE = "done", _("Done")
    PENDING = "pending", _("Pending")
    NOT_DONE = "not_done", _("Not carried out by year end")
    DROPPED = "dropped", _("Dropped")
