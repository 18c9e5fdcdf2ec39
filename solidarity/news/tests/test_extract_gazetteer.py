"""The gazetteer from the database: upper units and partners in memory, deeper units by indexed query."""

from __future__ import annotations

import datetime
import os
import time

import pytest

from solidarity.core.text import fold_join
from solidarity.news.extract import Gazetteer, extract_article
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.units.choices import UnitKind, UnitLevel
from solidarity.units.models import Unit

ARTICLE = """Sáng 29/7, tại thành phố Vinh, LĐLĐ tỉnh Nghệ An phối hợp với LHCĐ tỉnh Xiêng Khoảng (Lào) \
tổ chức tọa đàm. Dự tọa đàm có đại diện LĐLĐ huyện Kỳ Sơn, Công đoàn Trường THCS Lê Lợi và \
Liên hiệp Công đoàn tỉnh Bò Kẹo."""


@pytest.fixture
def partners(db):
    Gazetteer.forget()
    xieng = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng",
        short_name="LHCĐ Xiêng Khoảng",
        kind=PartnerKind.REGIONAL_UNION,
        country="LA",
    )
    gone = Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Bò Kẹo", kind=PartnerKind.REGIONAL_UNION, country="LA", is_active=False
    )
    yield xieng, gone
    Gazetteer.forget()


def test_units_and_partners_from_the_database(tree, partners, django_assert_max_num_queries):
    xieng, gone = partners
    with django_assert_max_num_queries(2):
        gazetteer = Gazetteer.from_db(fresh=True)
    # The grassroots union is not held in memory: it is looked up, one indexed query.
    assert all(entry.unit_id != tree.school.pk for entry in gazetteer.keys.values())
    with django_assert_max_num_queries(1):
        [proposal] = extract_article(ARTICLE, article_date=datetime.date(2024, 7, 30), gazetteer=gazetteer)
    found = {o.as_written: (o.unit_id, o.partner_id) for o in proposal.organisations}
    assert found == {
        "LĐLĐ tỉnh Nghệ An": (tree.nghe_an.pk, None),
        "LHCĐ tỉnh Xiêng Khoảng": (None, xieng.pk),
        "LĐLĐ huyện Kỳ Sơn": (tree.ky_son.pk, None),
        "Công đoàn Trường THCS Lê Lợi": (tree.school.pk, None),
        # An inactive partner is not proposed as a match: the officer sees it as unknown.
        "Liên hiệp Công đoàn tỉnh Bò Kẹo": (None, None),
    }
    assert [c.value for c in proposal.countries] == ["LA"]
    # The answer for a deep unit is kept on the instance: a second article asks nothing.
    with django_assert_max_num_queries(0):
        extract_article(ARTICLE, article_date=datetime.date(2024, 7, 30), gazetteer=gazetteer)


def test_the_process_keeps_the_gazetteer_for_a_while(tree, partners, django_assert_num_queries):
    first = Gazetteer.from_db(fresh=True)
    with django_assert_num_queries(0):
        assert Gazetteer.from_db() is first
    Gazetteer.forget()
    with django_assert_num_queries(2):
        assert Gazetteer.from_db() is not first


def test_a_unit_of_another_province_with_the_same_school_name_is_not_confused(tree, partners):
    gazetteer = Gazetteer.from_db(fresh=True)
    assert gazetteer.match("Công đoàn Trường THCS Lê Lợi").unit_id == tree.school.pk
    assert gazetteer.match("Công đoàn Trường THCS Lê Lợi Hai") is None
    assert gazetteer.match("CĐ") is None


def _base36(number: int, width: int = 4) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(width, "0")


SYLLABLES = "Ba Ca Da Ga Ha La Ma Na Pha Sa Ta Va Xa Kha Tha Nga".split()


def _letters(number: int) -> str:
    """A number as capitalised syllables ("Ca Ba Da"): names in articles carry no digits."""
    words = []
    while True:
        number, rest = divmod(number, len(SYLLABLES))
        words.append(SYLLABLES[rest])
        if not number:
            return " ".join(reversed(words))


def build_big_tree(province: Unit, total: int) -> None:
    """``total`` grassroots unions under 100 district federations of ``province``, written in bulk."""
    districts, rows = [], []
    for d in range(1, 101):
        name = f"Liên đoàn Lao động huyện Số {d}"
        districts.append(
            Unit(
                name=name,
                code=f"BIG-{d}",
                path=province.path + _base36(d + 100),
                depth=province.depth + 1,
                numchild=total // 100,
                level=UnitLevel.INTERMEDIATE,
                kind=UnitKind.DISTRICT_FEDERATION,
                search_text=fold_join(name, "", f"BIG-{d}"),
            )
        )
    for i in range(total):
        district = districts[i % 100]
        name = f"Công đoàn cơ sở Công ty Cổ phần Thương mại Hoa Sen {_letters(i)}"
        rows.append(
            Unit(
                name=name,
                code=f"BIG-{i % 100}-{i}",
                path=district.path + _base36(i // 100 + 1),
                depth=district.depth + 1,
                level=UnitLevel.GRASSROOTS,
                kind=UnitKind.GRASSROOTS_UNION,
                search_text=fold_join(name, "", f"BIG-{i % 100}-{i}"),
            )
        )
    Unit.objects.bulk_create(districts, batch_size=2000)
    Unit.objects.bulk_create(rows, batch_size=2000)


def test_speed_on_a_big_tree(tree, partners, capsys):
    """Measured with EXTRACT_BENCH_UNITS=150000 for the report; the suite runs a smaller tree."""
    total = int(os.environ.get("EXTRACT_BENCH_UNITS", "5000"))
    build_big_tree(tree.nghe_an, total)
    started = time.perf_counter()
    gazetteer = Gazetteer.from_db(fresh=True)
    load = time.perf_counter() - started
    target = f"Công ty Cổ phần Thương mại Hoa Sen {_letters(total - 7)}"
    article = ARTICLE + f" Dịp này, LĐLĐ tỉnh trao tặng CĐCS {target} 10 triệu đồng."
    started = time.perf_counter()
    [proposal] = extract_article(article, article_date=datetime.date(2024, 7, 30), gazetteer=gazetteer)
    first = time.perf_counter() - started
    started = time.perf_counter()
    extract_article(article, article_date=datetime.date(2024, 7, 30), gazetteer=gazetteer)
    again = time.perf_counter() - started
    deep = Unit.objects.get(name=f"Công đoàn cơ sở {target}")
    assert deep.pk in [o.unit_id for o in proposal.organisations]
    with capsys.disabled():
        print(
            f"\n{total} grassroots units: gazetteer {len(gazetteer.keys)} keys "
            f"loaded in {load * 1000:.0f} ms; "
            f"article with 2 deep lookups {first * 1000:.0f} ms, again (cached) {again * 1000:.0f} ms"
        )
    assert load < 5 and first < 5
