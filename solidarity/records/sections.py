"""Parts of a record's page that apps above the record apps add (a record's news items).

This module knows no such app. An app declares a :class:`RecordSection`
(which models it speaks about, its template, its context for one record) and
registers it from its ``AppConfig.ready()``; the record kit puts the sections
of a record into its page's context (``record_sections``) and the detail
templates include ``includes/record_sections.html`` once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class Section:
    template: str
    context: dict


class RecordSection:
    """One part of the page of the records whose model label is in ``about``."""

    about: tuple[str, ...] = ()
    template: str = ""

    def context(self, *, record: Model, user) -> dict | None:
        """What the template shows for ``record``; None leaves the section out."""
        raise NotImplementedError


_sections: list[RecordSection] = []


def register(section: RecordSection) -> None:
    if not any(type(known) is type(section) for known in _sections):
        _sections.append(section)


def sections_for(*, record: Model, user) -> list[Section]:
    found = []
    for section in _sections:
        if record._meta.label in section.about:
            context = section.context(record=record, user=user)
            if context is not None:
                found.append(Section(template=section.template, context=context))
    return found
