"""The staff register and its trainings, declared on the record kit, with the training's participants
and the pickers (officers of the organiser's units, users of the units one records for)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.models import Membership, User
from solidarity.accounts.permissions import subtree_q, units_for_officer
from solidarity.core.forms import add_service_errors, parse_id
from solidarity.core.pages import short_page
from solidarity.core.views import OPTIONS_LIMIT, _search_term, render_options
from solidarity.records.base import may_write
from solidarity.records.kit import RecordViews, visible_record
from solidarity.units.models import Unit

from . import selectors, services
from .filters import OfficerFilter, TrainingFilter
from .forms import (
    LanguageFormSet,
    OfficerForm,
    ParticipantAddForm,
    ParticipantResultForm,
    TrainingForm,
    language_initial,
)
from .models import Officer, Participant, Training

TRIPS_PAGE = 20  # delegations abroad per page of an officer's record


class OfficerViews(RecordViews):
    model = Officer
    services, selectors = services, selectors
    related = ("owner_unit", "user")
    filterset = OfficerFilter
    filter_defaults = {"status": "active"}
    partial_template = "staff/_officer_results.html"
    ordering = ("full_name", "pk")
    form_class = OfficerForm
    create_refusal = gettext_lazy("You keep the register of no unit.")
    created_message = gettext_lazy("Officer added to the register.")
    archived_message = gettext_lazy("Officer archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Officer restored.")

    def list(self):
        if self.request.GET.get(
            "active_on"
        ):  # a report's "officers on D": whether still in the work today is no filter
            self.filter_defaults = {}
        return super().list()

    def detail_context(self, officer, context, **extra):
        return {
            "languages": officer.languages.all(),
            "trainings": selectors.trainings_of(officer=officer, user=self.user),
            "trips": short_page(
                self.request,
                selectors.trips_of(officer=officer, user=self.user),
                per_page=TRIPS_PAGE,
                param="trips",
            ),  # fmt: skip
            "trips_per_year": selectors.trips_per_year(officer=officer, user=self.user),
        }

    def get_forms(self, data, officer):
        initial = language_initial(officer) if data is None else None
        return {
            "form": OfficerForm(data, instance=officer, user=self.user),
            "formset": LanguageFormSet(data, initial=initial, prefix="languages"),
        }

    def create_record(self, fields, forms):
        return services.officer_create(by=self.user, languages=_languages(forms), **fields)

    def update_record(self, officer, fields, *, version, forms):
        return services.officer_update(
            officer=officer,
            by=self.user,
            expected_version=version,
            fields=fields,
            languages=_languages(forms),
        )


def _languages(forms) -> list[dict]:
    return [form.cleaned_data for form in forms["formset"].forms if form.cleaned_data]


class TrainingViews(RecordViews):
    model = Training
    services, selectors = services, selectors
    related = ("owner_unit", "partner")
    filterset = TrainingFilter
    partial_template = "staff/_training_results.html"
    ordering = ("-ends_on", "-pk")
    form_class = TrainingForm
    create_refusal = gettext_lazy("You organise trainings for no unit.")
    created_message = gettext_lazy("Training recorded. Now add its participants.")
    archived_message = gettext_lazy("Training archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Training restored.")

    def detail_context(self, training, context, *, add_form=None, **extra):
        writable = may_write(user=self.user, record=training)
        return {
            "participants": selectors.participants_of(training),
            "can_change_participants": writable,
            "add_form": add_form or (ParticipantAddForm(training=training) if writable else None),
        }


def _training_for_change(request, pk: int) -> Training:
    training = visible_record(Training, request.user, pk, "owner_unit")
    if not may_write(user=request.user, record=training):
        raise PermissionDenied(_("You cannot change the participants of this training."))
    return training


@login_required
@require_POST
def participant_add(request, pk: int):
    training = _training_for_change(request, pk)
    form = ParticipantAddForm(request.POST, training=training)
    if form.is_valid():
        try:
            participant = services.participant_add(
                training=training, officer=form.cleaned_data["officer"], by=request.user,
                result=form.cleaned_data["result"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s added.") % {"name": participant.officer.full_name})
            return redirect(training)
    return TrainingViews(request).render_detail(training, status=400, add_form=form)


def _participant(request, pk: int, participant_pk: int) -> Participant:
    training = _training_for_change(request, pk)
    participant = get_object_or_404(training.participants.select_related("officer"), pk=participant_pk)
    participant.training = training
    return participant


@login_required
@require_POST
def participant_result(request, pk: int, participant_pk: int):
    participant = _participant(request, pk, participant_pk)
    form = ParticipantResultForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(participant.training)
    try:
        services.participant_update(
            participant=participant, by=request.user, result=form.cleaned_data["result"],
            certificate=form.cleaned_data["certificate"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Result saved for %(name)s.") % {"name": participant.officer.full_name})
    return redirect(participant.training)


@login_required
@require_POST
def participant_remove(request, pk: int, participant_pk: int):
    participant = _participant(request, pk, participant_pk)
    try:
        services.participant_remove(participant=participant, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s removed.") % {"name": participant.officer.full_name})
    return redirect(participant.training)


@login_required
def officer_options(request):
    """<option>s of the officers a training may take (its organiser's units), matching ?q=; without
    ?training=, the current officers the user sees (a delegation member's picker). Names with their
    unit, in one query."""
    officers = Officer.objects.visible_to(request.user).active()
    training_id = parse_id(request.GET.get("training", ""))
    if training_id is not None:
        training = visible_record(Training, request.user, training_id, "owner_unit")
        officers = services.invitable_officers(training)
    # ?unit_from=<name of a unit field sent along>: the officers of that unit and the units below it
    # (a delegation member's unit); still only those the user sees.
    unit_field = request.GET.get("unit_from")
    unit_id = parse_id(request.GET.get(unit_field, "")) if unit_field else None
    if unit_id is not None:
        unit = Unit.objects.filter(pk=unit_id).only("path").first()
        if unit is not None:
            officers = officers.filter(subtree_q(unit, "owner_unit"))
    officers = officers.search(_search_term(request))
    found = [
        (pk, f"{name} · {unit}")
        for pk, name, unit in officers.order_by("full_name", "pk").values_list(
            "pk", "full_name", "owner_unit__short_name"
        )[: OPTIONS_LIMIT + 1]
    ]
    return render_options(request, found)


@login_required
def user_options(request):
    """<option>s of the users who are members of a unit the user records for, matching ?q=."""
    term = _search_term(request).strip()
    users = User.objects.filter(
        pk__in=Membership.objects.filter(unit__in=units_for_officer(request.user)).values("user_id")
    )
    if term:
        users = users.filter(Q(full_name__icontains=term) | Q(username__icontains=term))
    found = [
        (pk, f"{full_name or username} ({username})")
        for pk, username, full_name in users.order_by("full_name", "username").values_list(
            "pk", "username", "full_name"
        )[: OPTIONS_LIMIT + 1]
    ]
    return render_options(request, found)
