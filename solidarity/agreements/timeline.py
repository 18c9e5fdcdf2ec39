"""What agreements put on timelines: their signing (on a partner's), their signing steps and commitments."""

from __future__ import annotations

import datetime

from django.db.models import Case, CharField, DateField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, unit_scope_q
from solidarity.records.timeline import TimelineEntry, TimelineSource

from .choices import CommitmentStatus
from .models import Agreement, Commitment, SigningStep


class AgreementTimeline(TimelineSource):
    name = "agreements"
    model = Agreement
    date = "signed_on"
    about = {"partners.Partner": "partners"}

    def entry(self, agreement: Agreement) -> TimelineEntry:
        return TimelineEntry(
            date=agreement.timeline_date,
            kind=_("Agreement signed"),
            title=agreement.title,
            url=agreement.get_absolute_url(),
            badge=agreement.get_status_display(),
            unit=agreement.owner_unit.display_name,
        )


class SigningStepTimeline(TimelineSource):
    name = "signing_steps"
    model = SigningStep
    date = Coalesce("done_on", "due_on")
    about = {"agreements.Agreement": "agreement"}
    related = ("agreement",)

    def visible(self, user):
        # A step is seen with its agreement, archived or not: the page shows it. The
        # agreement's owner is in scope by the one rule, through a join (a subquery of
        # every visible agreement would be read whole for a national user).
        return SigningStep.objects.filter(unit_scope_q(user, Role.VIEWER, field="agreement__owner_unit"))

    def entry(self, step: SigningStep) -> TimelineEntry:
        if step.is_late:
            badge, tone = _("Late"), "danger"
        elif step.done_on:
            badge, tone = _("Done"), "success"
        else:
            badge, tone = _("Due"), "warning"
        return TimelineEntry(
            date=step.timeline_date,
            kind=_("Signing"),
            title=step.get_kind_display(),
            url=step.agreement.get_absolute_url(),
            badge=badge,
            tone=tone,
        )


# A commitment due "in 2025" stands at the end of that year, as on its page. A stored
# year past 9999 (no form accepts one) stands at the end of the calendar instead of
# reaching Python as a date it cannot hold.
_YEAR_END = Case(
    When(due_year__gt=9999, then=Value(datetime.date.max)),
    When(
        due_year__gte=1,
        then=Cast(Concat(Cast("due_year", CharField()), Value("-12-31")), DateField()),
    ),
    output_field=DateField(),
)


class CommitmentTimeline(TimelineSource):
    name = "commitments"
    model = Commitment
    # Done on (only ever set with the status Done), else due on, else the due year's end.
    date = Coalesce("done_on", "due_on", _YEAR_END, output_field=DateField())
    about = {
        "partners.Partner": ("agreement__partners", "meeting__partners"),
        "agreements.Agreement": "agreement",
    }

    def entry(self, commitment: Commitment) -> TimelineEntry:
        if commitment.is_overdue:
            badge, tone = _("Overdue"), "danger"
        elif commitment.status == CommitmentStatus.DONE:
            badge, tone = _("Done"), "success"
        else:
            badge, tone = commitment.get_status_display(), "secondary"
        return TimelineEntry(
            date=commitment.timeline_date,
            kind=_("Commitment"),
            title=Truncator(commitment.description).chars(160),
            url=commitment.get_absolute_url(),
            badge=badge,
            tone=tone,
            unit=commitment.owner_unit.display_name,
        )
