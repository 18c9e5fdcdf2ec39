from django import forms, template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from solidarity.core import widgets
from solidarity.core.choices import country_name as _country_name

register = template.Library()


@register.filter
def country_name(country) -> str:
    """A django-countries ``Country``'s name in the active language (cached per language)."""
    return _country_name(country)


@register.simple_tag
def select_options(optgroups):
    """A select widget's <option>s, written by Python (see core.widgets.select_options)."""
    return widgets.select_options(optgroups)


@register.simple_tag
def widget_attrs(attrs):
    """A widget's HTML attributes, written by Python (see core.widgets.widget_attrs)."""
    return widgets.widget_attrs(attrs)


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.filter
def vnd(amount) -> str:
    """Whole đồng with Vietnamese grouping: 50.000.000 ₫."""
    if amount in (None, ""):
        return ""
    return f"{number_format(int(amount), decimal_pos=0, use_l10n=True, force_grouping=True)} ₫"


@register.inclusion_tag("includes/sort_link.html", takes_context=True)
def sort_link(context, field: str, label: str):
    current = context["request"].GET.get("ordering", "")
    return {
        "request": context["request"],
        "label": label,
        "field": field,
        "desc": f"-{field}",
        "current": current,
        "next_ordering": f"-{field}" if current == field else field,
    }


@register.filter
def bs(bound_field):
    """Render a form field with Bootstrap classes, marked invalid when it has errors."""
    widget = bound_field.field.widget
    input_type = getattr(widget, "input_type", None)
    if type(widget) in (forms.RadioSelect, forms.CheckboxSelectMultiple):
        return _choice_list(bound_field)
    if input_type in ("checkbox", "radio"):
        css = "form-check-input"
    elif input_type == "select" or widget.__class__.__name__.endswith("Select"):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    attrs = {"class": f"{existing} {css}".strip()}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bound_field.auto_id}_error"
    return bound_field.as_widget(attrs=attrs)


def _choice_list(bound_field):
    """Radio buttons or tick boxes as Bootstrap lays them out: one ``form-check`` a choice.

    Django's own markup puts the input's class on the group's wrapper too, which squeezes the
    labels into a one-character column.
    """
    invalid = " is-invalid" if bound_field.errors else ""
    options = []
    for option in bound_field.subwidgets:
        option.data["attrs"]["class"] = f"form-check-input{invalid}"
        options.append(
            format_html(
                '<div class="form-check">{}<label class="form-check-label" for="{}">{}</label></div>',
                option.tag(wrap_label=False),
                option.id_for_label,
                option.choice_label,
            )
        )
    role = "radiogroup" if isinstance(bound_field.field.widget, forms.RadioSelect) else "group"
    choices = mark_safe("".join(options))  # each built by format_html above
    return format_html('<div id="{}" role="{}">{}</div>', bound_field.auto_id, role, choices)


@register.simple_tag
def content_type_id(record) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(record).pk


@register.filter
def ct_id(record) -> int:
    return content_type_id(record)
