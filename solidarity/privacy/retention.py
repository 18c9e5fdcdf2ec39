"""Retention: how long each kind of person's personal fields are kept, and the erasure when it runs out.

A national administrator (of a root unit) or a superuser sets a period in
months per registered kind (``RetentionRule``; empty: kept until the person
asks for deletion). Every day ``manage.py erase_expired_personal_data`` (or
the retention page's "Run now", as a background job) erases the people each
kind declares due (``PersonKind.retention_due``) exactly as a deletion request
does (``services.person_erase``): the row and its history, one erasure row and
one ERASE line in the access log per person. It works in batches of keys, so a
hundred thousand rows never sit in memory.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.accounts.permissions import Role, has_role_on

from .models import PersonalDataErasure, RetentionRule
from .registry import PersonKind, kinds
from .services import person_erase

BATCH = 500
ERASE_DETAIL = gettext_lazy("retention period ended")
JOB_KIND = "privacy_retention"


def may_set_retention(user) -> bool:
    """Superusers and administrators of a root (national) unit."""
    from solidarity.units.models import Unit

    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(has_role_on(user, root, Role.ADMIN) for root in Unit.objects.filter(depth=1))


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class KindRetention:
    kind: PersonKind
    months: int | None

    @property
    def erasable(self) -> bool:
        return self.kind.retention_due is not None


def retention_table() -> list[KindRetention]:
    """Every registered kind with its period (None: kept until a deletion request)."""
    rules = dict(RetentionRule.objects.values_list("kind", "months"))
    return [KindRetention(kind, rules.get(kind.key)) for kind in kinds()]


@transaction.atomic
def retention_set(*, by, kind_key: str, months: int | None) -> RetentionRule:
    if not may_set_retention(by):
        raise PermissionDenied(_("Only national administrators set retention periods."))
    if kind_key not in {kind.key for kind in kinds()}:
        raise ValidationError(_("Unknown kind of data."))
    if months is not None and not 1 <= months <= 1200:
        raise ValidationError({"months": _("Give a number of months between 1 and 1200, or leave it empty.")})
    rule = RetentionRule.objects.select_for_update().filter(kind=kind_key).first() or RetentionRule(
        kind=kind_key
    )
    if rule.pk and rule.months == months:
        return rule
    rule.months, rule.updated_by = months, by
    rule._history_user = by
    rule.save()
    return rule


def due_rows(kind: PersonKind, months: int, today: datetime.date):
    """Rows of ``kind`` whose period ran out and that were not erased yet."""
    model = kind.model
    cutoff = months_before(today, months)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    erased = PersonalDataErasure.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
    return kind.retention_due(model._base_manager.all(), cutoff).exclude(Exists(erased))


def erase_personal_fields(kind: PersonKind, rows: Iterable[int], *, by=None, detail: str = "") -> int:
    """Erase the people with keys ``rows`` as a deletion request would (``services.person_erase``).

    One erasure per person, each in its own transaction: the row and its history, the kind's
    child rows and files, consents' evidence, an erasure row and an ERASE line in the access log.
    Returns how many it erased.
    """
    erased = 0
    for person in kind.model._base_manager.filter(pk__in=list(rows)).order_by("pk"):
        person_erase(user=by, person=person, reason=str(detail), system=True)
        erased += 1
    return erased


def _batches(queryset, size: int = BATCH):
    """The keys of ``queryset`` in batches, by key order (keyset: no OFFSET, nothing held in memory)."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        keys = list(page.values_list("pk", flat=True)[:size])
        if not keys:
            return
        yield keys
        last = keys[-1]


@dataclass
class RetentionResult:
    kind: PersonKind
    months: int
    count: int


def retention_erase_due(
    today: datetime.date | None = None, dry_run: bool = False, *, by=None, progress=None
) -> list[RetentionResult]:
    """Erase (or, with ``dry_run``, count) the rows of every kind whose retention period ran out."""
    today = today or timezone.localdate()
    results = []
    for entry in retention_table():
        if entry.months is None or not entry.erasable:
            continue
        due = due_rows(entry.kind, entry.months, today)
        if dry_run:
            results.append(RetentionResult(entry.kind, entry.months, due.count()))
            continue
        erased = 0
        for keys in _batches(due):
            erased += erase_personal_fields(entry.kind, keys, by=by, detail=str(ERASE_DETAIL))
            if progress is not None:
                progress.advance(len(keys))
        results.append(RetentionResult(entry.kind, entry.months, erased))
    return results


def run_retention(job, progress):
    """The job runner behind the retention page's "Run now"."""
    from solidarity.jobs.registry import Outcome

    if not may_set_retention(job.owner):
        raise PermissionDenied
    results = retention_erase_due(by=job.owner, progress=progress)
    lines = [f"{result.kind.label}: {result.count}" for result in results]
    total = sum(result.count for result in results)
    message = _("%(count)s rows erased.") % {"count": total}
    return Outcome(message="\n".join([message, *lines]))
