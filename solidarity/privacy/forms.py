"""Forms of the personal data duties: they collect and check input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solidarity.core.forms import DateField
from solidarity.core.widgets import CheckboxList, RemoteSelect
from solidarity.units.models import Unit

from .choices import ConsentForm as ConsentFormChoice
from .choices import DocumentKind, Purpose, RequestKind, RequestState


class PurposeChecks(CheckboxList):
    """The five purposes, all in sight: no scrolling box on a phone."""

    template_name = "privacy/widgets/purposes.html"


class ConsentRecordForm(forms.Form):
    purposes = forms.MultipleChoiceField(
        label=_("Purposes the person consents to"),
        choices=Purpose.choices,
        widget=PurposeChecks,
        error_messages={"required": _("Choose at least one purpose the person consents to.")},
    )
    given_on = DateField(label=_("Given on"))
    form = forms.ChoiceField(label=_("How it was given"), choices=ConsentFormChoice.choices)
    evidence_note = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How it was given and where the original is kept. A note or a file is required."),
    )
    # One file a form, as everywhere (DATA_UPLOAD_MAX_NUMBER_FILES): the signed form, scanned.
    file = forms.FileField(
        label=_("Signed form or other evidence"),
        required=False,
        help_text=_("PDF, image, Word or Excel; checked by content."),
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        upload = data.pop("file", None)
        return {**data, "files": [upload] if upload else []}


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = DateField(label=_("Withdrawn on"))
    note = forms.CharField(
        label=_("How it was withdrawn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. a letter of 3 June, kept in the unit's file."),
    )


class RequestRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("The person asks to"), choices=RequestKind.choices)
    received_on = DateField(label=_("Received on"))
    details = forms.CharField(
        label=_("What the person asks"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RequestAnswerForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(RequestState.DONE, _("Carried out")), (RequestState.REFUSED, RequestState.REFUSED.label)],
        widget=forms.RadioSelect,
    )
    answered_on = DateField(label=_("Answered on"))
    answer = forms.CharField(
        label=_("Answer given to the person"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the answer given to the person (for a refusal, its reasons).")},
    )


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, error_messages={"required": _("Give the reason for the erasure.")}
    )
    confirm = forms.BooleanField(
        label=_("I understand that the personal data cannot be recovered."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[*RequestState.choices, ("all", _("All"))]
    )
    kind = forms.ChoiceField(
        label=_("Request"), required=False, choices=[("", _("All"))] + list(RequestKind.choices)
    )
    unit = forms.ModelChoiceField(
        label=_("Unit and units below"),
        queryset=Unit.objects.none(),
        required=False,
        widget=RemoteSelect("unit_options"),
    )

    def __init__(self, data=None, *, units, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = units


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("Scanned file"),
        help_text=_("PDF or image; checked by content, stored encrypted."),
        error_messages={"required": _("Choose the scanned file.")},
    )
