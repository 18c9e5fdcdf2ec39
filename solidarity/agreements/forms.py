from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, unit_scope_q, units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.core.forms import DateField, DateInput
from solidarity.core.widgets import CheckboxList, RemoteSelect
from solidarity.partners.selectors import partner_choices_for
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.forms import plan_item_field, require_item_or_reason
from solidarity.units.models import Unit

from .choices import CommitmentStatus
from .models import PHASE_MAX_YEAR, PHASE_MIN_YEAR, Agreement, Commitment, Phase, SigningStep


class VersionedForm(forms.ModelForm):
    """Carries the version the user opened, so a later save can detect a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing: the version the user opened is required, never guessed.
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version

    def validate_unique(self):
        pass

    def _post_clean(self):
        # Services validate and write; the form only parses input. Skipping the
        # model's full_clean here also keeps the instance untouched for the
        # conflict check.
        pass

    def expected_version(self) -> int:
        return self.cleaned_data["version"]


class AgreementForm(VersionedForm):
    class Meta:
        model = Agreement
        fields = [
            "owner_unit",
            "title",
            "agreement_type",
            "partners",
            "status",
            "signed_on",
            "signed_place",
            "our_signatory",
            "partner_signatory",
            "valid_from",
            "valid_to",
            "renewal_warning_on",
            "is_international_agreement",
            "summary",
            "plan_item",
            "out_of_plan_reason",
        ]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "partners": CheckboxList(),
            "signed_on": DateInput(),
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "renewal_warning_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "out_of_plan_reason": forms.Textarea(attrs={"rows": 2}),
        }
        # "title" alone is translated as a person's job title elsewhere.
        labels = {"title": _("Agreement title")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for_officer(user)
        current = []
        if self.instance.pk:
            # The owner is fixed after creation: its commitments belong to it too.
            units = Unit.objects.filter(pk=self.instance.owner_unit_id)
            self.fields["owner_unit"].disabled = True
            self.fields["owner_unit"].help_text = _("The owning unit cannot change after creation.")
            current = list(self.instance.partners.values_list("pk", flat=True))
        else:
            self.initial.setdefault("owner_unit", default_unit_for(user))
        self.fields["owner_unit"].queryset = units
        self.fields["partners"].queryset = partner_choices_for(user=user, include=current)
        self.fields["partners"].help_text = _(
            "Partners your units work with. To add another, open the partner's page and add your unit."
        )
        plan_item_field(
            self, user=user, kinds=(PlanItemKind.AGREEMENT,), date_fields=("signed_on", "valid_from")
        )

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_to = cleaned.get("valid_from"), cleaned.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("The end of validity is before its start."))
        if cleaned.get("is_international_agreement"):
            require_item_or_reason(self, cleaned)
        return cleaned

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["name", "start_year", "end_year", "contents"]
        widgets = {"contents": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_year", "end_year"):
            self.fields[name].min_value = PHASE_MIN_YEAR
            self.fields[name].max_value = PHASE_MAX_YEAR
            self.fields[name].widget.attrs.update(min=PHASE_MIN_YEAR, max=PHASE_MAX_YEAR)
            self.fields[name].validators = [
                *self.fields[name].validators,
                MinValueValidator(PHASE_MIN_YEAR),
                MaxValueValidator(PHASE_MAX_YEAR),
            ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year is before the first."))
        return cleaned

    def _post_clean(self):
        pass


class SigningStepForm(forms.ModelForm):
    class Meta:
        model = SigningStep
        fields = ["done_on", "note"]
        widgets = {"done_on": DateInput()}

    def _post_clean(self):
        pass


class CommitmentForm(VersionedForm):
    class Meta:
        model = Commitment
        fields = ["description", "phase", "responsible_unit", "due_on", "due_year", "status", "done_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "responsible_unit": RemoteSelect("unit_options"),
            "due_on": DateInput(),
            "done_on": DateInput(),
        }

    def __init__(self, *args, user, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = agreement.phases.all() if agreement else Phase.objects.none()
        units = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))
        if self.instance.responsible_unit_id:
            units = units | Unit.objects.filter(pk=self.instance.responsible_unit_id)
        self.fields["responsible_unit"].queryset = units.order_by("path")
        self.fields["due_year"].help_text = _("When only the year is agreed.")

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=CommitmentStatus.choices)
    done_on = DateField(label=_("done on"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
