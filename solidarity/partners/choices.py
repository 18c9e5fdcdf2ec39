from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    NATIONAL_CENTRE = "national_centre", _("National trade union centre")
    REGIONAL_UNION = "regional_union", _("Provincial or regional union")
    SECTORAL_UNION = "sectoral_union", _("Sectoral union")
    INTERNATIONAL_FEDERATION = "international_federation", _("International or regional federation")
    UN_AGENCY = "un_agency", _("ILO or UN agency")
    NGO = "ngo", _("NGO")
    EMBASSY = "embassy", _("Embassy")
    OTHER = "other", _("Other")
