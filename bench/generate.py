"""Build a national-scale dataset, fast, into a separate bench database.

    .venv/bin/python bench/generate.py                      # SQLite, /tmp/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/generate.py

Shape (defaults): 1 VGCL; 34 provinces + 20 central sectoral unions; ~3,300
intermediate units (about a fifth of them district federations ended on
1 July 2025, each merged into a commune union); the rest grassroots, to
150,000 units. 100,000 partners, 150,000 partner links, 100,000 contacts,
3,000 users (plus ``bench_national`` at VGCL and ``bench_province`` at Nghệ An).

Everything is bulk-inserted: treebeard paths, depth and numchild are computed
here, and the denormalised search columns are filled exactly as ``save()``
does. The database is recreated on every run (``--keep`` to skip that).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bench_env, db_label, setup_django  # noqa: E402

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
PASSWORD = "Bench-Solidarity-2025!"
MERGE_DAY = datetime.date(2025, 7, 1)

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
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
GIVEN = [
    "Văn An",
    "Thị Bình",
    "Minh Châu",
    "Quốc Dũng",
    "Thu Hà",
    "Đức Hải",
    "Thanh Hương",
    "Ngọc Lan",
    "Hữu Nam",
]
FOREIGN = [
    "Somchai",
    "Bounmy",
    "Khamla",
    "Sokha",
    "Dara",
    "Wang Wei",
    "Li Na",
    "Kenji Sato",
    "Kim Min-jun",
    "Olga",
]
TITLES = ["Chủ tịch", "Phó Chủ tịch", "Trưởng ban Đối ngoại", "Chuyên viên", "Thư ký", "Giám đốc", ""]


def step(index: int) -> str:
    """Treebeard's base-36 step of width 4 for the ``index``-th child (1-based)."""
    digits = ""
    while index:
        index, rem = divmod(index, 36)
        digits = ALPHABET[rem] + digits
    return digits.rjust(STEPLEN, "0")


_MARKS = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")


def fast_fold(text: str) -> str:
    """``solidarity.core.text.fold`` for our generated text, without a Python loop per character."""
    if not text:
        return ""
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return _SPACES.sub(" ", stripped.lower().replace("đ", "d").replace("ð", "d")).strip()


def fast_fold_join(*parts: str) -> str:
    return " | ".join(fast_fold(part) for part in parts if part)


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


def insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Bulk insert ``rows`` (values for ``columns``) into ``model``'s table.

    The same rows ``bulk_create`` would write, without its per-value Python
    preparation (which costs ~10x the database time here). Every other concrete
    field gets its default, and ``auto_now``/``auto_now_add`` fields the current
    time, prepared once; so a field added to a model later still gets a value.
    """
    from django.db import connection
    from django.db.models import DateField, DateTimeField
    from django.utils import timezone

    fields = {f.name: f for f in model._meta.concrete_fields}
    now = timezone.now()
    extra_names, extra_values = [], []
    for name, field in fields.items():
        if name in columns or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.has_default() or not field.null:
            value = field.get_default()
        else:
            value = None
        extra_names.append(name)
        extra_values.append(field.get_db_prep_save(value, connection))
    dates = [
        i for i, name in enumerate(columns)
        if isinstance(fields[name], DateField) and not isinstance(fields[name], DateTimeField)
    ]  # fmt: skip
    qn = connection.ops.quote_name
    names = [*columns, *extra_names]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table),
        ", ".join(qn(fields[n].column) for n in names),
        ", ".join(["%s"] * len(names)),
    )
    extra = tuple(extra_values)
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            chunk = rows[start : start + 10_000]
            if dates:
                chunk = [tuple(adapt(v) if i in dates else v for i, v in enumerate(row)) for row in chunk]
            cursor.executemany(sql, [row + extra for row in chunk])


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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=150_000)
    parser.add_argument("--intermediate", type=int, default=3_300)
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=150_000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=20250701)
    parser.add_argument("--keep", action="store_true", help="do not drop/recreate the bench database")
    args = parser.parse_args()

    tick = Tick()
    prepare_database(args.keep)
    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import translation

    print(f"Bench database: {db_label()}")
    call_command("migrate", verbosity=0, interactive=False)
    tick("migrate")

    from django.contrib.auth.hashers import make_password
    from django_countries import countries

    from solidarity.accounts.models import Membership, User
    from solidarity.contacts.models import Contact
    from solidarity.core.text import fold, fold_join
    from solidarity.partners.models import Partner, PartnerLink
    from solidarity.units.models import Unit, UnitSuccession

    translation.activate("vi")  # Partner.save() folds the country name in the active language
    rng = random.Random(args.seed)

    with transaction.atomic():
        units, ended_districts, by_province = build_units(rng, args.units, args.intermediate)
        for row in rng.sample(units, 500):  # our fast fold must equal the app's fold
            assert row[10] == fold_join(row[3], row[4], row[5]), row
        tick(f"units computed ({len(units):,})")
        insert(Unit, UNIT_COLUMNS, units)
        tick("units inserted")
        path_to_id = dict(Unit.objects.values_list("path", "id"))
        by_level: dict[int, list[int]] = {}
        for uid, level in Unit.objects.filter(valid_to__isnull=True).values_list("id", "level"):
            by_level.setdefault(level, []).append(uid)

        successions = [
            (
                path_to_id[district],
                path_to_id[rng.choice(by_province[province])],
                "merge",
                MERGE_DAY,
                "Sắp xếp 01/7/2025",
            )
            for district, province in ended_districts
        ]
        insert(UnitSuccession, ["predecessor", "successor", "kind", "effective_date", "note"], successions)
        tick(f"successions ({len(successions):,})")

        def pick_unit(weights: dict[int, float]) -> int:
            level = rng.choices(list(weights), weights=list(weights.values()))[0]
            return rng.choice(by_level[level])

        # Partners ---------------------------------------------------------
        codes, cweights = zip(*COUNTRIES, strict=True)
        country_name = {code: str(countries.name(code)) if code else "" for code in codes}
        partners = []
        seen: set[tuple[str, str]] = set()
        n = 0
        while len(partners) < args.partners:
            n += 1
            vi, en, kind = rng.choice(PARTNER_TEMPLATES)
            place, sector = rng.choice(PLACES), rng.choice(PARTNER_SECTORS)
            country = rng.choices(codes, weights=cweights)[0]
            name = f"{vi.format(p=place, s=sector)} {n}"
            original = f"{en.format(p=place, s=sector)} {n}"
            short = "".join(word[0] for word in original.split()[:4]).upper() + str(n)
            folded = fast_fold(name)
            if (folded, country) in seen:
                continue
            seen.add((folded, country))
            search = fast_fold_join(name, original, short, country_name[country])  # as Partner.save()
            partners.append(
                (name, original, short, kind, country, f"{n} {place}", rng.random() < 0.97, folded, search)
            )
        for row in rng.sample(partners, 500):
            assert row[7] == fold(row[0]) and row[8] == fold_join(
                row[0], row[1], row[2], country_name[row[4]]
            )
        tick(f"partners computed ({len(partners):,})")
        insert(
            Partner,
            ["name", "name_original", "short_name", "kind", "country", "address", "is_active", "name_folded",
             "search_text"],
            partners,
        )  # fmt: skip
        partner_names = dict(Partner.objects.values_list("id", "name"))
        partner_ids = list(partner_names)
        tick("partners inserted")

        link_weights = {1: 0.03, 2: 0.27, 3: 0.35, 4: 0.35}
        link_keys: set[tuple[int, int]] = {(pid, pick_unit(link_weights)) for pid in partner_ids}
        while len(link_keys) < args.links:
            link_keys.add((rng.choice(partner_ids), pick_unit(link_weights)))
        link_list = sorted(link_keys)
        insert(
            PartnerLink, ["partner", "unit", "is_active"], [(p, u, rng.random() < 0.95) for p, u in link_list]
        )
        tick(f"partner links ({len(link_list):,})")

        # Contacts ---------------------------------------------------------
        unit_names = dict(Unit.objects.values_list("id", "name"))
        contacts = []
        for i in range(args.contacts):
            roll = rng.random()
            partner_id = unit_id = None
            organisation = ""
            if roll < 0.8:  # a person at a partner, recorded by a unit working with it
                partner_id, owner = rng.choice(link_list)
                full_name = f"{rng.choice(FOREIGN)} {rng.choice(SURNAMES)} {i}"
                org = partner_names[partner_id]
            else:
                owner = pick_unit({1: 0.05, 2: 0.3, 3: 0.35, 4: 0.3})
                full_name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {i}"
                if roll < 0.9:
                    unit_id = owner
                    org = unit_names[unit_id]
                else:
                    org = organisation = f"Viện Nghiên cứu {rng.choice(PARTNER_SECTORS)}"
            title = rng.choice(TITLES)
            email = f"contact{i}@example.org" if rng.random() < 0.6 else ""
            phone = f"+84 9{rng.randrange(10**8):08d}" if rng.random() < 0.5 else ""
            search = fast_fold_join(full_name, title, org, email, phone)  # as Contact.save()
            contacts.append(
                (
                    owner,
                    full_name,
                    title,
                    partner_id,
                    unit_id,
                    organisation,
                    email,
                    phone,
                    rng.random() < 0.96,
                    search,
                )
            )
        insert(
            Contact,
            ["owner_unit", "full_name", "title", "partner", "unit", "organisation", "email", "phone",
             "is_active", "search_text"],
            contacts,
        )  # fmt: skip
        tick(f"contacts ({len(contacts):,})")

        # Users --------------------------------------------------------------
        password = make_password(PASSWORD)  # hashed once and shared: Argon2 x 3,000 costs minutes
        users = [
            User(username="bench_national", full_name="Cán bộ Ban Quốc tế TLĐ", password=password),
            User(username="bench_province", full_name="Cán bộ đối ngoại LĐLĐ Nghệ An", password=password),
        ]
        users += [
            User(username=f"user{i:05d}", full_name=f"Người dùng {i}", password=password)
            for i in range(args.users)
        ]
        User.objects.bulk_create(users, batch_size=2000)
        user_ids = dict(User.objects.values_list("username", "id"))
        memberships = [
            Membership(user_id=user_ids["bench_national"], unit_id=path_to_id[units[0][0]], role=20),
            Membership(user_id=user_ids["bench_province"], unit_id=Unit.objects.get(code="P09").pk, role=20),
        ]
        member_weights = {1: 0.01, 2: 0.15, 3: 0.4, 4: 0.44}
        for i in range(args.users):
            uid = user_ids[f"user{i:05d}"]
            for unit_id in {pick_unit(member_weights) for _ in range(1 if rng.random() < 0.9 else 2)}:
                memberships.append(
                    Membership(user_id=uid, unit_id=unit_id, role=rng.choice([10, 20, 20, 30, 40]))
                )
        Membership.objects.bulk_create(memberships, batch_size=2000)
        tick(f"users ({len(users):,}) and memberships ({len(memberships):,})")

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    tick("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    verify()
    tick("verified tree")
    print(f"Generated in {time.perf_counter() - tick.start:.1f} s total", flush=True)


def verify() -> None:
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
    sample = Unit.objects.filter(level=3, numchild__range=(5, 40)).order_by("path").first()
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


if __name__ == "__main__":
    os.chdir(Path(__file__).resolve().parent.parent)
    main()
