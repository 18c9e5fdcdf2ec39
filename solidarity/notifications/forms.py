from django import forms

from .choices import Kind, Mode


class PreferencesForm(forms.Form):
    """One choice per kind: mail at once, in the daily digest, or none."""

    def __init__(self, *args, initial_modes: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Mode.choices,
                initial=initial_modes.get(kind.value),
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
