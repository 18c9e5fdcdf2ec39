"""Every query of the list pages for the three bench users, timed, with the plans of the slow ones.

SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/list_queries.py [--only delegations,support] [--plans 5]
DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python bench/list_queries.py

For each page and user: the queries the page makes (ms, first characters of
the SQL), the median of ``--repeat`` requests, then the plans of the queries
slower than ``--plans`` ms (EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE,
BUFFERS) on PostgreSQL). Reads only; ``run.py`` gives the page figures.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import db_label, setup_django  # noqa: E402

PAGES = [
    ("delegations", "/delegations/"),
    ("meetings", "/meetings/"),
    ("support", "/support/"),
    ("agreements", "/agreements/"),
    ("commitments", "/agreements/commitments/"),
    ("partners", "/partners/"),
    ("contacts", "/contacts/"),
    ("units", "/units/"),
    ("units search", "/units/?q=truong"),
    ("users", "/users/"),
]
USERS = [("national", "bench_national"), ("provincial", "bench_province"), ("grassroots", "bench_grassroots")]
# The users' list is for administrators; the bench users are leaders. Generated administrators
# of VGCL and of Nghệ An (the first of each in the seeded data) stand in for them.
ADMINS = {"national": "user00151", "provincial": "user00310"}


def flat(sql: str) -> str:
    return re.sub(r"\s+", " ", sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="pages whose name contains one of these (comma list)")
    parser.add_argument("--scopes", default="", help="national,provincial,grassroots (default all)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plans", type=float, default=5.0, help="plans of queries slower than this (ms)")
    parser.add_argument("--query", default="", help="extra query string for every page, e.g. page=3")
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    from solidarity.accounts.models import User

    warnings.filterwarnings("ignore", message="No directory at")
    print(f"# list queries: {db_label()}\n")
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    scopes = [s.strip() for s in args.scopes.split(",") if s.strip()]
    for scope, username in USERS:
        if scopes and scope not in scopes:
            continue
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="vi")
        client.force_login(User.objects.get(username=username))
        client.get("/")
        for name, path in PAGES:
            if wanted and not any(w in name for w in wanted):
                continue
            if name == "users":
                if scope not in ADMINS:
                    continue
                client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="vi")
                client.force_login(User.objects.get(username=ADMINS[scope]))
            if args.query:
                path += ("&" if "?" in path else "?") + args.query
            runs, queries = [], []
            for _ in range(args.repeat):
                captured: list[tuple[float, str, object]] = []

                def timer(execute, sql, params, many, context, captured=captured):
                    start = time.perf_counter()
                    try:
                        return execute(sql, params, many, context)
                    finally:
                        captured.append(((time.perf_counter() - start) * 1000, sql, params))

                with connection.execute_wrapper(timer):
                    start = time.perf_counter()
                    response = client.get(path)
                    runs.append((time.perf_counter() - start) * 1000)
                queries.append(captured)
            sql_ms = statistics.median(sum(q[0] for q in run) for run in queries)
            print(
                f"## {name} ({scope}): {response.status_code}, {len(queries[-1])} queries, "
                f"SQL {sql_ms:.1f} ms, total {statistics.median(runs):.1f} ms"
            )
            for index, (_ms, sql, _params) in enumerate(queries[-1]):
                ms = statistics.median(run[index][0] for run in queries if len(run) > index)
                print(f"   {ms:8.2f} ms  {flat(sql)[:150]}")
            for index, (_ms, sql, params) in enumerate(queries[-1]):
                ms = statistics.median(run[index][0] for run in queries if len(run) > index)
                if ms < args.plans or not sql.lstrip().upper().startswith("SELECT"):
                    continue
                print(f"\n   plan of the {ms:.1f} ms query: {flat(sql)[:2000]}\n   params {params!r:.300}")
                with connection.cursor() as cursor:
                    cursor.execute(explain + sql, params)
                    for row in cursor.fetchall():
                        print(f"      {row[-1] if connection.vendor == 'sqlite' else row[0]}")
            print(flush=True)


if __name__ == "__main__":
    main()
