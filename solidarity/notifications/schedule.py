"""The periodic schedule: which task runs when, each slot started once whatever restarts.

``manage.py run_schedule`` (a loop beside ``db_worker``: `make run`, or a service in production)
or ``manage.py run_schedule --once`` (from cron) calls :func:`tick`; a slot (the reminders'
interval, the digest's day) is claimed by a row in ``ScheduleSlot`` before its task is queued,
so two schedulers, or one restarted, never queue the same slot twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from .mail import send_digests
from .models import ScheduleSlot
from .reminders import run_reminders


@task()
def send_reminders() -> None:
    run_reminders()


@task()
def send_daily_digests() -> None:
    send_digests()


def slots(now: datetime.datetime) -> dict[str, str]:
    """The slot each task is in at ``now`` (local time); a task due in no slot yet is left out."""
    local = timezone.localtime(now)
    every = max(settings.REMINDER_EVERY_MINUTES, 1)
    minutes = (local.hour * 60 + local.minute) // every * every
    found = {"reminders": f"{local.date().isoformat()} {minutes // 60:02d}:{minutes % 60:02d}"}
    if local.hour >= settings.DIGEST_HOUR:
        found["digest"] = local.date().isoformat()
    return found


TASKS = {"reminders": send_reminders, "digest": send_daily_digests}


def tick(now: datetime.datetime | None = None) -> list[str]:
    """Queue every task whose current slot has not been started yet; returns their names."""
    started = []
    for name, slot in slots(now or timezone.now()).items():
        try:
            with transaction.atomic():
                ScheduleSlot.objects.create(task=name, slot=slot)
                transaction.on_commit(TASKS[name].enqueue)
        except IntegrityError:
            continue  # this slot was started already (another scheduler, or before a restart)
        started.append(name)
    return started
