"""Print the benchmark figures for the bench database built by ``bench/generate.py``.

    .venv/bin/python bench/run.py                 # SQLite /tmp/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/run.py

Sections: (a) permission-filtering overhead, SQL only; (b) list pages under
8 concurrent clients against gunicorn on 127.0.0.1; (c) home-page counts and
the units search. ``--explain`` adds the query plans of the slow queries.
Benchmarks print figures; they never fail on a threshold.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, db_label, setup_django  # noqa: E402

PASSWORD = "Bench-Solidarity-2025!"
HOST = "127.0.0.1"


# --- helpers --------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


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


def capture_sql(fn) -> list[str]:
    """The SQL ``fn`` runs, parameters inlined, to replay it raw."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [q["sql"] for q in ctx.captured_queries]


def run_raw(sql: str, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def explain(sql: str, params=None) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    rows = run_raw(prefix + sql, params)
    if connection.vendor == "sqlite":
        return "\n".join(f"    {row[-1]}" for row in rows)
    return "\n".join(f"    {row[0]}" for row in rows)


def line(label: str, times: list[float], base: list[float] | None = None) -> str:
    median, p95 = statistics.median(times), pct(times, 0.95)
    text = f"  {label:<58} median {median:8.2f} ms   p95 {p95:8.2f} ms   n={len(times)}"
    if base:
        over = (statistics.median(times) / statistics.median(base) - 1) * 100
        text += f"   overhead {over:+6.1f} %"
    return text


def next_prefix(prefix: str) -> str:
    """Smallest string above every path that starts with ``prefix`` (paths are 0-9A-Z)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# --- (a) permission filtering ------------------------------------------------------


def section_permissions(users, args) -> None:
    from django.db import connection
    from django.db.models import Count, Q

    from solidarity.accounts.permissions import Role, forget_scope, scope_paths, units_visible_to
    from solidarity.contacts.models import Contact
    from solidarity.partners.filters import PartnerFilter
    from solidarity.partners.models import Partner
    from solidarity.units.models import Unit

    print("\n## (a) Permission filtering: SQL time, visible_to(user) vs unfiltered / hand-written\n")
    national, province = users["bench_national"], users["bench_province"]
    rel = ("owner_unit", "partner", "unit")
    plans: dict[str, str] = {}

    def measure(label: str, fn, base: list[float] | None = None) -> list[float]:
        sqls = capture_sql(fn)
        sql = sqls[-1]
        times = timed(lambda: run_raw(sql), args.repeat, args.budget)
        print(line(label, times, base), flush=True)
        if args.explain and (statistics.median(times) > 20 or base):
            plans[label] = explain(sql)
        return times

    def contacts(user=None):
        qs = Contact.objects.all() if user is None else Contact.objects.visible_to(user)
        return qs.select_related(*rel).filter(is_active=True).order_by("full_name", "pk")

    print("National user (membership at VGCL: same rows as unfiltered)")
    base_page = measure("contacts page 1, unfiltered", lambda: list(contacts()[:25]))
    measure("contacts page 1, visible_to(national)", lambda: list(contacts(national)[:25]), base_page)
    base_count = measure("contacts count, unfiltered", lambda: contacts().count())
    measure("contacts count, visible_to(national)", lambda: contacts(national).count(), base_count)

    def partners(user, **data):
        queryset = Partner.objects.annotate(unit_count=Count("links", filter=Q(links__is_active=True)))
        return PartnerFilter({"active": "1", **data}, queryset=queryset, user=user).qs.order_by("name")

    base_p = measure("partners page 1, no 'mine'", lambda: list(partners(national)[:25]))
    measure(
        "partners page 1, mine=true (national)", lambda: list(partners(national, mine="true")[:25]), base_p
    )
    base_pc = measure("partners count, no 'mine'", lambda: partners(national).count())
    measure("partners count, mine=true (national)", lambda: partners(national, mine="true").count(), base_pc)

    prefixes = scope_paths(province, Role.VIEWER)
    prefix = prefixes[0]
    hi = next_prefix(prefix)
    n_units = Unit.objects.filter(path__startswith=prefix).count()
    n_contacts = contacts(province).count()
    print(
        f"\nProvincial officer (Nghệ An, prefix {prefix!r}: "
        f"{n_units:,} units, {n_contacts:,} active contacts)"
    )
    cols = "c.id, c.full_name, c.title, c.email, u.name, p.name, su.name"
    joins = (
        "FROM contacts_contact c JOIN units_unit u ON u.id = c.owner_unit_id "
        "LEFT JOIN partners_partner p ON p.id = c.partner_id LEFT JOIN units_unit su ON su.id = c.unit_id "
    )
    true = "1" if connection.vendor == "sqlite" else "true"
    raw_page = (
        f"SELECT {cols} {joins} WHERE c.is_active = {true} AND u.path >= %s AND u.path < %s "
        "ORDER BY c.full_name, c.id LIMIT 25"
    )
    raw_count = (
        f"SELECT count(*) FROM contacts_contact c JOIN units_unit u ON u.id = c.owner_unit_id "
        f"WHERE c.is_active = {true} AND u.path >= %s AND u.path < %s"
    )
    raw_units = "SELECT count(*) FROM units_unit WHERE path >= %s AND path < %s"
    assert run_raw(raw_count, [prefix, hi])[0][0] == n_contacts
    hand_page = timed(lambda: run_raw(raw_page, [prefix, hi]), args.repeat, args.budget)
    print(line("contacts page 1, hand-written SQL (path range)", hand_page))
    measure("contacts page 1, visible_to(province)", lambda: list(contacts(province)[:25]), hand_page)
    hand_count = timed(lambda: run_raw(raw_count, [prefix, hi]), args.repeat, args.budget)
    print(line("contacts count, hand-written SQL (path range)", hand_count))
    measure("contacts count, visible_to(province)", lambda: contacts(province).count(), hand_count)
    hand_units = timed(lambda: run_raw(raw_units, [prefix, hi]), args.repeat, args.budget)
    print(line("units count, hand-written SQL (path range)", hand_units))
    measure(
        "units count, units_visible_to(province)",
        lambda: units_visible_to(province).count(),
        hand_units,
    )
    measure("partners count, mine=true (province)", lambda: partners(province, mine="true").count())
    if args.explain:
        plans["hand-written contacts page (province)"] = explain(raw_page, [prefix, hi])

    def fresh_scope():
        forget_scope(province)
        scope_paths(province, Role.VIEWER)

    print(
        line(
            "scope_paths(province), uncached (memberships + successions)",
            timed(fresh_scope, args.repeat, args.budget),
        )
    )
    for label, plan in plans.items():
        print(f"\n  plan: {label}\n{plan}")


# --- (c) home counts and units search -----------------------------------------------


def section_home_and_search(users, args) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.accounts.permissions import forget_scope
    from solidarity.home.selectors import home_counts

    print("\n## (c) Home-page counts and units search (in-process, ORM + SQL)\n")
    for name in ("bench_national", "bench_province"):
        user = users[name]

        def counts(user=user):
            forget_scope(user)
            return home_counts(user=user)

        times = timed(counts, args.repeat, args.budget)
        print(line(f"home_counts({name})", times))
        forget_scope(user)
        with CaptureQueriesContext(connection) as ctx:
            home_counts(user=user)
        for query in ctx.captured_queries:
            sql = query["sql"]
            one = timed(lambda sql=sql: run_raw(sql), 5, 5)
            short = re.sub(r"\s+", " ", sql)[:90]
            print(f"      {statistics.median(one):8.2f} ms  {short}")
            if args.explain and statistics.median(one) > 20:
                print(explain(sql))

    try:
        from solidarity.units import selectors
    except ImportError:
        print("  units selectors not available: units search skipped")
        return
    if not hasattr(selectors, "unit_search"):
        print("  selectors.unit_search missing: units search skipped")
        return
    for name in ("bench_national", "bench_province"):
        user = users[name]
        for text in ("thcs an binh", "cong doan", "Kỳ Sơn"):

            def search(user=user, text=text):
                qs = selectors.unit_search(user=user, text=text)
                page = list(qs[:25])
                if hasattr(selectors, "unit_breadcrumbs"):
                    selectors.unit_breadcrumbs(user=user, units=page)
                return qs.count()

            hits = search()
            print(
                line(
                    f"units search {text!r} ({name}, {hits:,} hits): page+count+crumbs",
                    timed(search, args.repeat, args.budget),
                )
            )
            if args.explain and text == "cong doan" and name == "bench_national":
                sql = capture_sql(
                    lambda user=user, text=text: list(selectors.unit_search(user=user, text=text)[:25])
                )[-1]
                print(explain(sql))


# --- (b) HTTP load ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Client:
    """A logged-in browser: one keep-alive connection per thread, the session cookie."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, timeout: float = 60):
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
            if status != 200:
                errors.append(str(status))
            with lock:
                times.append(elapsed)

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors, time.perf_counter() - start


def section_load(env: dict[str, str], args) -> None:
    from django.db.models import Count

    from solidarity.partners.models import Partner

    print(
        f"\n## (b) Pages under load: gunicorn --workers {args.workers} --threads {args.threads}, "
        f"{args.clients} concurrent clients, <= {args.requests} requests per page\n"
    )
    # The partner detail page of the partner most units work with.
    partner = Partner.objects.alias(link_count=Count("links")).order_by("-link_count", "pk").first()
    pages = [
        ("home", "/"),
        ("partners", "/partners/"),
        ("partners ?q=lien+hiep", "/partners/?q=lien+hiep"),
        ("partners ?mine=true", "/partners/?mine=true"),
        ("contacts", "/contacts/"),
        ("units tree", "/units/"),
        ("units ?q=thcs an binh", "/units/?q=thcs+an+binh"),
        ("partner detail", f"/partners/{partner.pk}/"),
    ]
    port = free_port()
    server_env = dict(env)
    server_env["PYTHONUNBUFFERED"] = "1"
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "solidarity.wsgi:application", "--bind", f"{HOST}:{port}",
        "--workers", str(args.workers), "--threads", str(args.threads), "--timeout", "120",
        "--log-level", "warning",
    ]  # fmt: skip
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-gunicorn-{port}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        command, cwd=ROOT, env=server_env, stdout=log, stderr=log, start_new_session=True
    )
    overall = time.perf_counter() + args.load_budget
    try:
        ready = time.perf_counter() + 30
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
        print(
            f"  {'user / page':<40} {'size':>9} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8} "
            f"{'req/s':>7}  errors"
        )
        summary = []
        for username in ("bench_province", "bench_national"):
            client = Client(port)
            client.login(username)
            for label, path in pages:
                name = f"{username.removeprefix('bench_')} {label}"
                if time.perf_counter() > overall:
                    print(f"  {name:<40} skipped: load budget of {args.load_budget:.0f} s used up")
                    continue
                start = time.perf_counter()
                status, _, body = client.request("GET", path, timeout=120)
                first = (time.perf_counter() - start) * 1000
                if status in (403, 404):
                    print(f"  {name:<40} HTTP {status}: skipped")
                    continue
                # A page slower than 2 s alone gets one round (one request per client), not the full run.
                total = args.requests if first < 2000 else args.clients
                deadline = min(time.perf_counter() + args.page_budget, overall)
                times, errors, wall = hammer(client, path, total, args.clients, deadline)
                if not times:
                    print(f"  {name:<40} no successful request: {errors[:3]}")
                    continue
                note = "" if total == args.requests else f" (alone: {first:.0f} ms; one round only)"
                print(
                    f"  {name:<40} {len(body) / 1024:7.0f}kB {len(times):4d} {pct(times, 0.5):8.0f} "
                    f"{pct(times, 0.95):8.0f} {max(times):8.0f} {len(times) / wall:7.1f}  "
                    f"{','.join(sorted(set(errors))) or '-'}{note}",
                    flush=True,
                )
                summary.append((name, pct(times, 0.95)))
        met = [name for name, p95 in summary if p95 <= 100]
        missed = [f"{name} ({p95:.0f} ms)" for name, p95 in summary if p95 > 100]
        print(f"\n  p95 <= 100 ms: {len(met)}/{len(summary)} pages; over: {', '.join(missed) or 'none'}")
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=50, help="runs per SQL measurement")
    parser.add_argument("--budget", type=float, default=8.0, help="seconds per SQL measurement at most")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=40, help="requests per page and user")
    parser.add_argument("--page-budget", type=float, default=25.0, help="seconds per page at most")
    parser.add_argument("--load-budget", type=float, default=300.0, help="seconds for the whole load section")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--explain", action="store_true", help="print plans of slow queries")
    parser.add_argument("--skip", default="", help="comma list of sections to skip: sql,load,home")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))

    env = setup_django()
    from django.core.management import call_command

    # Other engineers add migrations while the bench data sits there: catch up first.
    call_command("migrate", verbosity=0, interactive=False)
    from solidarity.accounts.models import User
    from solidarity.contacts.models import Contact
    from solidarity.partners.models import Partner, PartnerLink
    from solidarity.units.models import Unit

    started = time.perf_counter()
    load = os.getloadavg()
    print(f"# Solidarity bench: {db_label()}, {os.cpu_count()} CPUs, load average {load[0]:.1f} at start")
    print(
        f"  data: {Unit.objects.count():,} units, {Partner.objects.count():,} partners, "
        f"{PartnerLink.objects.count():,} links, {Contact.objects.count():,} contacts, "
        f"{User.objects.count():,} users"
    )
    users = {u.username: u for u in User.objects.filter(username__in=["bench_national", "bench_province"])}
    if len(users) != 2:
        sys.exit("bench users missing: run bench/generate.py first")
    if "sql" not in skip:
        section_permissions(users, args)
    if "home" not in skip:
        section_home_and_search(users, args)
    if "load" not in skip:
        from django.db import connections

        connections.close_all()
        section_load(env, args)
    print(
        f"\nBench finished in {time.perf_counter() - started:.0f} s; "
        f"load average {os.getloadavg()[0]:.1f} at end"
    )


if __name__ == "__main__":
    main()
