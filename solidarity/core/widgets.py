"""A select that loads its options from the server as the user types.

With 150,000 units and 100,000 partners a plain <select> would ship megabytes
of <option>s; this one renders only the chosen value and asks an options
endpoint (scoped by the permission rule) for matches.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse

from .forms import parse_id


class RemoteSelect(forms.Select):
    template_name = "core/widgets/remote_select.html"

    def __init__(self, url_name: str, *, query: str = "", attrs=None):
        super().__init__(attrs)
        self.url_name = url_name
        self.query = query

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        query = "&".join(part for part in (self.query, f"field={name}") if part)
        context["widget"]["url"] = f"{reverse(self.url_name)}?{query}"
        return context

    def optgroups(self, name, value, attrs=None):
        # Only well-formed ids reach the query: a crafted "99999…" or "²" shows as nothing chosen.
        chosen = [pk for pk in map(parse_id, value) if pk is not None]
        queryset = getattr(self.choices, "queryset", None)
        options = [self.create_option(name, "", "---------", not chosen, 0)]
        if queryset is not None and chosen:
            for index, obj in enumerate(queryset.filter(pk__in=chosen), start=1):
                options.append(
                    self.create_option(
                        name, str(obj.pk), self.choices.field.label_from_instance(obj), True, index
                    )
                )
        return [(None, options, 0)]


class CheckboxList(forms.CheckboxSelectMultiple):
    """A scrollable list of checkboxes, for short choice lists (e.g. a unit's own partners)."""

    template_name = "core/widgets/checkbox_list.html"
