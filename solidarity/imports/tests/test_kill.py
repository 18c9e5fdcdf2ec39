"""A worker killed in the middle of an import leaves nothing of it written (one transaction)."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import connection

from solidarity.delegations.models import Delegation
from solidarity.imports.models import BatchState, ImportBatch
from solidarity.imports.services import import_confirm
from solidarity.imports.workbooks import workbook_of
from solidarity.jobs import progress as live
from solidarity.jobs.models import Job, JobState
from solidarity.records.sheets import sheet

ROOT = Path(__file__).resolve().parents[3]
ROWS = 1500


def _database_env() -> dict[str, str] | None:
    """How the worker reaches this test's database, or None when it lives in this process's memory."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user, host, port = db["USER"], db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return {"DATABASE_URL": f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"}
    name = str(db["NAME"])
    if connection.vendor == "sqlite" and not connection.is_in_memory_db() and Path(name).exists():
        return {"SQLITE_PATH": name}
    return None


def _file() -> bytes:
    main = sheet("delegations")
    names = [column.name for column in main.columns]
    rows = []
    for n in range(ROWS):
        values = {
            "owner_unit": "NA",
            "direction": "Outgoing (đoàn ra)",
            "title": f"Kill {n}",
            "countries": "LA",
            "start_on": datetime.date(2025, 4, 1),
            "end_on": datetime.date(2025, 4, 5),
            "out_of_plan_reason": "Theo lời mời của bạn",  # a delegation outside the plan says why
        }
        rows.append([values.get(name) for name in names])
    return workbook_of([(main, rows)])


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_leaves_nothing_written(people, settings, tmp_path):
    database = _database_env()
    if database is None:
        pytest.skip("the test database is in memory: set SQLITE_TEST_PATH or DATABASE_URL to run this test")
    settings.MEDIA_ROOT = str(tmp_path)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    officer = people.na_officer
    # GIVEN a checked file of 1,500 new delegations, confirmed: its job waits for a worker
    batch = ImportBatch(owner=officer, kind="delegations", file_name="kill.xlsx", file_format="xlsx")
    batch.file.save("import.xlsx", ContentFile(_file()), save=False)
    batch.rows = batch.created = ROWS
    batch.save()
    job = import_confirm(batch=batch, by=officer)

    # WHEN a real worker process takes it and is killed once it is well under way
    env = {
        **os.environ,
        **database,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "JOBS_CACHE_DIR": django_settings.CACHES["jobs"]["LOCATION"],
        "MEDIA_ROOT": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "solidarity.settings",
        "LOG_LEVEL": "ERROR",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            current = live.read(job.pk)
            if current and current[0] >= 150:
                break
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            time.sleep(0.2)
        else:
            pytest.fail("the worker never got under way")
        done, total = live.read(job.pk)
        assert done < total  # mid-way
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)

    # THEN none of its rows exists, and the job and the batch say it did not finish
    assert not Delegation.objects.filter(title__startswith="Kill ").exists()
    assert Job.objects.get(pk=job.pk).state == JobState.RUNNING  # shown as interrupted once stalled
    assert ImportBatch.objects.get(pk=batch.pk).state == BatchState.RUNNING
