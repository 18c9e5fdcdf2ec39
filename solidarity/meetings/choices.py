from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Conference")
    FORUM = "forum", _("Forum")
    WORKING_SESSION = "working_session", _("Working session")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")
