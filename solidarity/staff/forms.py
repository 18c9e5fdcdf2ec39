from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.models import Membership, User
from solidarity.accounts.permissions import units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import DateInput
from solidarity.core.widgets import RemoteSelect
from solidarity.partners.models import Partner
from solidarity.units.models import Unit

from .choices import Language, LanguageLevel
from .models import Officer, Training
from .services import invitable_officers


class _UnitRecordForm(forms.ModelForm):
    """Owner choices from the units the user records for; the owner and the version fixed on edit."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        record = self.instance
        self.fields["owner_unit"].queryset = units_for_officer(user)
        if record.pk:
            self.fields["owner_unit"].queryset = Unit.objects.filter(pk=record.owner_unit_id)
            self.fields["owner_unit"].disabled = True
            self.fields["owner_unit"].help_text = _("The owning unit cannot change after creation.")
            self.fields["version"].required = True
            self.initial["version"] = record.version
        else:
            self.initial.setdefault("owner_unit", default_unit_for(user))


class OfficerForm(_UnitRecordForm):
    class Meta:
        model = Officer
        fields = [
            "owner_unit",
            "full_name",
            "position",
            "employment",
            "started_year",
            "left_on",
            "user",
            "notes",
        ]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "user": RemoteSelect("staff:user_options"),
            "left_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner_unit"].label = _("Unit")
        # Members of the units the editor records for; whether of this very unit, the service says.
        users = User.objects.filter(
            pk__in=Membership.objects.filter(unit__in=units_for_officer(user)).values("user_id")
        )
        if self.instance.user_id:
            users = users | User.objects.filter(pk=self.instance.user_id)
        self.fields["user"].queryset = users


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Foreign language"), choices=[("", "---------"), *Language.choices], required=False
    )
    level = forms.ChoiceField(
        label=_("Proficiency"), choices=[("", "---------"), *LanguageLevel.choices], required=False
    )


LanguageFormSet = forms.formset_factory(LanguageForm, extra=2, max_num=20, validate_max=True)


def language_initial(officer: Officer | None) -> list[dict]:
    if officer is None:
        return []
    return [{"language": row.language, "level": row.level} for row in officer.languages.all()]


class TrainingForm(_UnitRecordForm):
    class Meta:
        model = Training
        fields = [
            "owner_unit",
            "title",
            "starts_on",
            "ends_on",
            "place",
            "format",
            "topic",
            "trainers",
            "partner",
        ]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "partner": RemoteSelect("partner_options"),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "topic": forms.Textarea(attrs={"rows": 2}),
            "trainers": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner_unit"].label = _("Organised by")
        partners = Partner.objects.filter(is_active=True)
        if self.instance.partner_id:
            partners = partners | Partner.objects.filter(pk=self.instance.partner_id)
        self.fields["partner"].queryset = partners


class ParticipantAddForm(forms.Form):
    """One officer of the organiser's units, found by typing their name."""

    officer = forms.ModelChoiceField(label=_("Officer"), queryset=Officer.objects.none())
    result = forms.CharField(label=_("Result or certificate"), max_length=300, required=False)

    def __init__(self, *args, training: Training, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        field.widget = RemoteSelect("staff:officer_options", query=f"training={training.pk}")
        field.queryset = invitable_officers(training)  # also gives the widget its choices


class ParticipantResultForm(forms.Form):
    result = forms.CharField(label=_("Result or certificate"), max_length=300, required=False)
    certificate = forms.FileField(label=_("Certificate file (PDF, image)"), required=False)
