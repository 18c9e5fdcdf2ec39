"""The text index answers exactly what ``LIKE '%term%'`` answered, and keeps up with every write.

Runs on the database under test (SQLite: FTS5 trigram tables; PostgreSQL:
pg_trgm indexes); see solidarity/core/search.py.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.agreements.models import Agreement
from solidarity.contacts.models import Contact
from solidarity.core.search import contains_q, index_table, repair_sqlite_triggers, text_search
from solidarity.core.text import fold
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.staff.models import Officer, Training
from solidarity.support.filters import SupportFilter
from solidarity.support.models import Support, SupportItem
from solidarity.units.models import Unit

SQLITE = connection.vendor == "sqlite"

NAMES = [
    "Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
    "LHCĐ Xiêng Khoảng (Lào)",
    "Đoàn 50% cán bộ",
    "Quỹ 100_000 đồng",
    'Công đoàn "Đoàn kết" Savannakhet',
    "Nhóm * sao * và (ngoặc)",
    "Back\\slash union",
    "O'Neil Workers' Centre",
    "AND OR NOT NEAR",
    "Confédération générale du travail",
    "Ủy ban Ǹ̂ Ặ đặc biệt",
    "ab",
    "a-b c++ d#e",
    "Đường Đá",
]

TERMS = [
    "xieng khoang",
    "Xiêng Khoảng",
    "XIÊNG",
    "khoảng (lào",
    "ng k",
    "cong doan",
    "doan",
    "đ",
    "d",
    "x",
    "ab",
    "abc",
    "%",
    "50%",
    "0%",
    "_",
    "100_0",
    "0_0",
    '"',
    '"doan',
    'ket" s',
    "*",
    "* sao *",
    "sao*",
    "(ngoac)",
    "\\",
    "back\\s",
    "o'neil",
    "workers'",
    "AND",
    "or not near",
    "NEAR(",
    "-b c",
    "c++",
    "d#e",
    "confederation generale",
    "|",
    " | ",
    "lao) | l",
    "a",
    "zzz",
    "   ",
    "",
    "duong da",
]


@pytest.fixture
def partners(db):
    return [
        Partner.objects.create(name=name, kind=PartnerKind.NATIONAL_CENTRE, country=country)
        for name, country in zip(
            NAMES, ["LA", "LA", "", "", "LA", "", "GB", "IE", "", "FR", "", "", "", ""], strict=True
        )
    ]


def found(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_partner_search_finds_exactly_what_the_substring_search_found(partners):
    for term in TERMS:
        folded = fold(term)
        before = Partner.objects.filter(search_text__contains=folded) if folded else Partner.objects.all()
        expected = {p.pk for p in Partner.objects.all() if folded in p.search_text}
        assert found(Partner.objects.search(term)) == found(before) == expected, term


def test_every_word_search_finds_records_with_each_word_in_any_order(partners):
    hits = found(text_search(Partner.objects.all(), "khoang (lao xieng", every_word=True))
    assert hits == {partners[1].pk}
    assert found(text_search(Partner.objects.all(), "khoang ab", every_word=True)) == set()
    assert found(text_search(Partner.objects.all(), "doan d", every_word=True)) == {
        p.pk for p in partners if "doan" in p.search_text and "d" in p.search_text
    }


@pytest.fixture
def meetings(tree):
    texts = [
        "Hai bên THỐNG NHẤT tăng cường trao đổi",
        "hai bên thống nhất; 50% kinh phí",
        "Agreed: more EXCHANGES",
        "agreed: more exchanges_2025",
        "",
    ]
    return [
        Meeting.objects.create(
            owner_unit=tree.nghe_an,
            kind="seminar",
            title=f"Tọa đàm {i}",
            start_on=datetime.date(2024, 7, 29),
            conclusions=text,
        )  # fmt: skip
        for i, text in enumerate(texts)
    ]


@pytest.mark.parametrize(
    "term",
    ["thống nhất", "THỐNG NHẤT", "Thống", "ống", "NHẤT t", "agreed", "EXCHANGES", "change", "s_2", "0%", "%",
     "_", "ex", "E", "ạ", "bên th"],
)  # fmt: skip
def test_case_insensitive_index_finds_exactly_what_icontains_found(meetings, term):
    indexed = Meeting.objects.filter(contains_q("conclusions", term, ignore_case=True))
    assert found(indexed) == found(Meeting.objects.filter(conclusions__icontains=term))


def test_every_search_box_answers_as_before(tree, partners, meetings):
    delegation = Delegation.objects.create(
        owner_unit=tree.nghe_an, direction="incoming", title="Đoàn Xiêng Khoảng thăm Nghệ An",
        purpose="Chuyển đổi số", start_on=datetime.date(2025, 3, 1), end_on=datetime.date(2025, 3, 5),
    )  # fmt: skip
    agreement = Agreement.objects.create(owner_unit=tree.nghe_an, title="Nghệ An – Xiêng Khoảng 2022-2024")
    contact = Contact.objects.create(owner_unit=tree.nghe_an, full_name="Phu Von", partner=partners[0])
    support = Support.objects.create(
        owner_unit=tree.nghe_an, direction="given", partner=partners[2], given_on=datetime.date(2023, 4, 14),
        form="equipment", total_vnd=1, funding_source="union_budget", description="Ba máy tính XÁCH TAY",
    )  # fmt: skip
    SupportItem.objects.create(support=support, description="Laptop Dell", quantity=3, value_vnd=1)
    for model, term, old in [
        (Delegation, "chuyen doi so", Q(search_text__contains="chuyen doi so")),
        (Agreement, "xieng khoang", Q(search_text__contains="xieng khoang")),
        (Contact, "xieng khoang", Q(search_text__contains="xieng khoang")),
        (Unit, "nghe an", Q(search_text__contains="nghe an")),
    ]:
        assert found(text_search(model.objects.all(), term)) == found(model.objects.filter(old)), model
    assert found(text_search(Delegation.objects.all(), "chuyen doi so")) == {delegation.pk}
    assert found(text_search(Agreement.objects.all(), "xieng khoang")) == {agreement.pk}
    assert found(Contact.objects.search("khoang")) == {contact.pk}
    for term in ["máy tính", "XÁCH", "laptop", "dell", "50%", "doan 50", "xieng"]:
        old = (
            Q(description__icontains=term)
            | Q(partner__in=Partner.objects.filter(search_text__contains=fold(term)))
            | Q(pk__in=SupportItem.objects.filter(description__icontains=term).values("support_id"))
        )
        searched = SupportFilter.filter_text(None, Support.objects.all(), "q", term)
        assert found(searched) == found(Support.objects.filter(old)), term


# -- the index keeps up with writes -------------------------------------------------------------------


def fts_is_consistent(model, column="search_text"):
    """SQLite: FTS5's own check that the index matches the table; PostgreSQL: nothing to check."""
    if SQLITE:
        fts = index_table(model._meta.db_table, column)
        with connection.cursor() as cursor:
            cursor.execute(f'INSERT INTO "{fts}"("{fts}", rank) VALUES (\'integrity-check\', 1)')
    return True


def test_the_index_follows_creation_renaming_and_deletion(db):
    partner = Partner.objects.create(name="Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA")
    assert found(Partner.objects.search("xieng")) == {partner.pk}
    partner.name = "Hủa Phăn"
    partner.save()
    assert found(Partner.objects.search("xieng")) == set()
    assert found(Partner.objects.search("hua phan")) == {partner.pk}
    assert fts_is_consistent(Partner)
    partner.delete()
    assert found(Partner.objects.search("hua phan")) == set()
    assert fts_is_consistent(Partner)


def test_bulk_inserts_and_updates_are_indexed(db):
    Partner.objects.bulk_create(
        Partner(
            name=f"Đối tác {i}",
            name_folded=f"doi tac {i}",
            kind="regional_union",
            search_text=f"doi tac {i:03d}",
        )
        for i in range(300)
    )
    assert Partner.objects.search("doi tac 12").count() == 10  # 120...129
    Partner.objects.filter(search_text__startswith="doi tac 1").update(search_text="renamed")
    assert Partner.objects.search("doi tac 1").count() == 0
    assert Partner.objects.search("renamed").count() == 100
    assert fts_is_consistent(Partner)
    Partner.objects.filter(search_text="renamed").delete()
    assert Partner.objects.search("renamed").count() == 0
    assert Partner.objects.count() == 200
    assert fts_is_consistent(Partner)


def test_rows_written_with_plain_sql_are_indexed(db):
    """The bench generator's way: executemany / COPY straight into the table."""
    partner = Partner.objects.create(name="Template", kind=PartnerKind.REGIONAL_UNION)
    table, columns = (
        Partner._meta.db_table,
        [f.column for f in Partner._meta.concrete_fields if f.column != "id"],
    )
    values = {
        f.column: f.get_db_prep_save(getattr(partner, f.attname), connection)
        for f in Partner._meta.concrete_fields
    }
    rows = []
    for i in range(1, 51):
        row = {**values, "name": f"Raw {i}", "name_folded": f"raw {i}", "search_text": f"raw partner {i}"}
        rows.append([row[column] for column in columns])
    with connection.cursor() as cursor:
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    assert Partner.objects.search("raw partner 4").count() == 11  # 4, 40..49
    assert fts_is_consistent(Partner)


@pytest.mark.skipif(not SQLITE, reason="SQLite keeps its index with triggers")
def test_a_text_index_that_lost_its_triggers_is_repaired(db):
    """GIVEN a migration rebuilt the partners table (SQLite drops its triggers with it)
    WHEN migrate's post_migrate repair runs
    THEN the triggers are back and the rows written meanwhile are found."""
    fts = index_table(Partner._meta.db_table, "search_text")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER "{fts}_insert"')
    partner = Partner.objects.create(name="Chămpasắc", kind=PartnerKind.REGIONAL_UNION, country="LA")
    assert found(Partner.objects.search("champasac")) == set()
    assert repair_sqlite_triggers() == [fts]
    assert found(Partner.objects.search("champasac")) == {partner.pk}
    assert repair_sqlite_triggers() == []
    Partner.objects.create(name="Savannakhet", kind=PartnerKind.REGIONAL_UNION, country="LA")
    assert Partner.objects.search("savannakhet").count() == 1


# -- the index is used --------------------------------------------------------------------------------


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if SQLITE:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: a scan would win otherwise
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("model", "column", "ignore_case"),
    [
        (Partner, "search_text", False),
        (Unit, "search_text", False),
        (Contact, "search_text", False),
        (Agreement, "search_text", False),
        (Delegation, "search_text", False),
        (Meeting, "search_text", False),
        (Meeting, "conclusions", True),
        (Support, "description", True),
        (SupportItem, "description", True),
        (Officer, "search_text", False),
        (Training, "search_text", False),
    ],
)
def test_a_search_of_three_characters_or_more_reads_the_text_index(db, model, column, ignore_case):
    queryset = model.objects.filter(contains_q(column, "xieng", ignore_case=ignore_case)).order_by()
    if SQLITE:
        assert "VIRTUAL TABLE INDEX" in plan(queryset)
        assert index_table(model._meta.db_table, column) in str(queryset.query)
    else:
        assert f"Bitmap Index Scan on {model._meta.db_table}_{column}_trgm" in plan(queryset)


def test_a_short_term_is_a_plain_substring_search(partners):
    assert "MATCH" not in str(Partner.objects.search("xi").query)
    assert found(Partner.objects.search("xi")) == found(Partner.objects.filter(search_text__contains="xi"))


# -- scope --------------------------------------------------------------------------------------------


def test_searching_contacts_stays_within_the_users_scope(client, tree, people):
    Contact.objects.create(owner_unit=tree.nghe_an, full_name="Bun Pi May Xiêng")
    Contact.objects.create(owner_unit=tree.ha_noi, full_name="Bun Khong Xiêng")
    client.login(username=people.na_officer.username, password=PASSWORD)
    page = client.get(reverse("contacts:list"), {"q": "bun xieng"}).content.decode()
    assert "Bun Pi May" not in page  # the words are not side by side
    page = client.get(reverse("contacts:list"), {"q": "xieng"}).content.decode()
    assert "Bun Pi May" in page
    assert "Bun Khong" not in page


def test_a_common_term_is_searched_by_scanning_with_the_same_results(partners, monkeypatch):
    """SQLite reads a term found in many rows by scanning (its planner cannot weigh a MATCH)."""
    from solidarity.core import search

    monkeypatch.setattr(search, "MIN_COMMON", 1)
    monkeypatch.setattr(search, "_narrowing", {})
    common = Partner.objects.search("doan")  # in 3 of the 14 partners: more than 1/50 of them
    if SQLITE:
        assert "MATCH" not in str(common.query)
    assert found(common) == found(Partner.objects.filter(search_text__contains="doan"))
    assert found(Partner.objects.search("savannakhet")) == {partners[4].pk}
