"""Read a Vietnamese union news article into proposed draft records (issue 14).

``extract_article(text, article_date=, gazetteer=)`` returns a list of
:class:`Proposal`; ``proposals_as_json`` gives the issue's JSON keys. The
review page (the ``news`` app) shows each value beside its sentence from
``value.evidence``. See :mod:`.extractor` for the rules, the kinds and the
records they become (``KIND_RECORDS``), and why no NLP library is used.

Use from the review page::

    from solidarity.news.extract import Gazetteer, extract_article, normalise
    from solidarity.news.extract.reader import UnreadableArticle, article_text

    text = normalise(article_text(upload.read(), upload.name))  # or the pasted text
    proposals = extract_article(text, article_date=day, gazetteer=Gazetteer.from_db())
    for proposal in proposals:
        proposal.kind.value, proposal.kind.evidence  # Evidence(start, end, sentence, sentence_start, ...)
        for organisation in proposal.organisations:
            organisation.unit_id, organisation.partner_id  # both None: unknown, offer it as a new partner

Spans index ``normalise(text)``: keep and show that text. ``UnreadableArticle``
carries a Vietnamese message for the form.
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
