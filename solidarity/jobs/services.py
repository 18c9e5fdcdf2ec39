"""Starting a job and running it: the one job mechanism of the app (django-tasks underneath)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import progress as live
from .models import Job, JobState
from .registry import Outcome, runner_for

logger = logging.getLogger(__name__)


def job_start(*, owner, kind: str, title: str, params: dict | None = None) -> Job:
    """A job for ``owner``, queued once the caller's transaction commits (its rows are then there)."""
    runner_for(kind)  # an unknown kind fails here, in the request, not later in the worker
    params = dict(params or {})
    params.setdefault("language", translation.get_language() or settings.LANGUAGE_CODE)
    job = Job.objects.create(owner=owner, kind=kind, title=title[:300], params=params)

    def enqueue():
        from .tasks import run_job

        run_job.enqueue(job.pk)

    transaction.on_commit(enqueue)
    return job


def job_run(job_id: int) -> None:
    """Run a queued job once (the task's body). A job already taken by a worker is left alone."""
    taken = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now()
    )
    if not taken:
        return
    job = Job.objects.select_related("owner").get(pk=job_id)
    progress = live.Progress(job.pk)
    progress.total(None)
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            outcome = runner_for(job.kind)(job, progress)
        except ValidationError as error:
            _finish(job, progress, JobState.FAILED, " ".join(error.messages))
        except Exception:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            message = _("The job stopped on an unexpected error. Please try again or tell the administrator.")
            _finish(job, progress, JobState.FAILED, message)
        else:
            _finish(job, progress, JobState.DONE, outcome.message, outcome)


def _finish(job: Job, progress: live.Progress, state: str, message: str, outcome: Outcome | None = None):
    job.state = state
    job.message = message
    job.done = progress.done
    job.total = progress.count if progress.count is not None else progress.done
    job.finished_at = timezone.now()
    if outcome is not None:
        job.result_url = outcome.url
        if outcome.path is not None:
            job.result_name = outcome.file_name or outcome.path.name
            with outcome.path.open("rb") as handle:
                job.result.save(job.result_name, File(handle), save=False)
            outcome.path.unlink(missing_ok=True)
    job.save()
    live.forget(job.pk)


def job_progress(job: Job) -> tuple[int, int | None]:
    """(done, total): the live figures while it runs, the row's once finished."""
    if not job.is_finished:
        current = live.read(job.pk)
        if current is not None:
            return current
    return job.done, job.total


def jobs_of(user, *, limit: int = 50):
    return Job.objects.filter(owner=user).order_by("-created_at")[:limit]
