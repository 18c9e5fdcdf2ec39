from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingSource(models.TextChoices):
    UNION_BUDGET = "union_budget", _("Union budget")
    PARTNER = "partner", _("Partner")
    SPONSOR = "sponsor", _("Sponsor")
    OTHER = "other", _("Other")
