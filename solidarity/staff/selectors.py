"""Reads of the staff register and its trainings, always through the one permission rule."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractYear

from solidarity.accounts.permissions import Role, unit_scope_q
from solidarity.core.choices import ApprovalState

from .models import Officer, OfficerLanguage, Participant, Training


def officer_list(*, user):
    return (
        Officer.objects.visible_to(user)
        .select_related("owner_unit")
        .prefetch_related(Prefetch("languages", queryset=OfficerLanguage.objects.order_by("pk")))
    )


def training_list(*, user):
    return Training.objects.visible_to(user).select_related("owner_unit", "partner")


def active_on_q(day: datetime.date) -> Q:
    """Officers doing the work on ``day``: started by its year, not left by it (the figures' rule)."""
    return Q(started_year__lte=day.year) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


def trained_between(start: datetime.date | None, end: datetime.date | None):
    """Ids of officers who took part in a current training whose last day is in ``start``..``end``."""
    rows = Participant.objects.filter(training__archived_at__isnull=True)
    if start:
        rows = rows.filter(training__ends_on__gte=start)
    if end:
        rows = rows.filter(training__ends_on__lte=end)
    return rows.values("officer_id")


def trainings_of(*, officer: Officer, user) -> list[Participant]:
    """Every current training ``officer`` attended, newest first, with the result: part of the
    officer's own record. ``.visible`` says whether ``user`` may open the training itself (one
    organised by a level above is not a lower unit's to open)."""
    rows = list(
        Participant.objects.filter(officer=officer, training__archived_at__isnull=True)
        .select_related("training__owner_unit", "certificate")
        .order_by("-training__ends_on", "-pk")
    )
    ids = [row.training_id for row in rows]
    visible = (
        set(Training.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    for row in rows:
        row.visible = row.training_id in visible
    return rows


def participants_of(training: Training):
    return training.participants.select_related("officer__owner_unit", "certificate").order_by(
        "officer__full_name", "pk"
    )


# Delegations that never happen are no trip (as the travel rules count).
NOT_A_TRIP = (ApprovalState.REJECTED,)


def _trip_members(*, officer: Officer, user):
    """Member rows of this person (by person key, so across units' registers) in current delegations
    ``user`` may see. Read through the ORM's reverse relation: the delegations sit above the register
    and are not imported here."""
    member_model = officer.delegation_members.model
    return (
        member_model.objects.filter(person_key=officer.person_key, delegation__archived_at__isnull=True)
        .exclude(delegation__state__in=NOT_A_TRIP)
        .filter(unit_scope_q(user, Role.VIEWER, field="delegation__owner_unit"))
    )


def trips_of(*, officer: Officer, user):
    """The delegations abroad this person was a member of, newest first, among those ``user`` may
    see: an ordered queryset to page (``core.pages.short_page``), the owning unit selected."""
    members = _trip_members(officer=officer, user=user)
    delegation_model = members.model._meta.get_field("delegation").related_model
    return (
        delegation_model.objects.filter(pk__in=members.values("delegation_id"))
        .select_related("owner_unit")
        .order_by("-start_on", "-pk")
    )


def trips_per_year(*, officer: Officer, user) -> list[tuple[int, int]]:
    """``[(year, trips)]``, newest year first: each delegation counted once, however many times the
    person is listed in it; only delegations ``user`` may see. One grouped query."""
    rows = (
        _trip_members(officer=officer, user=user)
        .annotate(year=ExtractYear("delegation__start_on"))
        .values("year")
        .annotate(trips=Count("delegation_id", distinct=True))
        .order_by("-year")
        .values_list("year", "trips")
    )
    return list(rows)
