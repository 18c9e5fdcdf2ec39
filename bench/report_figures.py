"""How long a report takes to make, without HTTP: ``build_report`` for each scope and period.

    .venv/bin/python bench/report_figures.py                       # SQLite /tmp/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python bench/report_figures.py

For the bench's three users (national, provincial, grassroots) and three
periods (ten years with every breakdown, the union's annual period, whose
edges are read from day rows, and a calendar year), it builds the report
``--repeat`` times and prints the median and the 95th percentile in ms, and
the number of queries one report runs. The targets (issue 9): the national
ten-year report ≤ 300 ms, the provincial and grassroots ones ≤ 100 ms. ``run.py``
times the same reports as pages under 8 concurrent clients.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import db_label, setup_django  # noqa: E402

USERS = {"national": "bench_national", "province": "bench_province", "grassroots": "bench_grassroots"}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.accounts.models import User
    from solidarity.reports import periods
    from solidarity.reports.selectors import BREAKDOWNS, build_report, default_unit

    today = datetime.date(2025, 12, 31)
    cases = {
        "ten years 2016-2025": periods.years(2016, 2025),
        "annual union period 2025": periods.annual_report(2025),
        "year 2024": periods.year(2024),
    }
    print(f"build_report on {db_label()}, {args.repeat} runs each (median / p95 ms, queries)")
    for scope, username in USERS.items():
        user = User.objects.get(username=username)
        unit = default_unit(user)
        # As the page makes them: the national one ranks the partners only on request (&partners=1).
        runs = [(label, period, page_breakdowns(unit)) for label, period in cases.items()]
        if unit.depth == 1:
            runs.append(("ten years + partners", cases["ten years 2016-2025"], BREAKDOWNS))
        for label, period, breakdowns in runs:
            kwargs = dict(user=user, unit=unit, period=period, today=today, breakdowns=breakdowns)
            build_report(**kwargs)  # warm
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                build_report(**kwargs)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                build_report(**kwargs)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            print(
                f"  {scope:<10} {label:<26} median {statistics.median(times):7.1f}  p95 {p95:7.1f}  "
                f"queries {len(queries)}",
                flush=True,
            )


def page_breakdowns(unit):
    from solidarity.reports.selectors import BREAKDOWNS

    return BREAKDOWNS if unit.depth > 1 else tuple(b for b in BREAKDOWNS if b != "partner")


if __name__ == "__main__":
    main()
