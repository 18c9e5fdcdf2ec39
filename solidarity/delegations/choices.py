from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing (đoàn ra)")
    INCOMING = "incoming", _("Incoming (đoàn vào)")


class MemberRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")
    INTERPRETER = "interpreter", _("Interpreter")
    OTHER = "other", _("Other")


class CostKind(models.TextChoices):
    ESTIMATED = "estimated", _("Estimated")
    ACTUAL = "actual", _("Actual")
