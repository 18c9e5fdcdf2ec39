from django.db import models
from django.utils.translation import gettext_lazy as _


class Employment(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time (kiêm nhiệm)")


class Language(models.TextChoices):
    """The languages foreign-affairs work with the union's partners calls for most; "other" for the rest."""

    LAO = "lo", _("Lao")
    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")
    KHMER = "km", _("Khmer")
    THAI = "th", _("Thai")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    JAPANESE = "ja", _("Japanese")
    KOREAN = "ko", _("Korean")
    GERMAN = "de", _("German")
    OTHER = "other", _("Other language")


class LanguageLevel(models.TextChoices):
    """CEFR levels, and a native speaker's."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("Native")


class TrainingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
