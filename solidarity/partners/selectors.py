from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from solidarity.accounts.models import Membership

from .models import Partner, PartnerLink


def partner_choices_for(*, user, include: Iterable[int] = ()) -> QuerySet[Partner]:
    """Partners to offer in a record's form: those the user's own units work with.

    Not the user's whole subtree (a national officer would get the whole
    directory); ``include`` keeps a record's current partners selectable.
    Other partners are reached by adding one's unit on the partner's page.
    """
    own_units = Membership.objects.filter(user=user).values("unit_id")
    linked = PartnerLink.objects.filter(unit_id__in=own_units, is_active=True).values("partner_id")
    return Partner.objects.filter(Q(pk__in=linked, is_active=True) | Q(pk__in=list(include))).order_by("name")
