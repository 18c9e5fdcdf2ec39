from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ArticleState(models.TextChoices):
    REVIEW = "review", _("Under review")
    CONFIRMED = "confirmed", _("Records created")
