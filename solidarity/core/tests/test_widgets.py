"""The shared form widgets."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from solidarity.core.forms import DateInput
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


class _EveryKind(forms.Form):
    text = forms.CharField(
        max_length=20, widget=forms.TextInput(attrs={"placeholder": _("Search"), "data-n": 1000})
    )
    day = forms.DateField(widget=DateInput())
    count = forms.IntegerField(min_value=0, max_value=10_000)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    tick = forms.BooleanField(required=False)
    file = forms.FileField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    maybe = forms.NullBooleanField()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "data", [None, {"text": 'a"<b>&', "day": "31/02/2024", "count": "-1", "tick": "on", "kind": "b"}]
)
def test_every_kind_of_widget_keeps_django_s_attributes(language, data):
    with translation.override(language):
        form = _EveryKind(data, initial={"day": datetime.date(2024, 7, 29), "maybe": True})
        fast = {name: str(form[name]) for name in form.fields}
        form.renderer = DJANGO
        django = {name: str(form[name]) for name in form.fields}

    assert fast == django
    assert (
        'min="0"' in fast["count"] and 'max="10000"' in fast["count"]
    )  # numbers in attributes: not localised


def test_the_edit_forms_draw_what_django_draws(people, tree):
    """GIVEN the delegation form (countries, pickers, dates) WHEN drawn THEN just as Django draws it."""
    from solidarity.delegations.forms import DelegationForm

    with translation.override("vi"):
        form = DelegationForm(
            user=people.na_officer, initial={"countries": ["LA", "KH"], "owner_unit": tree.nghe_an.pk}
        )
        fast = {name: str(form[name]) for name in form.fields}
        form.renderer = DJANGO
        django = {name: str(form[name]) for name in form.fields}

    assert fast == django
    assert '<option value="LA" selected>Lào</option>' in fast["countries"]
