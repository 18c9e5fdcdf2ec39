from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django_countries import countries

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


# The shared facts everyone sees; deactivation is shown too, everyone feels it.
FACT_FIELDS = ("name", "name_original", "short_name", "kind", "country", "address", "website", "is_active")
REVERT_REASON = "revert:"  # followed by the history id of the change a revert undid
RECENT_DAYS = 30


@dataclass(frozen=True)
class FactChange:
    """One change of a partner's shared facts: who, for which unit, when, and what it was before."""

    history_id: int
    at: datetime.datetime
    by: object  # the user, or None for the system (demo loader, imports)
    unit: object  # the unit it was made for, or None when unknown
    kind: str  # "created", "edited" or "reverted"
    changes: tuple[tuple[str, str, str], ...]  # (label, old value, new value), for display
    fields: frozenset[str]  # the names of the changed fields
    undoes: int | None = None  # a revert: the history id of the change it undid
    reverted_by: FactChange | None = None  # the revert that undid this change

    @property
    def is_recent(self) -> bool:
        return self.at >= timezone.now() - datetime.timedelta(days=RECENT_DAYS)

    @property
    def headline(self) -> str:
        """ "Changed by Nguyễn Văn A (LĐLĐ Nghệ An) on 29/07/2025"."""
        who = self.by.display_name if self.by else gettext("the system")
        if self.unit is not None:
            who = f"{who} ({self.unit.display_name})"
        sentence = {
            "created": gettext("Added by %(who)s on %(date)s"),
            "reverted": gettext("Reverted by %(who)s on %(date)s"),
        }.get(self.kind, gettext("Changed by %(who)s on %(date)s"))
        return sentence % {"who": who, "date": timezone.localtime(self.at).strftime("%d/%m/%Y")}


def _shown(name: str, value) -> str:
    field = Partner._meta.get_field(name)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if name == "country":
        return str(countries.name(str(value)) or value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return str(value)


def partner_fact_changes(*, partner: Partner, limit: int = 20) -> list[FactChange]:
    """The latest ``limit`` changes of ``partner``'s shared facts, newest first.

    Saves that changed none of them (a bumped version, a form saved unchanged) are left out.
    """
    rows = list(
        partner.history.select_related("history_user", "changed_by_unit").order_by(
            "-history_date", "-history_id"
        )[: limit * 2 + 1]
    )
    found: list[FactChange] = []
    # A partner loaded in bulk or imported has no history rows yet: nothing to tell.
    for row, previous in zip(rows, [*rows[1:], None][: len(rows)], strict=True):
        if previous is None and row.history_type != "+":
            break  # its predecessor was not fetched: nothing to compare with
        delta = [] if previous is None else row.diff_against(previous, included_fields=FACT_FIELDS).changes
        if previous is not None and not delta:
            continue
        reason = row.history_change_reason or ""
        undoes = int(reason[len(REVERT_REASON) :]) if reason.startswith(REVERT_REASON) else None
        found.append(
            FactChange(
                history_id=row.history_id,
                at=row.history_date,
                by=row.history_user,
                unit=row.changed_by_unit,
                kind="created" if previous is None else ("reverted" if undoes else "edited"),
                changes=tuple(
                    (
                        str(Partner._meta.get_field(c.field).verbose_name),
                        _shown(c.field, c.old),
                        _shown(c.field, c.new),
                    )
                    for c in delta
                ),
                fields=frozenset(c.field for c in delta),
                undoes=undoes,
            )
        )
        if len(found) == limit:
            break
    revert_of = {change.undoes: change for change in found if change.undoes}
    return [replace(change, reverted_by=revert_of.get(change.history_id)) for change in found]
