"""The shared form widgets."""

from django import forms

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
