"""The shared form widgets."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from solidarity.core.widgets import CheckboxList


class _Form(forms.Form):
    partners = forms.MultipleChoiceField(
        choices=[("1", "Xiêng Khoảng"), ("2", "Hủa Phăn")], widget=CheckboxList(), required=False
    )


def test_a_checkbox_list_ticks_the_stored_values():
    html = str(_Form(initial={"partners": ["2"]})["partners"])

    assert 'value="2" id="id_partners_1" checked' in html
    assert 'value="1" id="id_partners_0">' in html


def test_a_locked_checkbox_list_shows_its_boxes_as_locked():
    form = _Form(initial={"partners": ["1"]})
    form.fields["partners"].disabled = True

    html = str(form["partners"])

    assert html.count("disabled") == 2


# -- The fast <option>s (core.widgets.select_options): the same HTML as Django's templates -----

DJANGO = DjangoTemplates()  # Django's own select.html: two template includes per option


def _both(widget, name, value, attrs=None) -> tuple[str, str]:
    """``widget`` drawn by the project's renderer (fast options) and by Django's own templates."""
    return widget.render(name, value, attrs), widget.render(name, value, attrs, renderer=DJANGO)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("chosen", ["", "LA", "CI", "IS", "not-a-country"])
def test_the_country_filter_draws_what_django_draws(language, chosen):
    with translation.override(language):
        field = forms.ChoiceField(choices=[("", "---------"), *countries])

        fast, django = _both(field.widget, "country", chosen, {"id": "id_country", "class": "form-select"})

    assert fast == django
    assert fast.count("<option") == len(countries) + 1


def test_the_chosen_country_is_selected_by_its_vietnamese_name():
    with translation.override("vi"):
        html = forms.Select(choices=list(countries)).render("country", "LA")

    assert '<option value="LA" selected>Lào</option>' in html
    assert "Côte d&#x27;Ivoire</option>" in html  # escaped as {{ label }} escapes it
    assert html.count(" selected") == 1


def test_a_multiple_select_marks_every_chosen_value_as_django_does():
    choices = [("LA", "Lào"), ("TH", "Thái Lan"), ("KH", "Campuchia")]
    widget = forms.SelectMultiple(attrs={"size": 6}, choices=choices)

    fast, django = _both(widget, "countries", ["LA", "KH"], {"id": "id_countries", "required": True})

    assert fast == django
    assert fast.count(" selected") == 2
    assert " multiple" in fast


def test_groups_numbers_lazy_labels_and_odd_values_come_out_as_django_writes_them():
    choices = [
        ("", _("All")),
        ('a"&<b>', "Tom & Jerry <3"),
        (_("Years"), [(2024, 2024), (2025, 2025)]),  # a number label is localised: 2.024
        ("safe", mark_safe("<b>kept</b>")),
    ]
    widget = forms.Select(attrs={"disabled": True, "data-x": False, "title": 'say "hi"'}, choices=choices)

    for language in ("vi", "en"):
        with translation.override(language):
            fast, django = _both(widget, "odd", 2025)
            assert fast == django
    assert "2.024" in fast


def test_a_widget_with_its_own_option_template_keeps_it():
    class Radioish(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    fast, django = _both(Radioish(choices=[("1", "One"), ("2", "Two")]), "n", "2")

    assert fast == django


def test_a_list_filter_form_draws_every_field_as_django_does(rf, people):
    from solidarity.delegations.filters import DelegationFilter

    chosen = {"country": "LA", "state": "submitted", "direction": "outgoing", "archived": "1"}
    request = rf.get("/delegations/", chosen)
    request.user = people.na_officer
    with translation.override("vi"):
        form = DelegationFilter(request.GET, request=request, user=request.user).form
        fast = {name: str(form[name]) for name in form.fields}
        form.renderer = DJANGO
        django = {name: str(form[name]) for name in form.fields}

    assert fast == django
    assert '<option value="LA" selected>Lào</option>' in fast["country"]
