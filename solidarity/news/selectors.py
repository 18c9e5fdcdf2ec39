"""Reads of news items and articles, scoped by the one permission rule."""

from __future__ import annotations

from .models import Article, NewsItem


def newsitem_list(*, user):
    return NewsItem.objects.visible_to(user).select_related("owner_unit")


def article_list(*, user):
    return Article.objects.visible_to(user).select_related("owner_unit")
