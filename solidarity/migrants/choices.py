from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sector(models.TextChoices):
    """Where the worker works abroad."""

    CONSTRUCTION = "construction", _("Construction")
    AGRICULTURE = "agriculture", _("Agriculture and forestry")
    MINING = "mining", _("Mining")
    GARMENT = "garment", _("Textiles and garments")
    SERVICES = "services", _("Services, restaurants")
    DOMESTIC = "domestic", _("Domestic work")
    PROCESSING = "processing", _("Processing and manufacturing")
    OTHER = "other", _("Other")


class Situation(models.TextChoices):
    """What brought the case to the union."""

    UNPAID_WAGES = "unpaid_wages", _("Unpaid wages")
    ACCIDENT = "accident", _("Work accident")
    ILLNESS = "illness", _("Illness")
    LOST_PAPERS = "lost_papers", _("Lost identity papers")
    IRREGULAR_STAY = "irregular_stay", _("Irregular residence")
    FRAUD_TRAFFICKING = "fraud_trafficking", _("Fraud or trafficking")
    CONTRACT_DISPUTE = "contract_dispute", _("Contract dispute")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case status", "Open")
    FOLLOWING_UP = "following_up", _("Following up")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
