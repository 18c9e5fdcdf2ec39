from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportDirection(models.TextChoices):
    GIVEN = "given", _("Given")
    RECEIVED = "received", _("Received")


class SupportForm(models.TextChoices):
    CASH = "cash", _("Cash")
    EQUIPMENT = "equipment", _("Equipment")
    GIFTS = "gifts", _("Gifts")
    OTHER = "other", _("Other")
