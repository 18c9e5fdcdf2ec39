"""The reminders job: deadlines of the whole tree, each told once to those who may see its record.

Run by the scheduler (``manage.py run_schedule``) every ``REMINDER_EVERY_MINUTES`` through the
background-job queue, and safe to run at any time and as often as wanted: every reminder has a
key (record, deadline, stage) written once in ``SentReminder`` with its notifications, so a rerun,
a restart or a missed day never tells anyone twice. A run that missed a stage (the job was down
on the due day) still sends the next one: "overdue" covers ``REMINDER_LOOKBACK_DAYS`` after it.

Stages:
- post-trip report: due in 3 days (or less), due today, overdue;
- commitment: due (within 3 days, or today), overdue;
- agreement renewal: on the day its officers asked to be warned;
- hosting an international meeting: 40 days before it starts (file the approval now), until it starts;
- period reports: the day after they were due, to the unit above the units that have not sent them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role
from solidarity.deadlines.selectors import DeadlineKind, child_reports_missing, deadlines_between

from .choices import Kind
from .models import SentReminder
from .services import in_ui_language, members_of, remind_once, who_may_see

SOON_DAYS = 3
KINDS = {
    DeadlineKind.TRIP_REPORT: Kind.TRIP_REPORT,
    DeadlineKind.COMMITMENT: Kind.COMMITMENT,
    DeadlineKind.RENEWAL: Kind.RENEWAL,
    DeadlineKind.HOSTING_APPROVAL: Kind.HOSTING_APPROVAL,
    DeadlineKind.PERIOD_REPORT: Kind.PERIOD_REPORT,
}


@dataclass
class Run:
    reminders: int = 0  # keys sent in this run
    notifications: int = 0


def stage_of(kind: str, on: datetime.date, today: datetime.date) -> str | None:
    """Which reminder a deadline on ``on`` calls for ``today`` (None: nothing yet)."""
    days = (on - today).days
    if kind == DeadlineKind.TRIP_REPORT:
        if 0 < days <= SOON_DAYS:
            return "soon"
        return "today" if days == 0 else ("overdue" if days < 0 else None)
    if kind == DeadlineKind.COMMITMENT:
        if 0 <= days <= SOON_DAYS:
            return "due"
        return "overdue" if days < 0 else None
    if kind == DeadlineKind.PERIOD_REPORT:
        return "missing" if days < 0 else None
    # Renewals and hosting approvals: from their day on (a hosted meeting leaves the list once it starts
    # or is submitted; a renewal once its warning day is older than the look-back).
    return "now" if days <= 0 else None


def detail_for(kind: str, stage: str, on: datetime.date) -> str:
    day = formats.date_format(on, "SHORT_DATE_FORMAT")
    texts = {
        "soon": _("The post-trip report is due on %(day)s."),
        "today": _("The post-trip report is due today (%(day)s)."),
        "overdue": _("Overdue since %(day)s."),
        "due": _("Due on %(day)s."),
        "missing": _("Due on %(day)s; see which units have not sent it."),
    }
    if kind == DeadlineKind.RENEWAL:
        return _("The agreement's renewal date: %(day)s. Decide whether to renew it.") % {"day": day}
    if kind == DeadlineKind.HOSTING_APPROVAL:
        return _(
            "The approval to host this international meeting should be filed now (by %(day)s, "
            "40 days before it starts)."
        ) % {"day": day}
    return texts[stage] % {"day": day}


def recipients_for(deadline) -> list:
    """The officers and leaders of the deadline's unit (and of the record's owner), who may see it."""
    units = [deadline.unit]
    if deadline.record is not None:
        units.append(deadline.record.owner_unit)
    ids = members_of(units, min_role=Role.OFFICER)
    if deadline.record is not None:
        return who_may_see(ids, record=deadline.record)
    return who_may_see(ids, unit=deadline.unit)


def run_reminders(today: datetime.date | None = None) -> Run:
    with in_ui_language():
        return _run(today or timezone.localdate())


def _run(today: datetime.date) -> Run:
    start = today - datetime.timedelta(days=settings.REMINDER_LOOKBACK_DAYS)
    end = today + datetime.timedelta(days=SOON_DAYS)
    found = deadlines_between(
        start,
        end,
        kinds=[k for k in KINDS if k != DeadlineKind.PERIOD_REPORT],
        limit=settings.REMINDER_LIMIT,
    ).items
    found += child_reports_missing(start, today - datetime.timedelta(days=1))
    due = []
    for deadline in found:
        stage = stage_of(deadline.kind, deadline.on, today)
        if stage is not None:
            due.append((deadline, stage, f"{deadline.key}:{stage}"))
    # What earlier runs sent costs one query, not the recipients' permission checks.
    sent = set(SentReminder.objects.filter(key__in=[key for *_, key in due]).values_list("key", flat=True))
    run = Run()
    for deadline, stage, key in due:
        if key in sent:
            continue
        created = remind_once(
            key=key,
            due_on=deadline.on,
            users=recipients_for(deadline),
            kind=KINDS[deadline.kind],
            title=deadline.title,
            url=deadline.url,
            detail=detail_for(deadline.kind, stage, deadline.on),
            target=deadline.record,
        )
        if created:
            run.reminders += 1
            run.notifications += len(created)
    return run
