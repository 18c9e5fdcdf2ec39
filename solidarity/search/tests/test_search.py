"""The one search box: folded words, every kind, grouped and ranked, only what the user may see."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import forget_scope
from solidarity.agreements import services as agreements
from solidarity.contacts.models import Contact
from solidarity.core.text import fold
from solidarity.delegations import services as delegations
from solidarity.figures.tests.helpers import delegation
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.records.attachments import attachment_add
from solidarity.search.models import SearchEntry
from solidarity.search.selectors import _spans, search, words_of
from solidarity.support.models import Support, SupportItem

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%x\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def xieng_khoang(tree):
    return Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )


def meeting(unit, title="Tọa đàm hợp tác Nghệ An – Xiêng Khoảng", **fields):
    defaults = {
        "kind": MeetingKind.SEMINAR,
        "start_on": datetime.date(2024, 7, 29),
        "place": "Vinh, Nghệ An",
        "hosted": True,
        "is_international": True,
    }
    return Meeting.objects.create(owner_unit=unit, title=title, **{**defaults, **fields})


def agreement(by, unit, partners, **fields):
    return agreements.agreement_create(
        by=by,
        owner_unit=unit,
        partners=partners,
        **{
            "title": "Biên bản hợp tác với tỉnh Xiêng Khoảng",
            "agreement_type": "memorandum",
            "is_international_agreement": False,
            "status": "in_force",
            "signed_on": datetime.date(2020, 3, 1),
            "our_signatory": "Kha Văn Tám, Chủ tịch",
            **fields,
        },
    )


def support(unit, partner, **fields):
    defaults = {
        "direction": "given",
        "given_on": datetime.date(2023, 4, 10),
        "form": "equipment",
        "description": "Quà Tết Bun Pi May",
        "total_vnd": 50_000_000,
        "funding_source": "union_budget",
    }
    return Support.objects.create(owner_unit=unit, partner=partner, **{**defaults, **fields})


def kinds(user, query) -> dict[str, list[str]]:
    """Titles found per kind, as plain text."""
    return {
        group.kind: ["".join(piece for piece, _found in hit.title) for hit in group.hits]
        for group in search(user, query)
    }


# --- folding --------------------------------------------------------------------------------------


def test_folding_is_blind_to_diacritics_d_and_where_the_tone_mark_sits():
    assert fold("Đồng Đăng") == "dong dang"
    # Old (tọa) and new (toạ) tone placement, composed or decomposed: one folded word.
    for spelling in ("tọa", "toạ", "to\u0323a", "toa\u0323", "TỌA"):
        assert fold(spelling) == "toa"
    assert words_of("  Xiêng   KHOẢNG xieng ") == ["xieng", "khoang"]
    assert words_of("ACT+1") == ["act+1"]


def test_highlight_spans_are_the_original_letters():
    title = "Tọa đàm Nghệ An – Xiêng Khoảng"
    spans = _spans(title, ["xieng", "khoang", "toa"])
    assert [title[start:end] for start, end in spans] == ["Tọa", "Xiêng", "Khoảng"]


# --- every kind, grouped, ranked ------------------------------------------------------------------


def test_xieng_khoang_is_found_in_every_kind_the_officer_may_see(tree, people, xieng_khoang):
    officer = people.na_officer
    deal = agreement(officer, tree.nghe_an, [xieng_khoang])
    agreements.commitment_create(
        by=officer, agreement=deal, description="Trao đổi đoàn với tỉnh Xiêng Khoảng", due_year=2026
    )
    trip = delegation(officer, tree.nghe_an, approve=False)
    trip = delegations.delegation_update(
        delegation=trip, by=officer, expected_version=trip.version, title="Đoàn thăm tỉnh Xiêng Khoảng"
    )
    delegations.member_add(
        delegation=trip, by=officer, full_name="Phu Von", organisation="LHCĐ tỉnh Xiêng Khoảng"
    )
    meeting(tree.nghe_an)
    gift = support(tree.nghe_an, xieng_khoang)
    SupportItem.objects.create(support=gift, description="Máy tính cho Xiêng Khoảng", quantity=1, value_vnd=1)
    Contact.objects.create(owner_unit=tree.nghe_an, full_name="Bun Thong", partner=xieng_khoang)
    upload = SimpleUploadedFile("Bien-ban-Xieng-Khoang.pdf", PDF, content_type="application/pdf")
    attachment_add(record=deal, upload=upload, by=officer)

    found = kinds(officer, "xieng khoang")
    assert set(found) == {
        "partner",
        "contact",
        "agreement",
        "commitment",
        "member",
        "meeting",
        "support",
        "attachment",
        "delegation",
    }
    assert kinds(officer, "XIÊNG khoảng") == found  # diacritics and case make no difference
    assert kinds(officer, "kha van tam")["agreement"] == ["Biên bản hợp tác với tỉnh Xiêng Khoảng"]
    assert "support" in kinds(officer, "bun pi may")
    assert "meeting" in kinds(officer, "toạ đàm") and "meeting" in kinds(officer, "tọa đàm")


def test_a_unit_is_found_by_its_name_within_the_scope_only(tree, people):
    assert kinds(people.na_officer, "ky son") == {"unit": ["Liên đoàn Lao động huyện Kỳ Sơn"]}
    assert "unit" not in kinds(people.hn_officer, "ky son")


def test_act_plus_one_is_looked_for_as_written(tree, people):
    meeting(tree.nghe_an, title="Hội nghị Hội đồng Giáo viên ASEAN (ACT+1) năm 2023")
    meeting(tree.nghe_an, title="Hội nghị ACT năm 2022")
    assert kinds(people.na_officer, "act+1") == {
        "meeting": ["Hội nghị Hội đồng Giáo viên ASEAN (ACT+1) năm 2023"]
    }
    assert len(kinds(people.na_officer, "act")["meeting"]) == 2


def test_title_hits_come_first_then_recent_and_each_hit_says_which_words_matched(tree, people):
    meeting(
        tree.nghe_an,
        title="Hội nghị tổng kết",
        topics="Hợp tác với Xiêng Khoảng",
        start_on=datetime.date(2025, 1, 1),
    )
    meeting(tree.nghe_an, title="Tọa đàm Xiêng Khoảng 2019", start_on=datetime.date(2019, 1, 1))
    meeting(tree.nghe_an, title="Tọa đàm Xiêng Khoảng 2024", start_on=datetime.date(2024, 1, 1))
    [group] = search(people.na_officer, "xieng khoang")
    titles = ["".join(piece for piece, _ in hit.title) for hit in group.hits]
    assert titles == ["Tọa đàm Xiêng Khoảng 2024", "Tọa đàm Xiêng Khoảng 2019", "Hội nghị tổng kết"]
    assert group.hits[0].matched == ["Xiêng", "Khoảng"]
    assert ("Xiêng", True) in group.hits[0].title
    assert ("Xiêng", True) in group.hits[2].snippet and group.hits[2].matched == ["Xiêng", "Khoảng"]
    assert all(hit.every_word for hit in group.hits)


def test_when_no_record_holds_every_word_some_are_shown_marked_so(tree, people):
    meeting(tree.nghe_an, title="Tọa đàm Xiêng Khoảng")
    [group] = search(people.na_officer, "xieng champasak")
    assert [hit.every_word for hit in group.hits] == [False]


def test_each_kind_shows_a_few_and_links_to_its_list_with_the_search(tree, people):
    for year in range(2015, 2023):
        meeting(tree.nghe_an, title=f"Tọa đàm Xiêng Khoảng {year}", start_on=datetime.date(year, 5, 1))
    [group] = search(people.na_officer, "xieng khoang")
    assert len(group.hits) == 5 and group.more
    assert group.list_url == reverse("meetings:list") + "?q=xieng+khoang"


def test_short_words_alone_are_not_searched(people):
    assert search(people.na_officer, "an") == []


# --- the permission rule --------------------------------------------------------------------------


def test_a_sibling_province_finds_the_shared_partner_and_nothing_of_nghe_an(tree, people, xieng_khoang):
    officer = people.na_officer
    agreement(officer, tree.nghe_an, [xieng_khoang])
    meeting(tree.nghe_an)
    meeting(tree.ky_son, title="Giao lưu Kỳ Sơn – Xiêng Khoảng")
    support(tree.nghe_an, xieng_khoang, description="Quà tặng tỉnh Xiêng Khoảng")
    Contact.objects.create(owner_unit=tree.nghe_an, full_name="Bun Thong Xiêng Khoảng")
    assert kinds(people.hn_officer, "xieng khoang") == {"partner": ["Liên hiệp Công đoàn tỉnh Xiêng Khoảng"]}
    # The Vinh ward union sees neither its parent's nor its sibling Kỳ Sơn's records.
    assert kinds(people.vinh_officer, "xieng khoang") == {
        "partner": ["Liên hiệp Công đoàn tỉnh Xiêng Khoảng"]
    }
    # Nghệ An sees its own and Kỳ Sơn's; the national leader everything.
    assert set(kinds(officer, "xieng khoang")["meeting"]) == {
        "Tọa đàm hợp tác Nghệ An – Xiêng Khoảng",
        "Giao lưu Kỳ Sơn – Xiêng Khoảng",
    }
    assert set(kinds(people.vgcl_leader, "xieng khoang")) == {
        "partner",
        "agreement",
        "meeting",
        "support",
        "contact",
    }
    assert search(people.outsider, "xieng khoang") == [] or set(kinds(people.outsider, "xieng khoang")) == {
        "partner"
    }


def test_every_hit_is_confirmed_by_the_kinds_own_rule_not_the_index_alone(tree, people):
    record = meeting(tree.ha_noi, title="Tọa đàm Xiêng Khoảng ở Hà Nội")
    # An index row that wrongly claims Nghệ An owns it (stale, or tampered) finds nothing.
    SearchEntry.objects.filter(kind="meeting", object_id=record.pk).update(owner_unit=tree.nghe_an)
    assert kinds(people.na_officer, "xieng khoang") == {}


def test_contacts_personal_fields_are_never_searched(tree, people):
    Contact.objects.create(
        owner_unit=tree.nghe_an, full_name="Bun Thong", email="bunthong@example.la", phone="+856 20 5555 1234"
    )
    assert kinds(people.na_officer, "bun thong") == {"contact": ["Bun Thong"]}
    assert kinds(people.na_officer, "bunthong@example") == {}
    assert kinds(people.na_officer, "5555 1234") == {}


def test_members_are_found_through_their_delegation_rule_and_never_by_personal_fields(tree, people):
    Membership.objects.filter(user=people.na_officer, unit=tree.nghe_an).update(personal_data=True)
    forget_scope(people.na_officer)
    trip = delegation(people.na_officer, tree.ky_son, approve=False)
    delegations.member_add(delegation=trip, by=people.na_officer, full_name="Vi Văn Sơn", phone="0912345678")
    assert kinds(people.na_officer, "vi van son") == {"member": ["Vi Văn Sơn"]}
    assert kinds(people.vinh_officer, "vi van son") == {}
    assert kinds(people.hn_officer, "vi van son") == {}
    assert kinds(people.na_officer, "0912345678") == {}


# --- kept in step -------------------------------------------------------------------------------


def test_the_index_follows_create_update_archive_and_delete(tree, people, xieng_khoang):
    officer = people.na_officer
    deal = agreement(officer, tree.nghe_an, [xieng_khoang], title="Thỏa thuận Champasak")
    assert kinds(officer, "champasak") == {"agreement": ["Thỏa thuận Champasak"]}
    deal = agreements.agreement_update(
        agreement=deal, by=officer, expected_version=deal.version, title="Thỏa thuận Savannakhet"
    )
    assert kinds(officer, "champasak") == {}
    assert kinds(officer, "savannakhet") == {"agreement": ["Thỏa thuận Savannakhet"]}
    agreements.agreement_archive(agreement=deal, by=officer)
    [group] = search(officer, "savannakhet")
    assert group.hits[0].archived
    trip = delegation(officer, tree.nghe_an, approve=False, members=0)
    member = delegations.member_add(delegation=trip, by=officer, full_name="Khăm Phăn")
    assert "member" in kinds(officer, "kham phan")
    delegations.member_remove(member=member, by=officer)
    assert kinds(officer, "kham phan") == {}


def test_an_erased_contact_vanishes_from_the_index(tree, people):
    from solidarity.privacy.services import person_erase

    Membership.objects.filter(user=people.na_officer, unit=tree.nghe_an).update(personal_data=True)
    forget_scope(people.na_officer)
    contact = Contact.objects.create(owner_unit=tree.nghe_an, full_name="Bounmy Phommachanh")
    assert kinds(people.na_officer, "bounmy") == {"contact": ["Bounmy Phommachanh"]}
    person_erase(user=people.na_officer, person=contact, reason="Yêu cầu xóa")
    assert kinds(people.na_officer, "bounmy") == {}
    assert not SearchEntry.objects.filter(text__contains="bounmy").exists()


def test_a_rolled_back_write_leaves_no_index_row(tree, people):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        meeting(tree.nghe_an, title="Hội thảo Luang Prabang")
        raise RuntimeError
    assert not SearchEntry.objects.filter(text__contains="luang prabang").exists()


def test_the_rebuild_command_writes_the_same_rows(tree, people, xieng_khoang):
    agreement(people.na_officer, tree.nghe_an, [xieng_khoang])
    meeting(tree.nghe_an)
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "text", "owner_unit", "url"))
    SearchEntry.objects.all().delete()
    call_command("search_index", "--rebuild", stdout=None)
    assert sorted(SearchEntry.objects.values_list("kind", "object_id", "text", "owner_unit", "url")) == before


# --- the page ------------------------------------------------------------------------------------


def test_the_page_shows_groups_highlights_and_a_fixed_number_of_queries(client, tree, people, xieng_khoang):
    client.force_login(people.na_officer)
    url = reverse("search:results")

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"q": query})
        assert response.status_code == 200
        return len(captured), response

    meeting(tree.nghe_an)
    few, response = queries("xieng khoang")
    assert b"<mark>Xi\xc3\xaang</mark>" in response.content
    for year in range(2010, 2020):
        meeting(tree.nghe_an, title=f"Tọa đàm Xiêng Khoảng {year}")
        meeting(tree.ky_son, title=f"Giao lưu Xiêng Khoảng {year}")
        support(tree.nghe_an, xieng_khoang, description=f"Quà Xiêng Khoảng {year}")
    agreement(people.na_officer, tree.nghe_an, [xieng_khoang])
    many, response = queries("xieng khoang")
    assert many <= few + 4  # one more per record type found, never per hit
    assert response.content.count(b'class="list-group-item search-hit"') == 5 + 5 + 1 + 1
    assert b'data-testid="search-group-meeting"' in response.content


def test_the_page_needs_a_login_and_takes_junk(client, people):
    response = client.get(reverse("search:results"), {"q": "x"})
    assert response.status_code == 302
    client.force_login(people.na_officer)
    for junk in ("", "\x00", "%", "_", "'; drop table", "a" * 5000, '"""', "* OR 1=1"):
        assert client.get(reverse("search:results"), {"q": junk}).status_code == 200


def test_the_words_are_found_through_the_text_index_on_both_databases(tree, people):
    meeting(tree.nghe_an)
    for user in (people.vgcl_leader, people.na_officer):
        with CaptureQueriesContext(connection) as captured:
            search(user, "xieng khoang")
        [sql] = [query["sql"] for query in captured.captured_queries if "search_searchentry" in query["sql"]]
        # On PostgreSQL a scoped user's few rows may come from the owner index as well (the planner's
        # choice on a tiny table); never from a scan of the whole index table.
        assert_indexed(sql, owner_index_allowed=user == people.na_officer)


def assert_indexed(sql, *, owner_index_allowed=False):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = "\n".join(row[-1] for row in cursor.fetchall())
            assert "search_searchentry_text_fts VIRTUAL TABLE INDEX" in plan, plan
        else:
            cursor.execute("SET enable_seqscan = off")
            try:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            finally:
                cursor.execute("RESET enable_seqscan")
            assert "Seq Scan on search_searchentry" not in plan, plan
            if not owner_index_allowed:
                assert "search_searchentry_text_trgm" in plan, plan
