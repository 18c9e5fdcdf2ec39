from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    EXPORT = "export", _("Exported")
    ERASE = "erase", _("Personal data erased")


class Purpose(models.TextChoices):
    """What a person consents to their data being used for."""

    COOPERATION = "cooperation", _("Contact for cooperation activities")
    TRAVEL = "travel", _("Organising delegations: invitations, visas, travel, insurance")
    PROTECTION = "protection", _("Support and protection of the worker's rights")
    PARTNER_SHARING = "partner", _("Sharing with the partner union that helps")
    PUBLICITY = "publicity", _("Names and photographs in news and reports")


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Signed in writing")
    ELECTRONIC = "electronic", _("Electronically (e-mail, message, form)")
    RECORDED = "recorded", _("Orally, with a recording or witness")


class RequestKind(models.TextChoices):
    ACCESS = "access", _("See their data")
    CORRECT = "correct", _("Correct their data")
    DELETE = "delete", _("Delete their data")
    RESTRICT = "restrict", _("Restrict processing")


class RequestState(models.TextChoices):
    OPEN = "open", pgettext_lazy("data subject request", "Open")
    DONE = "done", _("Answered")
    REFUSED = "refused", _("Refused, with reasons")


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport scan")
    ID_CARD = "id_card", _("ID card scan")
    OTHER = "other", _("Other document")
