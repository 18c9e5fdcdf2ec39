"""``{% load privacy_tags %}{% privacy_panel person %}``: the personal data panel of any person's page."""

from __future__ import annotations

from django import template

from solidarity.privacy.choices import DocumentKind, Purpose
from solidarity.privacy.selectors import person_panel

register = template.Library()


@register.inclusion_tag("privacy/_panel.html", takes_context=True)
def privacy_panel(context, person):
    """Consents, requests and the actions on them; without the grant, only how many there are.

    A person of a model registered as no person kind gets no panel. A few queries whatever
    the number of consents and requests (see ``selectors.person_panel``).
    """
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    panel = person_panel(user, person) if user is not None else None
    return {
        "panel": panel,
        "today": context.get("today"),
        "request": request,
        "csrf_token": context.get("csrf_token"),  # the documents' upload and remove forms
        "document_kinds": DocumentKind.choices,
    }


@register.filter
def purpose_labels(values) -> list[str]:
    labels = dict(Purpose.choices)
    return [str(labels.get(value, value)) for value in values or ()]
