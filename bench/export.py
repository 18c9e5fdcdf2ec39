"""The national delegation list exported: rows per second and peak memory, CSV and XLSX, request and job.

    SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/export.py [--user bench_national] [--memory]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python bench/export.py

Against the bench database of ``bench/generate.py``. Each run exports
``/delegations/`` (all states, archived included: what the national leader's
list can show) through the page itself (``?format=csv``, ``?format=xlsx``,
the limit raised so the request makes the file) and through the export job
(``jobs.services.job_run``, as the worker runs it). ``--memory`` runs each
again under tracemalloc and prints the peak of Python allocations: it stays
flat with the number of rows (the rows are read a chunk at a time, the XLSX
written to disk as it goes). Prints figures; never fails on a threshold.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import db_label, setup_django  # noqa: E402

LIST = "/delegations/?archived="  # empty: current and archived ones


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--user", default="bench_national")
    parser.add_argument("--memory", action="store_true", help="also measure the peak memory (tracemalloc)")
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.test import Client

    from solidarity.accounts.models import User
    from solidarity.delegations.models import Delegation, Member

    settings.ALLOWED_HOSTS = ["*"]
    user = User.objects.get(username=args.user)
    client = Client()
    client.force_login(user)
    total = Delegation.objects.count()
    print(
        f"Export of the delegation list for {args.user} on {db_label()}: {total:,} delegations, "
        f"{Member.objects.count():,} members in the database"
    )
    print(f"{'how':<26}{'rows':>10}{'seconds':>10}{'rows/s':>10}{'file MB':>10}{'peak MB':>10}")

    def in_request(file_format: str):
        settings.EXPORT_SYNC_LIMIT = 10**9
        response = client.get(f"{LIST}&format={file_format}")
        assert response.status_code == 200, response.status_code
        size = rows = 0
        for chunk in response.streaming_content if response.streaming else response:
            size += len(chunk)
            rows += chunk.count(b"\n")
        return size, rows - 1 if file_format == "csv" else None

    def as_job(file_format: str):
        from solidarity.jobs.models import Job
        from solidarity.jobs.services import job_run

        path, query = LIST.split("?")
        job = Job.objects.create(
            owner=user,
            kind="export",
            title="bench",
            params={
                "sheet": "delegations",
                "path": path,
                "query": f"{query}&format={file_format}",
                "format": file_format,
                "language": "vi",
            },
        )
        job_run(job.pk)
        job.refresh_from_db()
        assert job.state == "done", job.message
        size = job.result.size
        rows = job.done
        job.result.delete(save=False)
        job.delete()
        return size, rows

    listed = total
    for label, run, file_format in (
        ("CSV, streamed in request", in_request, "csv"),
        ("XLSX, in request", in_request, "xlsx"),
        ("CSV, as a job", as_job, "csv"),
        ("XLSX, as a job", as_job, "xlsx"),
    ):
        start = time.perf_counter()
        size, rows = run(file_format)
        seconds = time.perf_counter() - start
        listed = rows = rows or listed
        peak = ""
        if args.memory:
            tracemalloc.start()
            run(file_format)
            peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f}"
            tracemalloc.stop()
        print(
            f"{label:<26}{rows:>10,}{seconds:>10.1f}{rows / seconds:>10,.0f}{size / 2**20:>10.1f}{peak:>10}"
        )


if __name__ == "__main__":
    main()
