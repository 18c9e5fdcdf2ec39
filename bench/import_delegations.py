"""Time a 10,000-row delegation import: the upload's dry run and the real import (issue 10: ≤ 15 s each).

Builds its own small database (a fresh SQLite file, or a PostgreSQL database whose name contains
"bench"), the test tree and people, and an XLSX file of new Nghệ An delegations as an officer
would bring them (ROWS, default 10000; MEMBERS per delegation, default 0), then runs both passes
through the same services as the pages.

    .venv/bin/python bench/import_delegations.py
    SQLITE_PATH=/tmp/bench_import.sqlite3 ROWS=10000 .venv/bin/python bench/import_delegations.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_import_bench \
        .venv/bin/python bench/import_delegations.py
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("SQLITE_PATH", str(Path(tempfile.gettempdir()) / f"bench_import_{os.getpid()}.sqlite3"))
os.environ.setdefault("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")  # the job runs below, timed
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench_import_media_"))
from _setup import db_label, setup_django  # noqa: E402

ROWS = int(os.environ.get("ROWS", "10000"))
MEMBERS = int(os.environ.get("MEMBERS", "0"))


def build_file() -> bytes:
    from solidarity.imports.workbooks import workbook_of
    from solidarity.records.sheets import sheet

    main = sheet("delegations")
    names = [c.name for c in main.columns]
    rows, members = [], []
    start = datetime.date(2024, 1, 1)
    for n in range(ROWS):
        values = {
            "owner_unit": "NA" if n % 3 else "NA-KS",
            "direction": "Outgoing (đoàn ra)",
            "title": f"Đoàn công tác số {n}",
            "purpose": "Trao đổi kinh nghiệm",
            "countries": "Lào",
            "cities": "Viêng Chăn",
            "start_on": start + datetime.timedelta(days=n % 700),
            "end_on": start + datetime.timedelta(days=n % 700 + 4),
            "planned_count": 5,
            "out_of_plan_reason": "Lời mời đột xuất",
        }
        rows.append([values.get(name) for name in names])
        members += [[f"#{n + 2}", f"Người {n}-{m}", "NA", "", "", "Member", "Không"] for m in range(MEMBERS)]
    return workbook_of([(main, rows), (main.children[0], members), (main.children[1], [])])


def main() -> None:
    setup_django()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from solidarity.accounts.models import User
    from solidarity.accounts.testing import make_people, make_tree
    from solidarity.imports.services import import_confirm, import_upload
    from solidarity.jobs.run import job_run

    if not User.objects.filter(username="na_officer").exists():
        make_people(make_tree())
    officer = User.objects.get(username="na_officer")
    content = build_file()
    print(f"{db_label()}: {ROWS} delegation rows, {MEMBERS} members each, file {len(content) // 1024} KB")

    began, cpu = time.perf_counter(), time.thread_time()
    batch = import_upload(by=officer, kind="delegations", upload=SimpleUploadedFile("bench.xlsx", content))
    if batch.job is not None:  # above IMPORT_SYNC_ROWS the dry run is a job: run it here, timed
        job_run(batch.job.pk)
        batch.refresh_from_db()
    dry, dry_cpu = time.perf_counter() - began, time.thread_time() - cpu
    assert not batch.errors, batch.errors[:3]
    print(
        f"  dry run (read, check every row through the services, roll back): {dry:6.2f} s"
        f" (CPU {dry_cpu:.2f} s, {ROWS / dry:.0f} rows/s)  -> {batch.created} to create"
    )

    job = import_confirm(batch=batch, by=officer)
    began, cpu = time.perf_counter(), time.thread_time()  # the job itself, as the worker runs it
    job_run(job.pk)
    real, real_cpu = time.perf_counter() - began, time.thread_time() - cpu
    job.refresh_from_db()
    batch.refresh_from_db()
    assert batch.state == "done", (job.state, job.message)
    print(
        f"  import  (read, write every row through the services, commit):    {real:6.2f} s"
        f" (CPU {real_cpu:.2f} s, {ROWS / real:.0f} rows/s)  -> {batch.created} created"
    )
    print(
        f"  target ≤ 15 s each: {'met' if max(dry, real) <= 15 else 'MISSED'}"
        f"  (load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
