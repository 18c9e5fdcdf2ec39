from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INCOME = "income", _("Income")
    SPENDING = "spending", _("Spending")


class IncomeSource(models.TextChoices):
    """Where a social fund's money comes from (the issue's list)."""

    MEMBERS = "members", _("Member contributions")
    ENTERPRISES = "enterprises", _("Enterprises")
    PARTNERS_ABROAD = "partners_abroad", _("Partners abroad")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    OTHER = "other", _("Other")


class FundUse(models.TextChoices):
    """What a spending went to, so that a period's spending can be summed by use."""

    HARDSHIP = "hardship", _("Members in hardship")
    DISASTER = "disaster", _("Natural disaster relief")
    HOUSING = "housing", _("Union shelters and housing")
    EDUCATION = "education", _("Scholarships and education")
    HEALTH = "health", _("Sickness and health care")
    SOLIDARITY = "solidarity", _("International solidarity")
    OTHER = "other", _("Other")
