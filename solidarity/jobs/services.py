"""Starting a job and following it: the one job mechanism of the app (django-tasks underneath).

The worker runs it with :func:`solidarity.jobs.run.job_run`."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from . import progress as live
from .models import Job, JobState
from .registry import runner_for
from .tasks import run_job


def job_start(*, owner, kind: str, title: str, params: dict | None = None) -> Job:
    """A job for ``owner``, queued once the caller's transaction commits (its rows are then there)."""
    runner_for(kind)  # an unknown kind fails here, in the request, not later in the worker
    params = dict(params or {})
    params.setdefault("language", translation.get_language() or settings.LANGUAGE_CODE)
    job = Job.objects.create(owner=owner, kind=kind, title=title[:300], params=params)

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_abandon(job: Job, *, message: str) -> None:
    """Mark a job whose worker died as failed, so that what it did can be started again by a new one."""
    job.state, job.finished_at, job.message = JobState.FAILED, timezone.now(), message
    job.save(update_fields=["state", "finished_at", "message"])


def job_progress(job: Job) -> tuple[int, int | None]:
    """(done, total): the live figures while it runs, the row's once finished."""
    if not job.is_finished:
        current = live.read(job.pk)
        if current is not None:
            return current
    return job.done, job.total


def jobs_of(user, *, limit: int = 50):
    return Job.objects.filter(owner=user).order_by("-created_at")[:limit]
