"""Running a job in the worker: its runner, its progress, its outcome kept on the row."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import progress as live
from .models import Job, JobState
from .registry import Outcome, runner_for
from .signals import job_finished

logger = logging.getLogger(__name__)


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
    job_finished.send(sender=Job, job=job)
