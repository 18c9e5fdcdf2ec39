"""The Python floor of each page: the CPU one request costs in-process, outside its SQL.

    .venv/bin/python bench/python_floor.py                        # SQLite /tmp/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python bench/python_floor.py
    .venv/bin/python bench/python_floor.py --only delegations,units --scopes grassroots --profile /tmp/p.prof

``run.py`` times requests by the wall clock, which on this shared machine
mostly measures the other engineers' load. This script reads the thread's CPU
time (``time.thread_time``) around each request and around each query it runs,
so the floor (request CPU minus query CPU; on PostgreSQL the query CPU is the
driver's) moves little with the load average. It prints, per page and user,
the median and the minimum over ``--repeat`` requests, and the number of
Python function calls of one request (cProfile): a count that does not depend
on the load at all. Pages whose cost is SQL (home, timelines, queue) are left
to ``run.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import db_label, setup_django  # noqa: E402

SKIPPED = ("approval", "home", "timeline")


class CpuTimer:
    """``connection.execute_wrapper``: CPU time spent inside queries (SQLite runs them in this thread)."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.thread_time()
        try:
            return execute(sql, params, many, context)
        finally:
            self.cpu += time.thread_time() - start
            self.count += 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--scopes", default="provincial,grassroots", help="national, provincial, grassroots")
    parser.add_argument("--only", default="", help="pages whose label contains one of these (comma list)")
    parser.add_argument("--profile", help="write the cProfile of every measured request here")
    args = parser.parse_args()

    setup_django()
    warnings.filterwarnings("ignore", message="No directory at")
    import run  # bench/run.py: the same pages and users
    from django.db import connection
    from django.test import Client

    from solidarity.accounts.models import User

    users = {scope: User.objects.get(username=name) for scope, name in run.SCOPES}
    scopes = [scope for scope in args.scopes.split(",") if scope]
    wanted = [word.strip().lower() for word in args.only.split(",") if word.strip()]
    pages = [
        page
        for page in run.pages_for(users)
        if not any(word in page.label for word in SKIPPED)
        and (not wanted or any(word in page.label.lower() for word in wanted))
    ]
    print(f"# Python floor: {db_label()}, load average {os.getloadavg()[0]:.1f}, {args.repeat} requests each")
    print(f"  {'page':<38} {'scope':<11} {'queries':>7} {'calls':>7}", end=" ")
    print(f"{'floor ms':>8} {'min':>6} {'CPU ms':>7}")
    profile = cProfile.Profile() if args.profile else None
    for scope in scopes:
        client = Client(HTTP_HOST=run.HOST, HTTP_ACCEPT_LANGUAGE="vi")
        client.force_login(users[scope])
        client.get("/units/")  # templates and URL resolvers warm
        for page in pages:
            path = page.paths.get(scope)
            if path is None:
                continue
            client.get(path)
            counting = cProfile.Profile()
            counting.enable()
            client.get(path)
            counting.disable()
            calls = pstats.Stats(counting).total_calls
            floors, totals, queries = [], [], 0
            for _ in range(args.repeat):
                timer = CpuTimer()
                with connection.execute_wrapper(timer):
                    if profile:
                        profile.enable()
                    start = time.thread_time()
                    client.get(path)
                    total = time.thread_time() - start
                    if profile:
                        profile.disable()
                floors.append((total - timer.cpu) * 1000)
                totals.append(total * 1000)
                queries = timer.count
            floor, cpu = statistics.median(floors), statistics.median(totals)
            print(
                f"  {page.label[:38]:<38} {scope:<11} {queries:>7} {calls:>7} {floor:>8.1f} "
                f"{min(floors):>6.1f} {cpu:>7.1f}",
                flush=True,
            )
    if profile:
        profile.dump_stats(args.profile)
        print(f"profile written to {args.profile} (python -m pstats {args.profile})")
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()
