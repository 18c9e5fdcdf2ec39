from __future__ import annotations

from solidarity.accounts.models import Membership, User
from solidarity.accounts.permissions import Role, unit_scope_q
from solidarity.contacts.models import Contact
from solidarity.partners.models import Partner, PartnerLink
from solidarity.units.models import Unit


def home_counts(*, user) -> dict[str, int]:
    """Real counts for the user's scope, each one aggregate query."""
    visible_units = Unit.objects.filter(unit_scope_q(user, Role.VIEWER, field=""))
    links = PartnerLink.objects.visible_to(user).filter(is_active=True)
    return {
        "units": visible_units.in_force().count(),
        "ended_units": visible_units.exclude(valid_to__isnull=True).count(),
        "partners": Partner.objects.filter(is_active=True, pk__in=links.values("partner_id")).count(),
        "countries": Partner.objects.filter(is_active=True, pk__in=links.values("partner_id"))
        .exclude(country="")
        .values("country")
        .distinct()
        .count(),
        "directory": Partner.objects.filter(is_active=True).count(),
        "contacts": Contact.objects.visible_to(user).filter(is_active=True).count(),
        "users": User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(unit_scope_q(user, Role.VIEWER, field="unit")).values("user_id"),
        ).count(),
    }


def home_attention(*, user) -> dict[str, int]:
    """What needs the user's attention, each one count query in their scope."""
    from django.utils import timezone

    from solidarity.agreements.models import Agreement, Commitment
    from solidarity.delegations.models import Delegation
    from solidarity.meetings.models import Meeting
    from solidarity.records.workflow import waiting_for

    today = timezone.localdate()
    return {
        "waiting_delegations": waiting_for(
            user=user, queryset=Delegation.objects.visible_to(user).active()
        ).count(),
        "waiting_meetings": waiting_for(
            user=user, queryset=Meeting.objects.visible_to(user).active()
        ).count(),
        "overdue_reports": Delegation.objects.visible_to(user).active().report_overdue().count(),
        "overdue_commitments": Commitment.objects.visible_to(user).active().overdue().count(),
        "renewals_due": Agreement.objects.visible_to(user)
        .active()
        .filter(status="in_force", renewal_warning_on__lte=today)
        .count(),
    }
