"""A user's jobs: the list, one job's page with its progress bar (htmx polls it), its file."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .models import Job
from .services import job_progress, jobs_of


def _own_job(request, pk: int) -> Job:
    # Someone else's job does not exist for this user: its file may hold what they may not see.
    return get_object_or_404(Job, pk=pk, owner=request.user)


def _context(job: Job) -> dict:
    done, total = job_progress(job)
    percent = min(100, round(100 * done / total)) if total else None
    return {"job": job, "done": done, "total": total, "percent": percent, "stalled": job.is_stalled()}


@login_required
def job_list(request):
    return render(request, "jobs/job_list.html", {"jobs": jobs_of(request.user)})


@login_required
def job_detail(request, pk: int):
    job = _own_job(request, pk)
    template = "jobs/_job_status.html" if request.htmx else "jobs/job_detail.html"
    return render(request, template, _context(job))


@login_required
def job_download(request, pk: int):
    job = _own_job(request, pk)
    if not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name or None)
