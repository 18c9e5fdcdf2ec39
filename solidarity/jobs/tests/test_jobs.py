import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from solidarity.jobs import registry
from solidarity.jobs.models import Job, JobState
from solidarity.jobs.services import job_progress, job_start


def _write_rows(job, progress):
    rows = job.params["rows"]
    progress.total(rows)
    path = Path(tempfile.mkstemp(suffix=".csv")[1])
    with path.open("w", encoding="utf-8") as out:
        for n in range(rows):
            out.write(f"{n}\n")
            progress.advance()
    return registry.Outcome(message=f"{rows} rows", path=path, file_name="rows.csv")


def _refuse(job, progress):
    raise ValidationError("Không có quyền.")


def _crash(job, progress):
    raise RuntimeError("boom")


@pytest.fixture(autouse=True)
def _runners(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    registry.register("test-rows", _write_rows)
    registry.register("test-refuse", _refuse)
    registry.register("test-crash", _crash)
    yield
    for kind in ("test-rows", "test-refuse", "test-crash"):
        registry.RUNNERS.pop(kind)


def test_a_job_runs_once_its_transaction_commits_and_keeps_its_file(
    people, django_capture_on_commit_callbacks
):
    officer = people.na_officer
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(owner=officer, kind="test-rows", title="Rows", params={"rows": 3})
        assert Job.objects.get(pk=job.pk).state == JobState.QUEUED  # nothing runs before the commit
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert (job.done, job.total, job.message) == (3, 3, "3 rows")
    assert job.result.read().decode() == "0\n1\n2\n"
    assert job_progress(job) == (3, 3)


def test_a_refusal_is_the_message_and_a_crash_says_so_without_details(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        refused = job_start(owner=people.na_officer, kind="test-refuse", title="x")
        crashed = job_start(owner=people.na_officer, kind="test-crash", title="y")
    refused.refresh_from_db()
    crashed.refresh_from_db()
    assert (refused.state, refused.message) == (JobState.FAILED, "Không có quyền.")
    assert crashed.state == JobState.FAILED and "boom" not in crashed.message


def test_an_unknown_kind_fails_in_the_request(people):
    with pytest.raises(LookupError):
        job_start(owner=people.na_officer, kind="nothing", title="x")


def test_a_job_is_shown_and_downloaded_by_its_owner_only(client, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(owner=people.na_officer, kind="test-rows", title="Rows", params={"rows": 2})
    client.force_login(people.na_officer)
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert page.status_code == 200 and b"Download rows.csv" in page.content
    assert b"hx-trigger" not in page.content  # finished: no more polling
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(download.streaming_content) == b"0\n1\n"
    assert b"Rows" in client.get(reverse("jobs:list")).content
    client.force_login(people.hn_officer)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert b"Rows" not in client.get(reverse("jobs:list")).content


def test_a_running_job_polls_its_progress(client, people):
    job = Job.objects.create(owner=people.na_officer, kind="test-rows", title="Rows", state=JobState.RUNNING)
    from solidarity.jobs.progress import Progress

    progress = Progress(job.pk)
    progress.total(10)
    progress.set(4)
    progress._write(force=True)
    client.force_login(people.na_officer)
    partial = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"})
    assert b'hx-trigger="every 1s"' in partial.content
    assert b'value="4" max="10"' in partial.content


def test_a_job_whose_worker_died_is_shown_as_interrupted(client, people, settings):
    import datetime

    from django.utils import timezone

    settings.JOB_STALL_SECONDS = 60
    job = Job.objects.create(
        owner=people.na_officer,
        kind="test-rows",
        title="Rows",
        state=JobState.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    client.force_login(people.na_officer)
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert b"Interrupted" in page.content and b"hx-trigger" not in page.content


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_job(people, settings):
    # The production path: the task is a row, `manage.py db_worker` takes and runs it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = job_start(owner=people.na_officer, kind="test-rows", title="Rows", params={"rows": 5})
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert (job.state, job.done) == (JobState.DONE, 5)
