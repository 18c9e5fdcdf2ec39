from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.IntegerChoices):
    """A user's role in a unit. Higher roles include the lower ones."""

    VIEWER = 10, _("Viewer")
    OFFICER = 20, _("Officer")
    LEADER = 30, _("Leader")
    ADMIN = 40, _("Administrator")
