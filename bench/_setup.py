"""Shared setup for the benchmark scripts: pick the bench database, then start Django.

SQLite by default (``SQLITE_PATH``, default ``/tmp/bench.sqlite3``); PostgreSQL
when ``DATABASE_URL`` is set. The bench never touches the project's own
``db.sqlite3`` nor the ``test`` PostgreSQL database other engineers use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = "/tmp/bench.sqlite3"
FORBIDDEN_PG_NAMES = {"test", "postgres", "template0", "template1", "solidarity"}


def bench_env() -> dict[str, str]:
    """Environment for Django (this process and the gunicorn server) pointing at the bench DB."""
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if url:
        name = urlparse(url).path.lstrip("/")
        if name in FORBIDDEN_PG_NAMES or "bench" not in name:
            sys.exit(f"refusing DATABASE_URL database {name!r}: use a database whose name contains 'bench'")
    else:
        env["SQLITE_PATH"] = env.get("SQLITE_PATH") or DEFAULT_SQLITE
        if Path(env["SQLITE_PATH"]).resolve() == (ROOT / "db.sqlite3").resolve():
            sys.exit("refusing to use the project's db.sqlite3 for the bench")
    env.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    env.setdefault("DEBUG", "0")
    env["AXES_ENABLED"] = "0"
    env["SECURE_HTTPS"] = "0"
    env["STATIC_MANIFEST"] = "0"
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    env.setdefault("LOG_LEVEL", "ERROR")
    return env


def setup_django() -> dict[str, str]:
    env = bench_env()
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return env


def db_label() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.pg_version // 10000} ({connection.settings_dict['NAME']})"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} ({connection.settings_dict['NAME']})"
