from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementType(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement or record")
    PROGRAMME = "programme", _("Cooperation programme")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class SigningStepKind(models.TextChoices):
    """The steps of Law 70/2020/QH14 and Decree 64/2021/NĐ-CP, in order."""

    OPINIONS_REQUESTED = "opinions_requested", _("Written opinions requested")
    OPINIONS_RECEIVED = "opinions_received", _("Opinions received (7 working days)")
    SIGNED = "signed", _("Signed by the competent head")
    COPY_SENT = "copy_sent", _("Copy sent to the Ministry of Foreign Affairs (15 days)")


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
