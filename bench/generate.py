"""Build the national-scale bench dataset, fast, into a separate bench database.

    .venv/bin/python bench/generate.py                     # full size, SQLite /tmp/bench.sqlite3
    .venv/bin/python bench/generate.py --scale 0.01        # a hundredth, for quick runs
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python bench/generate.py

Full size (``--scale 1``): 150,000 units (VGCL; 34 provinces and 20 central
sectoral unions; ~3,300 intermediate units, a fifth of the provinces' ones
district federations ended on 1 July 2025 and merged into commune unions;
the rest grassroots), 100,000 partners, 150,000 partner links, 100,000
contacts, 3,000 users; and about a million cooperation records over ten
years (bench/_records.py): 400,000 delegations (1.36 M members, 780 k costs,
programme items), 300,000 meetings, 200,000 support entries (400 k items),
100,000 agreements (phases, signing steps) and 210,000 commitments, with the
workflow events of every record that left draft. Every count follows
``--scale``; ``--units``, ``--delegations``, ... set one count exactly.

Named users, password ``Bench-Solidarity-2025!``: ``bench_national`` (leader
at VGCL), ``bench_province`` (leader at LĐLĐ tỉnh Nghệ An) and
``bench_grassroots`` (leader at the busiest grassroots union of Nghệ An).

Rows go in with COPY (PostgreSQL) or executemany (SQLite), with explicit ids,
foreign-key triggers off while loading and every key checked afterwards;
the denormalised columns are filled exactly as ``save()`` and the services
do, and checked against them on samples. The database is recreated on every
run (``--keep`` reuses an empty one).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bulk import (  # noqa: E402
    Writer,
    check_foreign_keys,
    fast_fold,
    fast_fold_join,
    fast_load,
    reset_sequences,
    write,
)
from _setup import bench_env, db_label, setup_django  # noqa: E402

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
PASSWORD = "Bench-Solidarity-2025!"
MERGE_DAY = datetime.date(2025, 7, 1)
LEADER = 30  # accounts.choices.Role.LEADER: the bench users see the approval queues

# Full-size counts (--scale 1) and the floor of each at small scales.
SIZES = {
    "units": (150_000, 400), "intermediate": (3_300, 60), "partners": (100_000, 100), "links": (150_000, 150),
    "contacts": (100_000, 50), "users": (3_000, 20), "agreements": (100_000, 50),
    "commitments": (210_000, 100),
    "delegations": (400_000, 200), "meetings": (300_000, 150), "support": (200_000, 100),
}  # fmt: skip
MEETING_COMMITMENT_SHARE = 0.2  # the rest of the commitments hang on agreements

PROVINCES = [
    # (name, weight ~ size of the provincial federation)
    ("Hà Nội", 3.0), ("Huế", 0.8), ("Lai Châu", 0.4), ("Điện Biên", 0.5), ("Sơn La", 0.6),
    ("Lạng Sơn", 0.6), ("Quảng Ninh", 1.0), ("Thanh Hóa", 1.5), ("Nghệ An", 1.4), ("Hà Tĩnh", 0.8),
    ("Cao Bằng", 0.5), ("Tuyên Quang", 0.9), ("Lào Cai", 0.9), ("Thái Nguyên", 1.0), ("Phú Thọ", 1.4),
    ("Bắc Ninh", 1.5), ("Hưng Yên", 1.2), ("Hải Phòng", 1.6), ("Ninh Bình", 1.2), ("Quảng Trị", 0.8),
    ("Đà Nẵng", 1.3), ("Quảng Ngãi", 1.0), ("Gia Lai", 1.1), ("Khánh Hòa", 1.0), ("Lâm Đồng", 1.3),
    ("Đắk Lắk", 1.1), ("Hồ Chí Minh", 3.5), ("Đồng Nai", 1.6), ("Tây Ninh", 1.1), ("Cần Thơ", 1.1),
    ("Vĩnh Long", 1.0), ("Đồng Tháp", 1.0), ("Cà Mau", 0.8), ("An Giang", 1.1),
]  # fmt: skip
SECTORS = [
    "Giáo dục Việt Nam", "Y tế Việt Nam", "Công Thương Việt Nam", "Giao thông Vận tải Việt Nam",
    "Xây dựng Việt Nam", "Nông nghiệp và Phát triển nông thôn Việt Nam", "Ngân hàng Việt Nam",
    "Dệt May Việt Nam", "Điện lực Việt Nam", "Dầu khí Việt Nam", "Than - Khoáng sản Việt Nam",
    "Bưu điện Việt Nam", "Cao su Việt Nam", "Hàng không Việt Nam", "Đường sắt Việt Nam",
    "Viên chức Việt Nam", "Quốc phòng", "Công an nhân dân", "Tài chính Việt Nam", "Thông tin và Truyền thông",
]  # fmt: skip
WORDS = (
    "An Bình Hòa Phú Thạnh Tân Long Hưng Thịnh Phước Đông Tây Nam Bắc Trung Minh Quang Thuận Lợi Mỹ "
    "Hải Sơn Lâm Thủy Kim Ngọc Hồng Lạc Vĩnh Xuân Thu Hạ Đức Nghĩa Tiến Thành Công Phong Định Khánh"
).split()
GRASSROOTS = [
    "Công đoàn cơ sở Trường Tiểu học {w}", "Công đoàn cơ sở Trường THCS {w}",
    "Công đoàn cơ sở Trường THPT {w}",
    "Công đoàn Công ty TNHH {w}", "Công đoàn Công ty Cổ phần {w}", "Công đoàn cơ sở UBND xã {w}",
    "Nghiệp đoàn {w}", "Công đoàn cơ sở Bệnh viện {w}", "Công đoàn cơ sở Trạm Y tế {w}",
    "Công đoàn Chi nhánh Ngân hàng {w}", "Công đoàn cơ sở Trường Mầm non {w}",
]  # fmt: skip
INTERMEDIATE = [
    ("Công đoàn phường {w}", "commune_union"),
    ("Công đoàn xã {w}", "commune_union"),
    ("Công đoàn các Khu công nghiệp {w}", "industrial_zone_union"),
    ("Công đoàn ngành Giáo dục {w}", "provincial_sector_union"),
    ("Công đoàn ngành Y tế {w}", "provincial_sector_union"),
]
COUNTRIES = [
    ("LA", 12), ("KH", 6), ("CN", 10), ("JP", 8), ("KR", 8), ("TH", 6), ("MM", 3), ("ID", 4), ("MY", 3),
    ("PH", 3), ("SG", 3), ("IN", 3), ("RU", 4), ("CU", 3), ("FR", 3), ("DE", 3), ("SE", 2), ("NO", 2),
    ("DK", 2), ("FI", 2), ("GB", 2), ("US", 3), ("AU", 3), ("NZ", 1), ("CH", 2), ("BE", 2), ("IT", 2),
    ("ES", 1), ("PT", 1), ("BR", 1), ("AR", 1), ("ZA", 1), ("VE", 1), ("KP", 1), ("MN", 1), ("BD", 1),
    ("NP", 1), ("LK", 1), ("TL", 1), ("", 2),
]  # fmt: skip
PLACES = [
    "Xiêng Khoảng", "Hủa Phăn", "Luông Pha Băng", "Chăm Pa Sắc", "Sa Vẳn Na Khệt", "Bò Kẹo", "Viêng Chăn",
    "Quảng Tây", "Vân Nam", "Quảng Đông", "Kanagawa", "Osaka", "Gyeonggi", "Busan", "Bangkok",
    "Phnôm Pênh", "Xiêm Riệp", "Stung Treng", "Rattanakiri", "Yangon", "Havana", "Moskva", "Sankt-Peterburg",
]  # fmt: skip
PARTNER_TEMPLATES = [
    ("Liên hiệp Công đoàn tỉnh {p}", "Provincial Trade Union Federation of {p}", "regional_union"),
    ("Liên hiệp Công đoàn ngành {s}", "Federation of {s} Workers", "sectoral_union"),
    ("Tổng Công hội {p}", "Federation of Trade Unions of {p}", "national_centre"),
    ("Công đoàn {s} {p}", "{s} Workers Union of {p}", "sectoral_union"),
    ("Hiệp hội {s} {p}", "{s} Association of {p}", "ngo"),
    ("Tổ chức {s} quốc tế", "International {s} Organisation", "international_federation"),
    ("Văn phòng Dự án {s}", "{s} Project Office", "un_agency"),
    ("Đại sứ quán tại {p}", "Embassy in {p}", "embassy"),
    ("Quỹ Hợp tác {s}", "{s} Cooperation Fund", "ngo"),
    ("Trung tâm Đoàn kết {s}", "{s} Solidarity Centre", "other"),
]
PARTNER_SECTORS = [
    "Giáo dục", "Y tế", "Dệt may", "Xây dựng", "Nông nghiệp", "Giao thông", "Điện lực", "Khai mỏ", "Dịch vụ",
    "Thương mại", "Ngân hàng", "Du lịch", "Hóa chất", "Cơ khí", "Thủy sản", "Lâm nghiệp",
]  # fmt: skip
PLACE_COUNTRY = {
    "Xiêng Khoảng": "LA", "Hủa Phăn": "LA", "Luông Pha Băng": "LA", "Chăm Pa Sắc": "LA",
    "Sa Vẳn Na Khệt": "LA", "Bò Kẹo": "LA", "Viêng Chăn": "LA", "Quảng Tây": "CN", "Vân Nam": "CN",
    "Quảng Đông": "CN", "Kanagawa": "JP",
    "Osaka": "JP", "Gyeonggi": "KR", "Busan": "KR", "Bangkok": "TH", "Phnôm Pênh": "KH", "Xiêm Riệp": "KH",
    "Stung Treng": "KH", "Rattanakiri": "KH", "Yangon": "MM", "Havana": "CU", "Moskva": "RU",
    "Sankt-Peterburg": "RU",
}  # fmt: skip
CONTACT_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
CONTACT_GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Hải", "Thanh Hương",
                 "Ngọc Lan",
                 "Hữu Nam"]  # fmt: skip
CONTACT_FOREIGN = ["Somchai", "Bounmy", "Khamla", "Sokha", "Dara", "Wang Wei", "Li Na", "Kenji Sato",
                   "Kim Min-jun", "Olga"]  # fmt: skip
TITLES = ["Chủ tịch", "Phó Chủ tịch", "Trưởng ban Đối ngoại", "Chuyên viên", "Thư ký", "Giám đốc", ""]


def step(index: int) -> str:
    """Treebeard's base-36 step of width 4 for the ``index``-th child (1-based)."""
    digits = ""
    while index:
        index, rem = divmod(index, 36)
        digits = ALPHABET[rem] + digits
    return digits.rjust(STEPLEN, "0")


def prepare_database(keep: bool) -> None:
    env = bench_env()
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        parsed = urlparse(url)
        name = parsed.path.lstrip("/")
        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and not keep:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                exists = None
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    elif not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(env["SQLITE_PATH"] + suffix).unlink(missing_ok=True)


class Tick:
    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()

    def __call__(self, label: str) -> None:
        now = time.perf_counter()
        print(f"  {label:<44} {now - self.last:7.1f} s", flush=True)
        self.last = now


UNIT_COLUMNS = [
    "path", "depth", "numchild", "name", "short_name", "code", "level", "kind", "valid_from", "valid_to",
    "search_text",
]  # fmt: skip


def build_units(rng: random.Random, total: int, intermediate: int):
    """Rows for UNIT_COLUMNS in tree order, plus the ended district federations."""
    rows: list[list] = []
    children_count: dict[str, int] = {}

    def add(parent_path: str, name: str, short_name: str, code: str, level: int, kind: str, valid_from=None,
            valid_to=None) -> str:  # fmt: skip
        n = children_count.get(parent_path, 0) + 1
        children_count[parent_path] = n
        path = parent_path + step(n)
        search = fast_fold_join(name, short_name, code)  # as Unit.save()
        rows.append(
            [path, len(path) // STEPLEN, 0, name, short_name, code, level, kind, valid_from, valid_to, search]
        )
        return path

    vgcl = add("", "Tổng Liên đoàn Lao động Việt Nam", "TLĐ", "VGCL", 1, "confederation")
    level2 = []  # (path, code, weight, is_province)
    for i, (pname, weight) in enumerate(PROVINCES, 1):
        city = pname in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
        name = f"Liên đoàn Lao động {'thành phố' if city else 'tỉnh'} {pname}"
        level2.append(
            (
                add(vgcl, name, f"LĐLĐ {pname}", f"P{i:02d}", 2, "provincial_federation"),
                f"P{i:02d}",
                weight,
                True,
            )
        )
    for i, sname in enumerate(SECTORS, 1):
        kind = "corporation_union" if i > 14 else "sectoral_union"
        level2.append(
            (add(vgcl, f"Công đoàn {sname}", f"CĐ {sname}", f"S{i:02d}", 2, kind), f"S{i:02d}", 0.35, False)
        )

    # Intermediate: provinces get ~90 %; ~20 % of theirs are district federations ended 1/7/2025.
    total_w = sum(weight for *_, weight, _ in level2)
    live: list[tuple[str, str]] = []
    live_weights: list[float] = []
    by_province: dict[str, list[str]] = {}
    ended_districts: list[tuple[str, str]] = []
    for parent, pcode, weight, is_province in level2:
        for j in range(1, max(3, round(intermediate * weight / total_w)) + 1):
            word = f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
            code = f"{pcode}-I{j:03d}"
            if is_province and rng.random() < 0.2:
                path = add(parent, f"Liên đoàn Lao động huyện {word} {j}", f"LĐLĐ huyện {word}", code, 3,
                           "district_federation", valid_to=MERGE_DAY)  # fmt: skip
                ended_districts.append((path, parent))
                continue
            if is_province:
                template, kind = rng.choice(INTERMEDIATE)
            else:
                template, kind = "Công đoàn Tổng công ty {w}", "corporation_union"
            valid_from = MERGE_DAY if kind == "commune_union" else None
            path = add(parent, f"{template.format(w=word)} {j}", "", code, 3, kind, valid_from=valid_from)
            live.append((path, code))
            live_weights.append(rng.lognormvariate(0, 0.8))
            by_province.setdefault(parent, []).append(path)

    # Grassroots: the rest, spread over the in-force intermediate units.
    chosen = sorted(rng.choices(range(len(live)), weights=live_weights, k=total - len(rows)))
    seq: dict[int, int] = {}
    for k in chosen:  # sorted: children of one parent are consecutive, paths in order
        parent, pcode = live[k]
        seq[k] = seq.get(k, 0) + 1
        word = f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
        ended = rng.random() < 0.04
        valid_to = datetime.date(2020 + rng.randrange(6), 1 + rng.randrange(12), 1) if ended else None
        add(parent, f"{rng.choice(GRASSROOTS).format(w=word)} {seq[k]}", "", f"{pcode}-G{seq[k]:04d}", 4,
            "grassroots_union", valid_to=valid_to)  # fmt: skip
    for row in rows:
        row[2] = children_count.get(row[0], 0)
    return [tuple(row) for row in rows], ended_districts, by_province


def verify_tree() -> None:
    """Tree sanity over every unit (depth, parent, numchild); treebeard's own check on a subtree."""
    from collections import Counter

    from solidarity.units.models import Unit

    rows = list(Unit.objects.order_by().values_list("path", "depth", "numchild", "level"))
    paths = {path for path, *_ in rows}
    children = Counter(path[:-STEPLEN] for path, *_ in rows if len(path) > STEPLEN)
    bad = [
        path for path, depth, numchild, _level in rows
        if depth * STEPLEN != len(path) or numchild != children[path]
        or (depth > 1 and path[:-STEPLEN] not in paths) or set(path) - set(ALPHABET)
    ]  # fmt: skip
    if bad:
        sys.exit(f"tree check failed for {len(bad)} units, e.g. {bad[:5]}")
    sample = (
        Unit.objects.filter(level=3, numchild__range=(5, 40)).order_by("path").first()
        or Unit.objects.filter(level=3, numchild__gt=0).order_by("path").first()
    )
    problems = Unit.objects.find_problems(parent=sample)
    if any(problems):
        sys.exit(f"treebeard find_problems on {sample.code}: {problems}")
    child = Unit.objects.filter(path__startswith=sample.path, depth=sample.depth + 1).first()
    assert Unit.objects.get_parent(child).pk == sample.pk
    assert Unit.objects.get_children_count(sample) == sample.numchild
    assert Unit.objects.get_root_nodes().count() == 1
    per_level = Counter(level for *_, level in rows)
    print(f"  tree OK: {len(rows):,} units, per level {dict(sorted(per_level.items()))}; "
          f"find_problems({sample.code}) clean")  # fmt: skip


# --- the directory: partners, links, contacts, users ------------------------------------------------


def make_partners(rng: random.Random, n: int, tick):
    """Partners with ids 1..n; returns their names, countries, places and a popularity ranking."""
    from django_countries import countries

    from solidarity.core.text import fold, fold_join
    from solidarity.partners.models import Partner

    codes, cweights = zip(*COUNTRIES, strict=True)
    # Partner.save() folds the country's name in the active language (Vietnamese here, as for users).
    country_name = {code: str(countries.name(code)) if code else "" for code in codes}
    places_of = defaultdict(list)
    for place, code in PLACE_COUNTRY.items():
        places_of[code].append(place)
    writer = Writer(Partner, ["id", "name", "name_original", "short_name", "kind", "country", "address",
                              "is_active", "name_folded", "search_text"])  # fmt: skip
    names, country_of, place_of, active, samples = {}, {}, {}, [], []
    seen: set[tuple[str, str]] = set()
    star = None  # the busiest partner: the Xiêng Khoảng provincial federation of the demo story
    serial = 0
    while len(names) < n:
        serial += 1
        vi, en, kind = rng.choice(PARTNER_TEMPLATES)
        country = rng.choices(codes, weights=cweights)[0]
        place = (
            rng.choice(places_of[country]) if places_of.get(country) else (country_name[country] or "quốc tế")
        )
        sector = rng.choice(PARTNER_SECTORS)
        name = f"{vi.format(p=place, s=sector)} {serial}"
        original = f"{en.format(p=place, s=sector)} {serial}"
        short = "".join(word[0] for word in original.split()[:4]).upper() + str(serial)
        folded = fast_fold(name)
        if (folded, country) in seen:
            continue
        seen.add((folded, country))
        pid = len(names) + 1
        is_active = rng.random() < 0.97
        search = fast_fold_join(name, original, short, country_name[country])  # as Partner.save()
        writer.add(
            (pid, name, original, short, kind, country, f"{serial} {place}", is_active, folded, search)
        )
        if len(samples) < 300 and rng.random() < 0.05:
            samples.append((name, original, short, country, folded, search))
        names[pid], country_of[pid], place_of[pid] = name, country, place
        if is_active:
            active.append(pid)
        if star is None and is_active and place == "Xiêng Khoảng" and kind == "regional_union":
            star = pid
    for name, original, short, country, folded, search in samples:  # our fast fold must equal the app's
        assert folded == fold(name) and search == fold_join(name, original, short, country_name[country])
    tick(f"partners ({writer.close():,})")
    # Popularity: a long tail (weight 1/(rank+10)); the busiest is the Xiêng Khoảng federation.
    rng.shuffle(active)
    if star is not None:
        active.remove(star)
        active.insert(0, star)
    popularity = [1 / (rank + 10) for rank in range(len(active))]
    return names, country_of, place_of, active, popularity


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every count (0.01 for a quick run)"
    )
    for name, (full, _floor) in SIZES.items():
        parser.add_argument(f"--{name}", type=int, default=None, help=f"exact count (full size {full:,})")
    parser.add_argument("--seed", type=int, default=20250701)
    parser.add_argument(
        "--keep", action="store_true", help="reuse the (empty) bench database, do not recreate"
    )
    args = parser.parse_args()
    sizes = {
        name: getattr(args, name) if getattr(args, name) is not None else max(floor, round(full * args.scale))
        for name, (full, floor) in SIZES.items()
    }

    tick = Tick()
    prepare_database(args.keep)
    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone, translation

    print(f"Bench database: {db_label()}; scale {args.scale:g}: "
          + ", ".join(f"{name} {count:,}" for name, count in sizes.items()), flush=True)  # fmt: skip
    call_command("migrate", verbosity=0, interactive=False)
    tick("migrate")

    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType

    from solidarity.accounts.models import Membership, User
    from solidarity.contacts.models import Contact
    from solidarity.core.text import fold_join
    from solidarity.delegations.models import Delegation
    from solidarity.meetings.models import Meeting
    from solidarity.partners.models import PartnerLink
    from solidarity.units.models import Unit, UnitSuccession

    if Unit.objects.exists():
        sys.exit("the bench database is not empty: drop --keep to recreate it")
    translation.activate("vi")
    rng = random.Random(args.seed)
    today, now = timezone.localdate(), timezone.now()
    fast_load(True)
    started_load = time.perf_counter()

    # Units ------------------------------------------------------------------------------------
    with transaction.atomic():
        rows, ended_districts, by_province = build_units(rng, sizes["units"], sizes["intermediate"])
        for row in rng.sample(rows, min(500, len(rows))):  # our fast fold must equal the app's fold
            assert row[10] == fold_join(row[3], row[4], row[5]), row
        path_to_id = {row[0]: i for i, row in enumerate(rows, 1)}
        # VGCL approves its own delegations (the root always does; the flag says so in the data too).
        writer = Writer(Unit, ["id", *UNIT_COLUMNS, "approves_own"])
        writer.extend((i, *row, row[6] == 1) for i, row in enumerate(rows, 1))
        tick(f"units ({writer.close():,})")
        successions = [
            (path_to_id[district], path_to_id[rng.choice(by_province[province])], "merge", MERGE_DAY,
             "Sắp xếp tổ chức công đoàn từ 01/7/2025")
            for district, province in ended_districts
        ]  # fmt: skip
        writer = Writer(UnitSuccession, ["predecessor_id", "successor_id", "kind", "effective_date", "note"])
        writer.extend(successions)
        tick(f"successions ({writer.close():,})")
    units = {
        i: (row[0], row[6], row[3], row[4], row[7], row[8], row[9]) for i, row in enumerate(rows, 1)
    }  # id -> (path, level, name, short_name, kind, valid_from, valid_to)
    by_level: dict[int, list[int]] = defaultdict(list)
    for uid, (_path, level, *_rest, valid_to) in units.items():
        if valid_to is None:
            by_level[level].append(uid)
    level_weight = {code: weight for code, weight in (
        *((f"P{i:02d}", w) for i, (_name, w) in enumerate(PROVINCES, 1)),
        *((f"S{i:02d}", 0.6) for i in range(1, len(SECTORS) + 1)),
    )}  # fmt: skip
    level2_weight = {i: level_weight[row[5]] for i, row in enumerate(rows, 1) if row[6] == 2}
    code_to_id = {row[5]: i for i, row in enumerate(rows, 1)}
    del rows

    def pick_unit(weights: dict[int, float]) -> int:
        level = rng.choices(list(weights), weights=list(weights.values()))[0]
        return rng.choice(by_level[level])

    # Partners and links ---------------------------------------------------------------------------
    with transaction.atomic():
        partner_name, partner_country, partner_place, popular, popularity = make_partners(
            rng, sizes["partners"], tick
        )
        link_weights = {1: 0.03, 2: 0.27, 3: 0.35, 4: 0.35}
        link_keys: set[tuple[int, int]] = {(pid, pick_unit(link_weights)) for pid in partner_name}
        partner_ids = list(partner_name)
        while len(link_keys) < sizes["links"]:
            link_keys.add((rng.choice(partner_ids), pick_unit(link_weights)))
        link_list = sorted(link_keys)
        links_by_unit: dict[int, list[int]] = defaultdict(list)
        link_rows = []
        for pid, uid in link_list:
            active = rng.random() < 0.95
            link_rows.append((pid, uid, active))
            if active:
                links_by_unit[uid].append(pid)
        tick(f"partner links ({write(PartnerLink, ['partner_id', 'unit_id', 'is_active'], link_rows):,})")

    # Contacts ---------------------------------------------------------------------------------------
    with transaction.atomic():
        writer = Writer(Contact, ["owner_unit_id", "full_name", "title", "partner_id", "unit_id",
                                  "organisation",
                                  "email", "phone", "is_active", "search_text"])  # fmt: skip
        for i in range(sizes["contacts"]):
            roll = rng.random()
            partner_id = unit_id = None
            organisation = ""
            if roll < 0.8:  # a person at a partner, recorded by a unit working with it
                partner_id, owner = rng.choice(link_list)
                full_name = f"{rng.choice(CONTACT_FOREIGN)} {rng.choice(CONTACT_SURNAMES)} {i}"
                org = partner_name[partner_id]
            else:
                owner = pick_unit({1: 0.05, 2: 0.3, 3: 0.35, 4: 0.3})
                full_name = f"{rng.choice(CONTACT_SURNAMES)} {rng.choice(CONTACT_GIVEN)} {i}"
                if roll < 0.9:
                    unit_id = owner
                    org = units[unit_id][2]
                else:
                    org = organisation = f"Viện Nghiên cứu {rng.choice(PARTNER_SECTORS)}"
            title = rng.choice(TITLES)
            email = f"contact{i}@example.org" if rng.random() < 0.6 else ""
            phone = f"+84 9{rng.randrange(10**8):08d}" if rng.random() < 0.5 else ""
            search = fast_fold_join(full_name, title, org, email, phone)  # as Contact.save()
            writer.add((owner, full_name, title, partner_id, unit_id, organisation, email, phone,
                        rng.random() < 0.96, search))  # fmt: skip
        tick(f"contacts ({writer.close():,})")

    # Users ------------------------------------------------------------------------------------------------
    password = make_password(PASSWORD)  # hashed once and shared: Argon2 x 3,000 costs minutes
    with transaction.atomic():
        users = [User(username=f"user{i:05d}", full_name=f"Người dùng {i}", password=password)
                 for i in range(sizes["users"])]  # fmt: skip
        User.objects.bulk_create(users, batch_size=2000)
        user_ids = dict(User.objects.values_list("username", "id"))
        memberships = []
        member_weights = {1: 0.01, 2: 0.15, 3: 0.4, 4: 0.44}
        for i in range(sizes["users"]):
            uid = user_ids[f"user{i:05d}"]
            for unit_id in {pick_unit(member_weights) for _ in range(1 if rng.random() < 0.9 else 2)}:
                memberships.append(
                    Membership(user_id=uid, unit_id=unit_id, role=rng.choice([10, 20, 20, 30, 40]))
                )
        Membership.objects.bulk_create(memberships, batch_size=2000)
        tick(f"users ({len(users):,}) and memberships ({len(memberships):,})")

    # Cooperation records ---------------------------------------------------------------------------
    import _records

    world = _records.World(
        rng=rng, today=today, now=now, units=units, partner_name=partner_name,
        partner_country=partner_country,
        partner_place=partner_place, partner_pick=_records.Weighted(rng, popular, popularity),
        links_by_unit=links_by_unit, users=list(user_ids.values()),
        content_types={
            "delegation": ContentType.objects.get_for_model(Delegation).pk,
            "meeting": ContentType.objects.get_for_model(Meeting).pk,
        },
        level2_weight=level2_weight,
    )  # fmt: skip
    n_meeting_commitments = round(sizes["commitments"] * MEETING_COMMITMENT_SHARE)
    with transaction.atomic():
        _records.make_agreements(
            world, sizes["agreements"], sizes["commitments"] - n_meeting_commitments, tick
        )
    with transaction.atomic():
        _records.make_meetings(world, sizes["meetings"], n_meeting_commitments, tick)
    with transaction.atomic():
        _records.make_delegations(world, sizes["delegations"], tick)
    with transaction.atomic():
        _records.make_support(world, sizes["support"], tick)

    # The bench users: leaders, so that their approval queues are theirs to see.
    province = code_to_id["P09"]  # LĐLĐ tỉnh Nghệ An
    province_path = units[province][0]
    grassroots = [uid for uid, (path, level, *_r) in units.items() if level == 4 and world.activity[uid]]
    in_province = [uid for uid in grassroots if units[uid][0].startswith(province_path)]
    busiest = max(in_province or grassroots, key=lambda uid: (world.activity[uid], -uid))
    with transaction.atomic():
        named = {
            "bench_national": ("Cán bộ lãnh đạo Ban Quốc tế TLĐ", code_to_id["VGCL"]),
            "bench_province": ("Lãnh đạo LĐLĐ tỉnh Nghệ An", province),
            "bench_grassroots": (f"Chủ tịch {units[busiest][2]}", busiest),
        }
        for username, (full_name, unit_id) in named.items():
            user = User.objects.create(username=username, full_name=full_name, password=password)
            Membership.objects.create(user=user, unit_id=unit_id, role=LEADER)
    tick(f"bench users (grassroots: {units[busiest][2]}, {world.activity[busiest]} records)")
    load_seconds = time.perf_counter() - started_load

    fast_load(False)
    from django.apps import apps

    loaded = [model for model in apps.get_models(include_auto_created=True)
              if model._meta.app_label in ("units", "partners", "contacts", "accounts", "agreements",
                                            "delegations", "meetings", "support", "core")
              and not model._meta.label.split(".")[1].startswith("Historical")]  # fmt: skip
    reset_sequences(loaded)
    problems = check_foreign_keys(loaded) + check_workflow_targets()
    if problems:
        sys.exit("foreign keys broken:\n  " + "\n  ".join(problems))
    tick(f"foreign keys checked ({len(loaded)} tables)")
    # Bulk rows bypass the services, so the maintained figures are made from them in one go.
    from solidarity.figures.rebuild import rebuild

    done = rebuild()
    tick(f"figures rebuilt ({done['figures']:,} from {done['records']:,} counted records)")
    # And the search index (the box in the menu, issue 13) from the same rows.
    from solidarity.search.index import rebuild as rebuild_search

    indexed = rebuild_search()
    tick(f"search index rebuilt ({sum(indexed.values()):,} rows)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    tick("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    verify_tree()
    tick("tree verified")
    verify_records(rng)
    tick("records verified (save() and services on samples; detail pages render)")
    summary(load_seconds)
    print(f"Generated in {time.perf_counter() - tick.start:.1f} s total", flush=True)


def check_workflow_targets() -> list[str]:
    """Workflow events point at their record through a generic key: check those too."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Exists, OuterRef

    from solidarity.core.models import WorkflowEvent
    from solidarity.delegations.models import Delegation
    from solidarity.meetings.models import Meeting

    problems = []
    for model in (Delegation, Meeting):
        events = WorkflowEvent.objects.filter(content_type=ContentType.objects.get_for_model(model))
        orphans = events.exclude(Exists(model.objects.filter(pk=OuterRef("object_id")))).count()
        if orphans:
            problems.append(f"WorkflowEvent: {orphans} events of missing {model._meta.label} rows")
    return problems


class _Rollback(Exception):
    pass


def verify_records(rng: random.Random) -> None:
    """The denormalised columns equal what the app computes; records load and their pages render.

    For samples of every model with a computed column, ``save()`` runs for
    real inside a transaction that is rolled back, and the stored values are
    compared with the generated ones; support totals go through the service's
    ``compute_total``. Then a signed-in national leader opens the detail page
    of sampled records of every kind.
    """
    import warnings

    from django.db import transaction
    from django.test import Client

    from solidarity.accounts.models import User
    from solidarity.agreements.models import Agreement, Commitment
    from solidarity.contacts.models import Contact
    from solidarity.delegations.models import Delegation, Member
    from solidarity.meetings.models import Meeting
    from solidarity.partners.models import Partner
    from solidarity.support.models import Support
    from solidarity.support.services import compute_total
    from solidarity.units.models import Unit

    def sample(model, k: int):
        top = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        pks = {rng.randint(1, top) for _ in range(k * 3)} if top else set()
        return list(model.objects.filter(pk__in=pks)[:k])

    computed = {
        Unit: ["search_text"], Partner: ["name_folded", "search_text"], Contact: ["search_text"],
        Delegation: ["search_text"], Meeting: ["search_text"], Agreement: ["search_text"],
        Member: ["person_key"],
    }  # fmt: skip
    mismatches = []
    for model, names in computed.items():
        for obj in sample(model, 40):
            stored = {name: getattr(obj, name) for name in names}
            try:
                with transaction.atomic():
                    obj.save()
                    saved = model.objects.values(*names).get(pk=obj.pk)
                    raise _Rollback
            except _Rollback:
                pass
            if saved != stored:
                mismatches.append(f"{model._meta.label} {obj.pk}: stored {stored} but save() gives {saved}")
    for support in sample(Support, 60):
        items = [{"value_vnd": v} for v in support.items.values_list("value_vnd", flat=True)]
        money, errors = compute_total(currency=support.currency, amount_original=support.amount_original,
                                      exchange_rate=support.exchange_rate, items=items,
                                      total_vnd=support.total_vnd)  # fmt: skip
        if errors or money["total_vnd"] != support.total_vnd:
            mismatches.append(
                f"Support {support.pk}: total {support.total_vnd}, service says {money or errors}"
            )
    if mismatches:
        sys.exit("denormalised columns differ from the app's:\n  " + "\n  ".join(mismatches[:20]))

    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: collectstatic is not needed
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="bench_national"))
    pages = []
    for model in (Delegation, Meeting, Support, Agreement, Commitment, Contact, Unit, Partner):
        pages += [obj.get_absolute_url() for obj in sample(model, 2)]
    broken = []
    for url in pages:
        response = client.get(url)
        if response.status_code != 200:
            broken.append(f"{url}: HTTP {response.status_code}")
    if broken:
        sys.exit("pages of generated records do not render:\n  " + "\n  ".join(broken))
    print(f"  denormalised columns match save()/services on samples; {len(pages)} detail pages render")


def summary(load_seconds: float) -> None:
    """What the dataset holds, for RESULTS.md."""
    from django.apps import apps
    from django.db.models import Count, Max, Min

    from solidarity.accounts.models import User
    from solidarity.delegations.models import Delegation
    from solidarity.delegations.selectors import delegation_queue, meeting_queue

    counts = []
    for model in apps.get_models(include_auto_created=True):
        if (
            model._meta.app_label
            in (
                "units",
                "partners",
                "contacts",
                "accounts",
                "agreements",
                "delegations",
                "meetings",
                "support",
                "core",
            )
            and "historical" not in model._meta.db_table
        ):
            n = model.objects.count()
            if n:
                counts.append(f"{model._meta.db_table} {n:,}")
    span = Delegation.objects.aggregate(first=Min("start_on"), last=Max("start_on"))
    states = dict(Delegation.objects.order_by().values_list("state").annotate(n=Count("pk")))
    print("  rows: " + "; ".join(counts))
    print(f"  delegations from {span['first']} to {span['last']}; states: "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(states.items(), key=lambda kv: -kv[1])))  # fmt: skip
    for name in ("bench_national", "bench_province", "bench_grassroots"):
        user = User.objects.get(username=name)
        print(f"  {name}: {delegation_queue(user=user).count():,} delegations and "
              f"{meeting_queue(user=user).count():,} meetings waiting for their decision")  # fmt: skip
    print(f"  bulk load (units to bench users, without migrate/checks): {load_seconds:.1f} s")


if __name__ == "__main__":
    os.chdir(Path(__file__).resolve().parent.parent)
    main()
