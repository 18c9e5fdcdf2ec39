"""The shared form widgets, and the fast <option>s of every select.

``RemoteSelect`` loads its options from the server as the user types: with
150,000 units and 100,000 partners a plain <select> would ship megabytes of
<option>s; it renders only the chosen value and asks an options endpoint
(scoped by the permission rule) for matches.

``select_options`` writes a select's <option>s in Python. Django renders each
option with two template includes (the option, then its attributes): about
8 ms for the 250 countries of a list's filter, most of a small list page's
time. ``templates/django/forms/widgets/select.html`` overrides Django's select
template with it for every Select and SelectMultiple of the project (the form
renderer is ``TemplatesSetting``), and ``attrs.html`` (every widget's
attributes, a template loop) with ``widget_attrs``; the HTML is the same to
the byte (tests compare it with Django's own templates).
"""

from __future__ import annotations

import html

from django import forms
from django.template import Context
from django.template.base import render_value_in_context
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from .forms import parse_id

OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
# What {{ value }} does in a template: localize (a year 2024 shows as 2.024), then escape.
_AUTOESCAPE = Context(autoescape=True)


def _text(value) -> str:
    """``{{ value }}`` in a template."""
    if type(value) is str:  # most labels: nothing to localise, not marked safe
        return html.escape(value)  # what django.utils.html.escape does, without its lazy-string checks
    return render_value_in_context(value, _AUTOESCAPE)


def _as_string(value) -> str:
    """``{{ value|stringformat:'s' }}`` in a template (no localisation; a safe value stays unescaped)."""
    return html.escape(value) if type(value) is str else conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    """Django's attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_as_string(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def widget_attrs(attrs: dict) -> SafeString:
    """A widget's HTML attributes as Django's attrs.html writes them (every widget includes it)."""
    return mark_safe(_attrs(attrs))  # noqa: S308 - names and values are escaped


def _option(option: dict) -> str:
    """Django's select_option.html with its attrs.html include, for one option."""
    if option["template_name"] != OPTION_TEMPLATE:  # a widget with its own option template
        return render_to_string(option["template_name"], {"widget": option})
    value, label = _as_string(option["value"]), _text(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


def select_options(optgroups) -> SafeString:
    """The inside of Django's select.html: a widget's ``optgroups`` as <optgroup>s and <option>s."""
    parts = []
    for group_name, group_choices, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above went through escaping


class RemoteSelect(forms.Select):
    """``include``: a CSS selector of other fields whose values go with the search (htmx
    ``hx-include``), so the options can depend on them (an officer among the chosen unit's)."""

    template_name = "core/widgets/remote_select.html"

    def __init__(self, url_name: str, *, query: str = "", include: str = "", attrs=None):
        super().__init__(attrs)
        self.url_name = url_name
        self.query = query
        self.include = include

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        query = "&".join(part for part in (self.query, f"field={name}") if part)
        context["widget"]["url"] = f"{reverse(self.url_name)}?{query}"
        context["widget"]["include"] = self.include
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
