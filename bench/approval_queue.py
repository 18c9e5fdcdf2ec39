"""Time the leaders' approval queue for ``bench_national`` on the bench database, with its query plans.

SQLITE_PATH=/tmp/bench.sqlite3 .venv/bin/python bench/approval_queue.py
DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python bench/approval_queue.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import setup_django  # noqa: E402


def main() -> None:
    setup_django()
    from django.db import connection

    from solidarity.accounts.models import User
    from solidarity.delegations import selectors

    user = User.objects.get(username="bench_national")
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    for queue in (selectors.delegation_queue, selectors.meeting_queue):
        rows = queue(user=user)
        start = time.perf_counter()
        count = len(list(rows))
        print(f"{queue.__name__}: {count} rows in {(time.perf_counter() - start) * 1000:.0f} ms")
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(explain + sql, params)
            for row in cursor.fetchall():
                print("   ", row[-1])


if __name__ == "__main__":
    main()
