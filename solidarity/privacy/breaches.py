"""Personal data breaches: recorded, measured and notified within 72 hours (law 91/2025/QH15).

The breach log is the business of a unit's administrators (and of the
administrators above it): they record what happened, the measures taken and
when the authority was notified. A sibling unit never sees another's breach.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, has_role_on, unit_scope_q

from .models import Breach

BREACH_FIELDS = (
    "discovered_at",
    "description",
    "data_affected",
    "people_affected",
    "measures",
    "notified_at",
    "notification_ref",
)


def breaches_for(user):
    """Breaches of the units ``user`` administers and every unit below them."""
    return Breach.objects.filter(unit_scope_q(user, Role.ADMIN, field="unit"))


def open_breaches_for(user, *, limit: int = 5) -> list[Breach]:
    """Breaches not yet notified to the authority, the most urgent first (the home page's list)."""
    rows = breaches_for(user).filter(notified_at__isnull=True).select_related("unit")
    return list(rows.order_by("discovered_at", "pk")[:limit])


def _require_admin(by, unit) -> None:
    if not has_role_on(by, unit, Role.ADMIN):
        raise PermissionDenied(_("Only administrators of the unit or above keep its breach log."))


def _check(values: dict, now: datetime.datetime) -> None:
    errors = {}
    discovered = values.get("discovered_at")
    notified = values.get("notified_at")
    if discovered and discovered > now:
        errors["discovered_at"] = _("The time of discovery cannot be in the future.")
    if notified and notified > now:
        errors["notified_at"] = _("The time of notification cannot be in the future.")
    if discovered and notified and notified < discovered:
        errors["notified_at"] = _("The authority cannot have been notified before the breach was discovered.")
    if notified and not (values.get("notification_ref") or "").strip():
        errors["notification_ref"] = _("Give the reference of the notification (its number or e-mail).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def breach_create(*, by, unit, **values) -> Breach:
    _require_admin(by, unit)
    _check(values, timezone.now())
    breach = Breach(unit=unit, recorded_by=by, **{k: v for k, v in values.items() if k in BREACH_FIELDS})
    breach.full_clean(exclude=["recorded_by", "unit"])
    breach._history_user = by
    breach.save()
    return breach


@transaction.atomic
def breach_update(*, by, breach: Breach, **values) -> Breach:
    """Record measures, the notification's time and reference, or correct what was written."""
    breach = Breach.objects.select_for_update().get(pk=breach.pk)
    _require_admin(by, breach.unit)
    merged = {name: values.get(name, getattr(breach, name)) for name in BREACH_FIELDS}
    _check(merged, timezone.now())
    for name, value in merged.items():
        setattr(breach, name, value)
    breach.full_clean(exclude=["recorded_by", "unit"])
    breach._history_user = by
    breach.save()
    return breach


@dataclass(frozen=True)
class Countdown:
    """How long is left to notify the authority of a breach, or by how much the deadline passed."""

    state: str  # "open" | "overdue" | "notified"
    deadline: datetime.datetime
    hours: int
    minutes: int
    notified_at: datetime.datetime | None = None

    @property
    def text(self) -> str:
        if self.state == "notified":
            return _("Notified at %(when)s") % {
                "when": timezone.localtime(self.notified_at).strftime("%H:%M %d/%m/%Y")
            }
        if self.state == "overdue":
            return overdue_text(str(self.hours), str(self.minutes))
        return left_text(str(self.hours), str(self.minutes))

    # The same sentences with {h} and {m} for the page's script to fill in as the minutes pass.
    @property
    def left_template(self) -> str:
        return left_text("{h}", "{m}")

    @property
    def overdue_template(self) -> str:
        return overdue_text("{h}", "{m}")


def left_text(hours: str, minutes: str) -> str:
    return _("%(hours)s h %(minutes)s min left to notify the authority") % {
        "hours": hours,
        "minutes": minutes,
    }


def overdue_text(hours: str, minutes: str) -> str:
    return _("Overdue by %(hours)s h") % {"hours": hours, "minutes": minutes}


def countdown(breach: Breach, now: datetime.datetime | None = None) -> Countdown:
    now = now or timezone.now()
    deadline = breach.notify_by
    if breach.notified_at:
        return Countdown("notified", deadline, 0, 0, breach.notified_at)
    seconds = int((deadline - now).total_seconds())
    state = "open" if seconds >= 0 else "overdue"
    minutes_total = abs(seconds) // 60
    return Countdown(state, deadline, minutes_total // 60, minutes_total % 60)
