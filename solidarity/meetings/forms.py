from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import Role, unit_scope_q, units_for_officer
from solidarity.accounts.selectors import default_unit_for
from solidarity.agreements.models import Agreement
from solidarity.core.forms import DateField, DateInput
from solidarity.core.widgets import CheckboxList, RemoteSelect
from solidarity.partners.selectors import partner_choices_for
from solidarity.plans.forms import plan_item_field, require_item_or_reason
from solidarity.units.models import Unit

from .models import Meeting
from .services import locked_fields, plan_item_kinds


class MeetingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Meeting
        fields = [
            "owner_unit",
            "kind",
            "title",
            "hosted",
            "is_international",
            "start_on",
            "end_on",
            "place",
            "country",
            "chairs",
            "partners",
            "agreement",
            "domestic_participants",
            "foreign_participants",
            "topics",
            "conclusions",
            "plan_item",
            "out_of_plan_reason",
            "cost_vnd",
            "funding_source",
        ]
        widgets = {
            "owner_unit": RemoteSelect("unit_options", query="scope=edit"),
            "agreement": RemoteSelect("meetings:agreement_options"),
            "start_on": DateInput(),
            "end_on": DateInput(),
            "partners": CheckboxList(),
            "chairs": forms.Textarea(attrs={"rows": 2}),
            "topics": forms.Textarea(attrs={"rows": 4}),
            "conclusions": forms.Textarea(attrs={"rows": 5}),
            "out_of_plan_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "is_international": _("Hosting an international meeting needs the approval of the level above."),
            "chairs": _("Name and title of the chair and co-chairs, one per line."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        self.fields["owner_unit"].queryset = units_for_officer(user)
        self.fields["owner_unit"].label = _("Our unit")
        self.fields["title"].label = _("Name of the meeting")
        include = list(meeting.partners.values_list("pk", flat=True)) if meeting.pk else []
        self.fields["partners"].queryset = partner_choices_for(user=user, include=include)
        self.fields["partners"].help_text = _(
            "Partners your units work with. Add your unit on a partner's page to see it here."
        )
        agreements = Agreement.objects.visible_to(user)
        if meeting.agreement_id:
            # A link made by a level above stays, even if this editor cannot open that agreement.
            agreements = agreements | Agreement.objects.filter(pk=meeting.agreement_id)
        self.fields["agreement"].queryset = agreements
        plan_item_field(
            self,
            user=user,
            kinds=(*plan_item_kinds(True), *plan_item_kinds(False)),
            date_fields=("start_on",),
        )
        if meeting.pk:
            # The owner is fixed after creation: its follow-up commitments belong to it too.
            self.fields["owner_unit"].queryset = Unit.objects.filter(pk=meeting.owner_unit_id)
            self.fields["owner_unit"].disabled = True
            self.fields["owner_unit"].help_text = _("The owning unit cannot change after creation.")
            # Editing: the version the user opened is required, never guessed.
            self.fields["version"].required = True
            self.initial["version"] = meeting.version
        else:
            self.initial.setdefault("owner_unit", default_unit_for(user))
        for name in locked_fields(meeting):
            self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_on"), cleaned.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("The end date cannot be before the start date."))
        if cleaned.get("is_international"):  # the annual plan is the foreign-affairs plan
            require_item_or_reason(self, cleaned)
        return cleaned


class FollowUpForm(forms.Form):
    description = forms.CharField(label=_("What was agreed"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit"),
        queryset=Unit.objects.none(),
        required=False,
        widget=RemoteSelect("unit_options"),
    )
    due_on = DateField(label=_("Due date"), required=False)
    due_year = forms.IntegerField(label=_("or due year"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args, user, meeting: Meeting, **kwargs):
        super().__init__(*args, prefix="follow_up", **kwargs)
        self.fields["responsible_unit"].queryset = Unit.objects.filter(
            unit_scope_q(user, Role.VIEWER, field="")
        )
        self.initial.setdefault("responsible_unit", meeting.owner_unit_id)


class ActionForm(forms.Form):
    action = forms.CharField()
    comment = forms.CharField(required=False)
    report_text = forms.CharField(required=False)
