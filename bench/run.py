"""Measure every page against the bench database built by ``bench/generate.py``.

    .venv/bin/python bench/run.py                       # SQLite /tmp/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --merge sqlite.json postgres.json   # one table for both

For three users (a national leader at VGCL, a provincial leader at Nghệ An,
a grassroots leader), every list page of the issue's table, the partner
timeline of the busiest partner, the searches and the detail page of a busy
record of each kind:

1. in-process, through Django's test client: HTTP status, size, the number
   of SQL queries, their time, and the time of the request alone;
2. under load: gunicorn (``--workers 2 --threads 4``, DEBUG off) on
   127.0.0.1, each user signed in through the login form, 8 client threads
   sharing up to ``--requests`` requests per page (one round of 8 when a page
   takes more than 2 s alone), p50/p95/max in ms; then a worker's RSS.

It prints a markdown table like the issue's and, with ``--json``, writes the
figures for ``--merge``. ``--explain`` adds the plans of the slowest queries;
``--sql`` the permission-filtering section (SQL only). Benchmarks print
figures; they never fail on a threshold (``--strict`` fails on errors only,
for the CI smoke run).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import math
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, db_label, setup_django  # noqa: E402

PASSWORD = "Bench-Solidarity-2025!"
HOST = "127.0.0.1"
SCOPES = [
    ("national", "bench_national"),
    ("provincial", "bench_province"),
    ("grassroots", "bench_grassroots"),
]
TARGET_MS = 100


@dataclass
class Page:
    label: str
    paths: dict[str, str | None]  # scope -> URL (None: nothing of that kind in the scope)


@dataclass
class Figure:
    """One page for one user: in-process and under load."""

    status: int = 0
    kb: float = 0.0
    queries: int = 0
    sql_ms: float = 0.0
    alone_ms: float = 0.0
    slowest: list = field(default_factory=list)  # [(ms, sql, params)]
    times: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    note: str = ""

    def p(self, q: float) -> float:
        return pct(self.times, q)


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 8 values is the largest)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, min(len(ordered) - 1, math.ceil(len(ordered) * q) - 1))]


# --- what to measure -----------------------------------------------------------------------------


def busiest(queryset, child, fk: str):
    """The visible, active record of ``queryset`` with the most ``child`` rows, or None.

    The candidates come from one GROUP BY on the child table (cheap), then the
    first one the user may see; a small scope falls back to counting within it.
    """
    from django.db.models import Count

    queryset = queryset.active() if hasattr(queryset, "active") else queryset
    top = list(
        child.objects.order_by()
        .values(fk)
        .annotate(n=Count("pk"))
        .order_by("-n", fk)
        .values_list(fk, flat=True)[:300]
    )
    visible = set(queryset.filter(pk__in=top).values_list("pk", flat=True))
    for pk in top:
        if pk in visible:
            return pk
    related = child._meta.get_field(fk).remote_field.related_name or f"{child._meta.model_name}"
    row = queryset.annotate(n=Count(related)).order_by("-n", "pk").values_list("pk", flat=True).first()
    return row


def pages_for(users: dict) -> list[Page]:
    from django.db.models import Count

    from solidarity.accounts.models import Membership
    from solidarity.agreements.models import Agreement, Commitment
    from solidarity.contacts.models import Contact
    from solidarity.delegations.models import Delegation, Member
    from solidarity.meetings.models import Meeting
    from solidarity.partners.models import Partner
    from solidarity.support.models import Support, SupportItem

    # The busiest partner: the most delegations, meetings, agreements and support with it.
    totals: dict[int, int] = {}
    for through, column in (
        (Delegation.partners.through, "partner_id"),
        (Meeting.partners.through, "partner_id"),
        (Agreement.partners.through, "partner_id"),
        (Support, "partner_id"),
    ):
        rows = through.objects.order_by().values(column).annotate(n=Count("pk")).order_by("-n")[:50]
        for row in rows:
            totals[row[column]] = totals.get(row[column], 0) + row["n"]
    partner = max(totals, key=lambda pk: (totals[pk], -pk)) if totals else Partner.objects.first().pk

    fixed = [
        ("approval queue", "/delegations/queue/"),
        ("home", "/"),
        # Reports read the maintained figures: ten years with every breakdown, and a union period
        # (15/12–14/12) whose edges are read from day rows.
        ("report: ten years", "/reports/?start=2016-01-01&end=2025-12-31"),
        ("report: annual union period", "/reports/?start=2024-12-15&end=2025-12-14"),
        ("period reports: status of the children", "/period-reports/status/"),
        ("partner timeline (busiest partner)", f"/partners/{partner}/"),
        ("commitments", "/agreements/commitments/"),
        ("delegations", "/delegations/"),
        ('search "xieng khoang": partners', "/partners/?q=xieng+khoang"),
        ('search "xieng khoang": units', "/units/?q=xieng+khoang"),
        ('search "xieng khoang": contacts', "/contacts/?q=xieng+khoang"),
        ('search "xieng khoang": agreements', "/agreements/?q=xieng+khoang"),
        ('search "xieng khoang": meetings', "/meetings/?q=xieng+khoang"),
        ('search "xieng khoang": support', "/support/?q=xieng+khoang"),
        ('search "chuyen doi so": delegations', "/delegations/?q=chuyen+doi+so"),
        # The one search box (issue 13): every kind at once, through the search index.
        ('search box "xieng khoang"', "/search/?q=xieng+khoang"),
        ('search box "chuyen doi so" (common words)', "/search/?q=chuyen+doi+so"),
        ('search box "bun pi may" (rare)', "/search/?q=bun+pi+may"),
        ("meetings", "/meetings/"),
        ("support", "/support/"),
        ("agreements", "/agreements/"),
        ("partners", "/partners/"),
        ("contacts", "/contacts/"),
        ("units", "/units/"),
        # Plans and money (issue 11): the generator makes no plans, funds or projects yet, so
        # these measure each page's scope, tallies and children on empty kinds.
        ("annual plans", "/plans/"),
        ("plan vs actual (children, budget by source)", "/plans/actual/?year=2025"),
        ("social funds", "/funds/"),
        ("social funds: summary", "/funds/summary/"),
        ("sponsorship projects", "/sponsorship/"),
        # People and personal data (issue 12): the generator makes no officers or cases yet, so
        # these measure each page's scope and index on empty kinds.
        ("foreign-affairs officers", "/staff/"),
        ("trainings", "/staff/trainings/"),
        ("migrant workers' cases", "/migrants/"),
        ("data subject requests", "/privacy/requests/"),
        # What the system tells you (issue 13): my work, the calendar (a month and a week of delegations,
        # meetings and deadlines at each scope) and the notifications (none are generated: the scope).
        ("my work", "/my-work/"),
        ("calendar: month", "/calendar/?month=2025-06"),
        ("calendar: week", "/calendar/?week=2025-W25"),
        ("notifications", "/notifications/"),
        # Foreign-affairs information (issue 14): published news items (none generated: the scope).
        ("news items", "/news/"),
        # Data in and out (issue 10).
        ("background jobs", "/jobs/"),
        ("import", "/imports/"),
        ("API: delegations", "/api/delegations/"),
        ("API: partners", "/api/partners/"),
    ]
    pages = [Page(label, dict.fromkeys(users, path)) for label, path in fixed]
    details: dict[str, dict[str, str | None]] = {}
    for scope, user in users.items():
        found = {
            "delegation detail (most members)": (
                busiest(Delegation.objects.visible_to(user), Member, "delegation"),
                "/delegations/{}/",
            ),
            "meeting detail (most follow-ups)": (
                busiest(Meeting.objects.visible_to(user), Commitment, "meeting"),
                "/meetings/{}/",
            ),
            "support detail (most items)": (
                busiest(Support.objects.visible_to(user), SupportItem, "support"),
                "/support/{}/",
            ),
            "agreement detail (most commitments)": (
                agreement := busiest(Agreement.objects.visible_to(user), Commitment, "agreement"),
                "/agreements/{}/",
            ),
            "commitment detail": (
                Commitment.objects.visible_to(user)
                .active()
                .filter(agreement=agreement)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first(),
                "/agreements/commitments/{}/",
            ),
            "contact detail": (
                Contact.objects.visible_to(user)
                .filter(is_active=True, partner__isnull=False)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first(),
                "/contacts/{}/",
            ),
            "unit detail (own unit)": (
                Membership.objects.filter(user=user)
                .order_by("unit__path")
                .values_list("unit", flat=True)
                .first(),
                "/units/{}/",
            ),
        }
        for label, (pk, pattern) in found.items():
            details.setdefault(label, {})[scope] = pattern.format(pk) if pk else None
    pages += [Page(label, paths) for label, paths in details.items()]
    return pages


# --- 1. in-process -------------------------------------------------------------------------------


class QueryTimer:
    """``connection.execute_wrapper``: every query with its parameters and its time (to the microsecond)."""

    def __init__(self) -> None:
        self.queries: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(((time.perf_counter() - start) * 1000, sql, params))


def section_inprocess(pages: list[Page], users: dict, args) -> dict[tuple[str, str], Figure]:
    from django.db import connection
    from django.test import Client

    print("\n## Pages in-process (Django test client, one request at a time)\n", flush=True)
    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: collectstatic is not needed
    figures: dict[tuple[str, str], Figure] = {}
    clients = {}
    for scope, user in users.items():
        clients[scope] = Client(HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="vi")
        clients[scope].force_login(user)
    clients["national"].get("/")  # templates and URL resolvers warm
    print(
        f"  {'page':<40} {'scope':<11} {'status':>6} {'kB':>6} {'queries':>7} {'SQL ms':>8} {'alone ms':>9}"
    )
    for page in pages:
        for scope in users:
            figure = figures[page.label, scope] = Figure()
            path = page.paths.get(scope)
            if path is None:
                figure.note = "nothing in scope"
                continue
            runs = []
            for attempt in range(1 + args.repeat):
                timer = QueryTimer()
                with connection.execute_wrapper(timer):
                    start = time.perf_counter()
                    response = clients[scope].get(path)
                    runs.append((time.perf_counter() - start) * 1000)
                if attempt == 0 and runs[0] > 2000:
                    break  # slow enough: one figure will do
            figure.status = response.status_code
            figure.kb = len(response.content) / 1024
            figure.queries = len(timer.queries)
            figure.sql_ms = sum(ms for ms, _sql, _params in timer.queries)
            figure.slowest = sorted(timer.queries, key=lambda item: -item[0])[:3]
            figure.alone_ms = statistics.median(runs)
            print(
                f"  {page.label[:40]:<40} {scope:<11} {figure.status:>6} {figure.kb:>6.0f} "
                f"{figure.queries:>7} {figure.sql_ms:>8.0f} {figure.alone_ms:>9.0f}",
                flush=True,
            )
    return figures


# --- 2. under load -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Client:
    """A signed-in browser: a new connection per request, the session cookie."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, timeout: float = 120):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Accept-Language": "vi"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}/accounts/login/"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";")[0]
            return response.status, response.getheader("Location"), data
        finally:
            conn.close()

    def login(self, username: str) -> None:
        status, _, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not token:
            raise RuntimeError(f"login page: HTTP {status}")
        body = urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1).decode()}
        )
        status, location, _ = self.request("POST", "/accounts/login/", body)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed: HTTP {status} -> {location}")


def hammer(client: Client, path: str, total: int, clients: int, deadline: float):
    """``clients`` threads share ``total`` requests; none starts after ``deadline``."""
    lock = threading.Lock()
    remaining = [total]
    times: list[float] = []
    errors: list[str] = []

    def worker():
        while True:
            with lock:
                if remaining[0] <= 0 or time.perf_counter() > deadline:
                    return
                remaining[0] -= 1
            start = time.perf_counter()
            try:
                status, _, _ = client.request("GET", path)
            except Exception as exc:  # noqa: BLE001 - a failed request is a figure too
                errors.append(type(exc).__name__)
                continue
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                times.append(elapsed)
                if status != 200:
                    errors.append(str(status))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors


def worker_memory(master: int) -> list[tuple[int, float, float]]:
    """(pid, RSS MB, peak RSS MB) of the gunicorn workers under ``master``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() != str(master):
            continue
        rss = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
        peak = int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
        found.append((int(entry.name), rss, peak))
    return sorted(found)


def section_load(env, pages: list[Page], figures, args) -> dict:
    print(
        f"\n## Pages under load: gunicorn --workers {args.workers} --threads {args.threads}, "
        f"{args.clients} concurrent clients, <= {args.requests} requests per page and user\n",
        flush=True,
    )
    port = free_port()
    server_env = dict(env, PYTHONUNBUFFERED="1")
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "solidarity.wsgi:application", "--bind", f"{HOST}:{port}",
        "--workers", str(args.workers), "--threads", str(args.threads), "--timeout", "300",
        "--log-level", "warning",
    ]  # fmt: skip
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-gunicorn-{port}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        command, cwd=ROOT, env=server_env, stdout=log, stderr=log, start_new_session=True
    )
    overall = time.perf_counter() + args.load_budget
    loads: list[float] = [os.getloadavg()[0]]
    memory = []
    try:
        ready = time.perf_counter() + 60
        while True:
            try:
                if Client(port).request("GET", "/accounts/login/", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.perf_counter() > ready or server.poll() is not None:
                raise RuntimeError(f"gunicorn did not start; see {log.name}")
            time.sleep(0.3)
        print(f"  server: {' '.join(command[1:])}   (log {log.name})")
        clients = {}
        for scope, username in SCOPES:
            clients[scope] = Client(port)
            clients[scope].login(username)
        print(f"  {'page':<40} {'scope':<11} {'n':>4} {'alone':>7} {'p50':>7} {'p95':>7} {'max':>7}  errors")
        for page in pages:
            for scope, _username in SCOPES:
                figure = figures[page.label, scope]
                path = page.paths.get(scope)
                if path is None:
                    continue
                if time.perf_counter() > overall:
                    figure.note = f"load budget of {args.load_budget:.0f} s used up"
                    print(f"  {page.label[:40]:<40} {scope:<11} skipped: {figure.note}")
                    continue
                start = time.perf_counter()
                status, _, _body = clients[scope].request("GET", path)
                alone = (time.perf_counter() - start) * 1000
                # A page slower than 2 s alone gets one round (one request per client), not the full run.
                total = args.requests if alone < 2000 else args.clients
                deadline = min(time.perf_counter() + args.page_budget, overall)
                times, errors = hammer(clients[scope], path, total, args.clients, deadline)
                if status != 200:
                    errors.append(f"{status} alone")
                figure.times, figure.errors = times, errors
                if total < args.requests:
                    figure.note = f"one round (alone {alone:.0f} ms)"
                loads.append(os.getloadavg()[0])
                print(
                    f"  {page.label[:40]:<40} {scope:<11} {len(times):>4} {alone:>7.0f} "
                    f"{figure.p(0.5):>7.0f} {figure.p(0.95):>7.0f} {max(times or [0]):>7.0f}  "
                    f"{','.join(sorted(set(errors))) or '-'}",
                    flush=True,
                )
        memory = worker_memory(server.pid)
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()
    for pid, rss, peak in memory:
        print(f"  worker {pid}: RSS {rss:.0f} MB, peak {peak:.0f} MB")
    return {"memory": memory, "load_min": min(loads), "load_max": max(loads)}


# --- the table -------------------------------------------------------------------------------------


def cell(figure: dict | None) -> str:
    if not figure or figure.get("note") == "nothing in scope":
        return "—"
    if not figure.get("times"):
        return "skipped" if figure.get("note") else "—"
    text = f"{pct(figure['times'], 0.5):.0f}/{pct(figure['times'], 0.95):.0f}"
    return text + ("!" if figure.get("errors") else "")


def queries_cell(row: dict) -> str:
    counts = [row[scope]["queries"] for scope, _ in SCOPES if row.get(scope) and row[scope].get("status")]
    if not counts:
        return "—"
    return str(counts[0]) if len(set(counts)) == 1 else "/".join(map(str, counts))


def table(results: list[dict]) -> str:
    """Markdown: page | queries | national | provincial | grassroots; cells p50/p95 per database."""
    lines = [
        "| page | queries | national | provincial | grassroots |",
        "| --- | --- | --- | --- | --- |",
    ]
    first = results[0]
    for label in first["order"]:
        row = [label, queries_cell(first["pages"][label])]
        for scope, _ in SCOPES:
            row.append(" \\| ".join(cell(result["pages"].get(label, {}).get(scope)) for result in results))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def alone_table(results: list[dict]) -> str:
    """Markdown: one request at a time in-process, "SQL ms/total ms" per database."""
    lines = [
        "| page | kB | national | provincial | grassroots |",
        "| --- | --- | --- | --- | --- |",
    ]
    first = results[0]
    for label in first["order"]:
        sizes = {round(row["kb"]) for row in first["pages"][label].values() if row.get("status")}
        row = [
            label,
            "-".join(map(str, sorted(sizes) and [min(sizes), max(sizes)] if len(sizes) > 1 else sizes)),
        ]
        for scope, _ in SCOPES:
            cells = []
            for result in results:
                figure = result["pages"].get(label, {}).get(scope) or {}
                ok = figure.get("status")
                cells.append(f"{figure['sql_ms']:.0f}/{figure['alone_ms']:.0f}" if ok else "—")
            row.append(" \\| ".join(cells))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def verdict(result: dict) -> str:
    cells = [
        figure
        for row in result["pages"].values()
        for figure in row.values()
        if figure.get("times") and figure.get("note") != "nothing in scope"
    ]
    met = sum(1 for figure in cells if pct(figure["times"], 0.95) <= TARGET_MS)
    rss = [rss for _pid, rss, _peak in result.get("memory", [])]
    peak = [peak for _pid, _rss, peak in result.get("memory", [])]
    memory = f"; worker RSS {min(rss):.0f}-{max(rss):.0f} MB (peak {max(peak):.0f} MB)" if rss else ""
    return f"{result['db']}: {met} of {len(cells)} page/scope pairs meet p95 ≤ {TARGET_MS} ms{memory}"


def as_json(figures, pages: list[Page], meta: dict) -> dict:
    out = {**meta, "order": [page.label for page in pages], "pages": {}}
    for page in pages:
        row = out["pages"][page.label] = {}
        for scope, _ in SCOPES:
            figure = figures[page.label, scope]
            row[scope] = {
                "path": page.paths.get(scope), "status": figure.status, "kb": round(figure.kb, 1),
                "queries": figure.queries, "sql_ms": round(figure.sql_ms, 1),
                "alone_ms": round(figure.alone_ms, 1),
                "times": [round(t, 1) for t in figure.times], "errors": figure.errors, "note": figure.note,
                "slowest": [
                    (round(ms, 1), sql[:2000], repr(params)[:500]) for ms, sql, params in figure.slowest
                ],
            }  # fmt: skip
    return out


# --- explain -----------------------------------------------------------------------------------------


def section_explain(figures, limit: int) -> None:
    from django.db import connection

    print(f"\n## The {limit} slowest queries (in-process) and their plans\n")
    seen, slow = set(), []
    for (label, scope), figure in figures.items():
        for ms, sql, params in figure.slowest:
            if sql in seen or not sql.lstrip().upper().startswith("SELECT"):
                continue
            seen.add(sql)
            slow.append((ms, label, scope, sql, params))
    for ms, label, scope, sql, params in sorted(slow, key=lambda item: -item[0])[:limit]:
        flat = re.sub(r"\s+", " ", sql)[:600]
        print(f"### {ms:.0f} ms: {label}, {scope}\n    {flat}\n    params: {params!r:.300}")
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
        try:
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql, params)
                rows = cursor.fetchall()
        except Exception as exc:  # noqa: BLE001 - a plan we cannot get is reported, not fatal
            print(f"    (no plan: {exc})\n")
            continue
        for row in rows:
            print(f"      {row[-1] if connection.vendor == 'sqlite' else row[0]}")
        print()


# --- permission filtering, SQL only (--sql) -----------------------------------------------------------------


def timed(fn, repeat: int, budget: float) -> list[float]:
    """Milliseconds of ``fn()``: one warm-up, then ``repeat`` runs or until ``budget`` seconds."""
    fn()
    times: list[float] = []
    deadline = time.perf_counter() + budget
    while len(times) < repeat and (len(times) < 3 or time.perf_counter() < deadline):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def run_raw(sql: str, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def section_permissions(users, args) -> None:
    """Scope filtering vs unfiltered (national) and vs hand-written path-range SQL (province)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from solidarity.accounts.permissions import Role, scope_paths
    from solidarity.contacts.models import Contact
    from solidarity.delegations.models import Delegation

    print("\n## Permission filtering: SQL time, visible_to(user) vs unfiltered / hand-written\n")

    def sql_of(fn) -> str:
        with CaptureQueriesContext(connection) as ctx:
            fn()
        return ctx.captured_queries[-1]["sql"]

    def measure(label: str, fn, base=None) -> list[float]:
        sql = sql_of(fn)
        times = timed(lambda: run_raw(sql), args.sql_repeat, 8.0)
        text = f"  {label:<58} median {statistics.median(times):8.2f} ms   p95 {pct(times, 0.95):8.2f} ms"
        if base:
            text += f"   overhead {(statistics.median(times) / statistics.median(base) - 1) * 100:+6.1f} %"
        print(text, flush=True)
        return times

    national, province = users["national"], users["provincial"]
    for model, order in ((Contact, ("full_name", "pk")), (Delegation, ("-start_on", "-pk"))):
        with translation.override("en"):
            name = str(model._meta.verbose_name_plural)
        base = measure(
            f"{name} page 1, unfiltered", lambda m=model, o=order: list(m.objects.order_by(*o)[:25])
        )
        measure(
            f"{name} page 1, visible_to(national)",
            lambda m=model, o=order: list(m.objects.visible_to(national).order_by(*o)[:25]),
            base,
        )
        prefix = scope_paths(province, Role.VIEWER)[0]
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        table = model._meta.db_table
        columns = ", ".join(f"r.{connection.ops.quote_name(f.column)}" for f in model._meta.concrete_fields)
        order_sql = "r.full_name, r.id" if model is Contact else "r.start_on DESC, r.id DESC"
        hand = (
            f"SELECT {columns} FROM {table} r JOIN units_unit u ON u.id = r.owner_unit_id "
            f"WHERE u.path >= %s AND u.path < %s ORDER BY {order_sql} LIMIT 25"
        )
        base = timed(lambda h=hand, p=[prefix, upper]: run_raw(h, p), args.sql_repeat, 8.0)
        hand_label = f"{name} page 1, hand-written path range (province)"
        print(f"  {hand_label:<58} median {statistics.median(base):8.2f} ms")
        measure(
            f"{name} page 1, visible_to(province)",
            lambda m=model, o=order: list(m.objects.visible_to(province).order_by(*o)[:25]),
            base,
        )


# --- main --------------------------------------------------------------------------------------------------


def merge(paths: list[str]) -> None:
    results = [json.loads(Path(path).read_text()) for path in paths]
    print(f"p50/p95 in ms, {' | '.join(result['db'] for result in results)}:\n")
    print(table(results))
    print(f"\nOne request at a time, in-process: SQL ms/total ms, {' | '.join(r['db'] for r in results)}:\n")
    print(alone_table(results))
    print()
    for result in results:
        print(f"- {verdict(result)}; load average {result['load_start']:.1f} at start, "
              f"{result['load_min']:.1f}-{result['load_max']:.1f} during the load run")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=40, help="requests per page and user under load")
    parser.add_argument("--page-budget", type=float, default=20.0, help="seconds per page and user at most")
    parser.add_argument("--load-budget", type=float, default=3600.0, help="seconds for the whole load run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2, help="extra in-process runs per page (median)")
    parser.add_argument("--skip", default="", help="comma list: inprocess,load")
    parser.add_argument(
        "--only", default="", help="measure only pages whose label contains one of these (comma list)"
    )
    parser.add_argument("--explain", type=int, nargs="?", const=10, default=0, help="plans of the N slowest")
    parser.add_argument("--sql", action="store_true", help="also the permission-filtering SQL section")
    parser.add_argument("--sql-repeat", type=int, default=20)
    parser.add_argument("--json", help="write the figures here (for --merge)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a page errs (CI smoke run)")
    parser.add_argument("--merge", nargs="+", help="print one table from these --json files and stop")
    args = parser.parse_args()
    if args.merge:
        merge(args.merge)
        return
    skip = set(filter(None, args.skip.split(",")))

    env = setup_django()
    from django.core.management import call_command

    # Other engineers add migrations while the bench data sits there: catch up first.
    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection, connections
    from django.utils import translation

    from solidarity.accounts.models import User
    from solidarity.agreements.models import Agreement, Commitment
    from solidarity.contacts.models import Contact
    from solidarity.delegations.models import Delegation, Member
    from solidarity.meetings.models import Meeting
    from solidarity.partners.models import Partner
    from solidarity.support.models import Support
    from solidarity.units.models import Unit

    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    label = db_label()
    print(f"# Solidarity bench: {label}, {os.cpu_count()} CPUs, load average {load_start:.1f} at start, "
          f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")  # fmt: skip
    models = (Unit, Partner, Contact, User, Delegation, Member, Meeting, Support, Agreement, Commitment)
    with translation.override("en"):
        counts = {str(model._meta.verbose_name_plural): model.objects.count() for model in models}
    print("  data: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()))
    by_name = {u.username: u for u in User.objects.filter(username__in=[name for _, name in SCOPES])}
    if len(by_name) != len(SCOPES):
        sys.exit("bench users missing: run bench/generate.py first")
    users = {scope: by_name[name] for scope, name in SCOPES}
    pages = pages_for(users)
    if args.only:
        wanted = [word.strip().lower() for word in args.only.split(",") if word.strip()]
        pages = [page for page in pages if any(word in page.label.lower() for word in wanted)]
    figures = {(page.label, scope): Figure() for page in pages for scope in users}
    if "inprocess" not in skip:
        figures = section_inprocess(pages, users, args)
    meta = {"db": label.split(" (")[0], "vendor": connection.vendor, "load_start": load_start,
            "load_min": load_start, "load_max": load_start, "memory": [], "counts": counts,
            "date": f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
            "settings": {k: getattr(args, k) for k in ("clients", "requests", "workers", "threads")},
            }  # fmt: skip
    if "load" not in skip:
        connections.close_all()
        meta.update(section_load(env, pages, figures, args))
    if args.explain:
        section_explain(figures, args.explain)
    if args.sql:
        section_permissions(users, args)
    result = as_json(figures, pages, meta)
    print(f"\n## Table: p50/p95 in ms under {args.clients} clients, {meta['db']}\n")
    print(table([result]))
    print(
        f"\n{verdict(result)}; load average {meta['load_min']:.1f}-{meta['load_max']:.1f} during the load run"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))
        print(f"figures written to {args.json}")
    elapsed = time.perf_counter() - started
    print(f"\nBench finished in {elapsed:.0f} s; load average {os.getloadavg()[0]:.1f} at end")
    if args.strict:
        failed = [
            f"{label} ({scope}): {figure.status} {','.join(figure.errors)}"
            for (label, scope), figure in figures.items()
            if figure.note != "nothing in scope" and (figure.status not in (0, 200) or figure.errors)
        ]
        if failed:
            sys.exit("pages failed:\n  " + "\n  ".join(failed))


if __name__ == "__main__":
    main()
