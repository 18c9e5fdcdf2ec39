"""Time the dry run of the other importable kinds (contacts, agreements with a phase and a commitment,
meetings, support with an item): seconds and database queries per row, ROWS rows each (default 1000).

    .venv/bin/python bench/import_kinds.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_kinds_bench .venv/bin/python bench/import_kinds.py
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("SQLITE_PATH", str(Path(tempfile.gettempdir()) / f"bench_kinds_{os.getpid()}.sqlite3"))
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench_kinds_media_"))
from _setup import db_label, setup_django  # noqa: E402

ROWS = int(os.environ.get("ROWS", "1000"))
PARTNER = "Liên hiệp Công đoàn Lào"


def commitment(n: int) -> list:
    from solidarity.records.sheets import sheet

    values = {"agreement": f"#{n + 2}", "phase": "2024–2025", "description": "Trao đổi", "due_year": 2025}
    return [values.get(c.name) for c in sheet("commitments").columns]


def tables(kind: str) -> list[list[list]]:
    from solidarity.records.sheets import sheet

    main = sheet(kind)
    names = [c.name for c in main.columns]
    day = datetime.date(2024, 1, 1)
    common = {"owner_unit": "NA", "partners": PARTNER, "partner": PARTNER}
    values = {
        "contacts": {"full_name": "Bounmy", "languages": "Lào"},
        "agreements": {"title": "Biên bản", "agreement_type": "Memorandum of understanding"},
        "meetings": {"kind": "Seminar", "title": "Hội thảo", "start_on": day, "country": "Lào"},
        "support": {
            "direction": "Given",
            "given_on": day,
            "form": "Equipment",
            "total_vnd": 1_000_000,
            "funding_source": "Union budget",
        },
    }[kind]
    rows = [[{**common, **values}.get(name) for name in names] for _n in range(ROWS)]
    children = {
        "agreements": [
            [[f"#{n + 2}", "2024–2025", 2024, 2025, ""] for n in range(ROWS)],
            [commitment(n) for n in range(ROWS)],
        ],
        "support": [[[f"#{n + 2}", "Máy tính", 1, 1_000_000] for n in range(ROWS)]],
    }.get(kind, [])
    return [rows, *children]


def main() -> None:
    setup_django()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from solidarity.accounts.models import User
    from solidarity.accounts.testing import make_people, make_tree
    from solidarity.imports.services import import_upload
    from solidarity.imports.workbooks import workbook_of
    from solidarity.partners.models import Partner
    from solidarity.partners.services import partner_create
    from solidarity.records.sheets import sheet
    from solidarity.units.models import Unit

    if not User.objects.filter(username="na_officer").exists():
        make_people(make_tree())
    officer = User.objects.get(username="na_officer")
    if not Partner.objects.filter(name=PARTNER).exists():
        partner_create(
            by=officer,
            unit=Unit.objects.get(code="NA"),
            name=PARTNER,
            kind="national_centre",
            country="LA",
        )
    print(
        f"{db_label()}: {ROWS} new rows per kind, dry run (read, every row through the services, roll back)"
    )
    for kind in ("contacts", "agreements", "meetings", "support"):
        main = sheet(kind)
        content = workbook_of(list(zip((main, *main.children), tables(kind), strict=False)))
        began = time.perf_counter()
        queries = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            batch = import_upload(by=officer, kind=kind, upload=SimpleUploadedFile(f"{kind}.xlsx", content))
        took = time.perf_counter() - began
        assert not batch.errors, batch.errors[:3]
        print(
            f"  {kind:<11} {took:6.2f} s  {len(queries) / ROWS:5.1f} queries/row -> {batch.created} to create"
        )


if __name__ == "__main__":
    main()
