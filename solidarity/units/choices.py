from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.IntegerChoices):
    CENTRAL = 1, _("Central")
    PROVINCE_SECTOR = 2, _("Province / sector")
    INTERMEDIATE = 3, _("Intermediate")
    GRASSROOTS = 4, _("Grassroots")


class UnitKind(models.TextChoices):
    CONFEDERATION = "confederation", _("General confederation")
    PROVINCIAL_FEDERATION = "provincial_federation", _("Provincial labour federation")
    SECTORAL_UNION = "sectoral_union", _("Central sectoral union")
    CORPORATION_UNION = "corporation_union", _("Corporation union")
    DISTRICT_FEDERATION = "district_federation", _("District labour federation")
    COMMUNE_UNION = "commune_union", _("Commune or ward union")
    INDUSTRIAL_ZONE_UNION = "industrial_zone_union", _("Industrial zone union")
    PROVINCIAL_SECTOR_UNION = "provincial_sector_union", _("Provincial sector union")
    GRASSROOTS_UNION = "grassroots_union", _("Grassroots union")
    OTHER = "other", _("Other")


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Merged")
    SPLIT = "split", _("Split")
    DISSOLVE = "dissolve", _("Dissolved")
