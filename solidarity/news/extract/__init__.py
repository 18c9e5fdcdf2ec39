"""Read a Vietnamese union news article into proposed draft records (issue 14).

``extract_article(text, article_date=, gazetteer=)`` returns a list of
:class:`Proposal`; ``proposals_as_json`` gives the issue's JSON keys. The
review page (the ``news`` app) shows each value beside its sentence from
``value.evidence``. See :mod:`.extractor` for the rules and the kinds.
"""

from .extractor import (
    KIND_RECORDS,
    Organisation,
    Person,
    Plan,
    Proposal,
    Statistic,
    Value,
    extract_article,
    proposal_as_json,
    proposals_as_json,
)
from .gazetteer import Gazetteer, org_key
from .text import Evidence, normalise

__all__ = [
    "KIND_RECORDS",
    "Evidence",
    "Gazetteer",
    "Organisation",
    "Person",
    "Plan",
    "Proposal",
    "Statistic",
    "Value",
    "extract_article",
    "normalise",
    "org_key",
    "proposal_as_json",
    "proposals_as_json",
]
