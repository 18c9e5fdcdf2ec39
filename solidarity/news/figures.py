"""What news items add to the figures (see solidarity/figures/sources.py for the shared rule).

A published item counts once, on the day it was published, for its unit and
every unit above it; a draft or an archived item never counts.
"""

from __future__ import annotations

from django.db.models import Q, Value

from solidarity.figures.sources import FigureSource, Measure

from .choices import NewsState
from .models import NewsItem


def counted_q() -> Q:
    """The items the figures count (the list's ``state=published``)."""
    return Q(state=NewsState.PUBLISHED)


class NewsFigures(FigureSource):
    name = "news"
    model = NewsItem
    date = "published_on"
    measures = (Measure("news_published", Value(1)),)

    def counted(self) -> Q:
        return counted_q()
