"""From a record to a news draft: written from the record, edited, published, exported, listed, counted."""

import datetime
import io
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.agreements.models import Commitment
from solidarity.meetings import services as meetings
from solidarity.news import services
from solidarity.news.filters import NewsItemFilter
from solidarity.news.models import NewsItem
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.records.attachments import attachment_add
from solidarity.reports import periods
from solidarity.reports.selectors import build_report
from solidarity.support import services as support

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 13 + b"\x00\x00\x00\x00IEND\xaeB`\x82"


@pytest.fixture
def xieng_khoang(db):
    return Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA"
    )


@pytest.fixture
def seminar(people, tree, xieng_khoang, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = people.na_officer
    meeting = meetings.meeting_create(
        by=officer,
        owner_unit=tree.nghe_an,
        partners=[xieng_khoang],
        kind="seminar",
        title="Tọa đàm trao đổi kinh nghiệm chăm lo đời sống đoàn viên",
        hosted=False,
        is_international=True,
        start_on=datetime.date(2025, 7, 29),
        place="thành phố Vinh",
        chairs="đồng chí Nguyễn Văn Hùng, Chủ tịch LĐLĐ tỉnh Nghệ An\n"
        "đồng chí Bun Mi Lợi Xay Nha Vông, Chủ tịch LHCĐ tỉnh Xiêng Khoảng",
        domestic_participants=40,
        foreign_participants=12,
        topics="Kinh nghiệm chăm lo đời sống đoàn viên\nĐào tạo cán bộ công đoàn",
        conclusions="Tiếp tục trao đổi đoàn hằng năm",
    )
    meeting.hosted = True  # a hosted seminar (stays a draft: no approval needed to write news)
    meeting.save(update_fields=["hosted"])
    support.support_create(
        by=officer,
        owner_unit=tree.nghe_an,
        direction="given",
        partner=xieng_khoang,
        given_on=datetime.date(2025, 7, 29),
        form="cash",
        total_vnd=30_000_000,
        funding_source="union_budget",
        meeting=meeting,
    )
    meetings.meeting_add_follow_up(
        meeting=meeting,
        by=officer,
        description="Đoàn công tác LĐLĐ tỉnh sang thăm Xiêng Khoảng",
        due_year=2026,
    )
    attachment_add(
        record=meeting,
        upload=SimpleUploadedFile("anh.png", PNG),
        by=officer,
        description="Hai đồng chí Chủ tịch ký biên bản tọa đàm",
    )
    return meeting


def test_a_seminar_record_produces_a_readable_news_draft(client, people, seminar):
    """
    GIVEN a seminar with its partner, chairs, figures, money handed over, a follow-up and a photo
    WHEN an officer of its unit presses "Write a news item"
    THEN a draft opens with a headline, a lead (date, place, who with whom, the chairs), what was
    discussed and agreed, the figures, the next steps and the photo's caption
    """
    client.force_login(people.na_officer)
    page = client.get(seminar.get_absolute_url())
    assert 'data-testid="write-news"' in page.content.decode()
    response = client.post(reverse("news:write", args=["meeting", seminar.pk]))
    item = NewsItem.objects.get()
    assert response.status_code == 302 and response.url == reverse("news:edit", args=[item.pk])
    assert item.meeting == seminar and item.state == "draft" and item.owner_unit == seminar.owner_unit
    assert item.headline == "LĐLĐ Nghệ An tổ chức tọa đàm với Liên hiệp Công đoàn tỉnh Xiêng Khoảng (Lào)"
    assert item.lead.startswith(
        "Ngày 29/7/2025, tại thành phố Vinh, Liên đoàn Lao động tỉnh Nghệ An phối hợp với"
    )
    assert "Đồng chủ trì tọa đàm có đồng chí Nguyễn Văn Hùng" in item.lead
    assert "Bun Mi Lợi Xay Nha Vông" in item.lead
    body = item.body
    assert "Tham dự tọa đàm có 40 đại biểu trong nước và 12 đại biểu quốc tế." in body
    assert "trao đổi về:\n- Kinh nghiệm chăm lo đời sống đoàn viên." in body
    assert "Tọa đàm đã thống nhất tiếp tục trao đổi đoàn hằng năm." in body
    assert "30.000.000 đồng" in body
    next_steps = "Thời gian tới, hai bên thống nhất đoàn công tác LĐLĐ tỉnh sang thăm Xiêng Khoảng"
    assert f"{next_steps} (năm 2026)." in body
    assert item.caption_lines == ["Ảnh 1: Hai đồng chí Chủ tịch ký biên bản tọa đàm. (Ảnh: LĐLĐ Nghệ An)"]
    # Kept with the record: listed on its page.
    assert item.headline in client.get(seminar.get_absolute_url()).content.decode()
    # The same record gives the same draft: templates, no randomness, no network.
    again = services.newsitem_create_from_record(by=people.na_officer, record=seminar)
    assert (again.headline, again.lead, again.body, again.captions) == (
        item.headline,
        item.lead,
        item.body,
        item.captions,
    )


def test_the_draft_is_edited_published_and_exported_as_docx_and_clean_html(client, people, seminar):
    client.force_login(people.na_officer)
    item = services.newsitem_create_from_record(by=people.na_officer, record=seminar)
    response = client.post(
        reverse("news:edit", args=[item.pk]),
        {
            "version": item.version,
            "headline": "Nghệ An – Xiêng Khoảng: tọa đàm chăm lo đời sống đoàn viên",
            "lead": item.lead,
            "body": item.body,
            "captions": item.captions,
            "published_on": "",
        },
    )
    assert response.status_code == 302
    client.post(reverse("news:publish", args=[item.pk]))
    item.refresh_from_db()
    assert item.state == "published" and item.published_on is not None
    assert item.headline.startswith("Nghệ An – Xiêng Khoảng")

    docx = client.get(reverse("news:docx", args=[item.pk]))
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('.docx"')
    from docx import Document

    text = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert text[0] == item.headline and text[1] == item.lead
    assert any("30.000.000 đồng" in line for line in text)

    html = client.get(reverse("news:html", args=[item.pk]))
    content = html.content.decode()
    assert html.status_code == 200 and html["Content-Disposition"].endswith('.html"')
    assert f"<h1>{item.headline}</h1>" in content
    assert "<script" not in content and "class=" not in content and "style" not in content
    assert "<em>Ảnh 1:" in content


def test_a_sibling_unit_never_sees_a_news_item_and_a_viewer_cannot_write_one(client, people, seminar):
    item = services.newsitem_create_from_record(by=people.na_officer, record=seminar)
    services.newsitem_publish(newsitem=item, by=people.na_officer)
    client.force_login(people.hn_officer)
    for name in ("news:detail", "news:edit", "news:docx", "news:html"):
        assert client.get(reverse(name, args=[item.pk])).status_code == 404, name
    assert item.headline not in client.get(reverse("news:list")).content.decode()
    assert client.post(reverse("news:write", args=["meeting", seminar.pk])).status_code == 404
    client.force_login(people.na_viewer)
    assert client.get(reverse("news:detail", args=[item.pk])).status_code == 200
    assert item.headline in client.get(reverse("news:list")).content.decode()
    assert 'data-testid="write-news"' not in client.get(seminar.get_absolute_url()).content.decode()
    assert client.post(reverse("news:write", args=["meeting", seminar.pk])).status_code == 403
    assert client.get(reverse("news:edit", args=[item.pk])).status_code == 403
    client.post(reverse("news:publish", args=[item.pk]), {"unpublish": "1"})
    assert NewsItem.objects.get().state == "published" and NewsItem.objects.count() == 1


def test_the_unit_news_page_does_not_query_per_item(
    client, people, tree, seminar, django_assert_max_num_queries
):
    client.force_login(people.na_viewer)
    for _ in range(2):
        item = services.newsitem_create_from_record(by=people.na_officer, record=seminar)
        services.newsitem_publish(newsitem=item, by=people.na_officer)
    url = f"{reverse('news:list')}?unit={tree.nghe_an.pk}&state=published"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(8):
        item = services.newsitem_create_from_record(by=people.na_officer, record=seminar)
        services.newsitem_publish(newsitem=item, by=people.na_officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="fw-semibold" href="/news/') == 10


def test_the_report_counts_published_items_as_the_list_behind_it_does(people, tree, seminar):
    """A published item counts for its unit and the units above on its day; drafts and archived ones never."""
    officer = people.na_officer
    published = []
    for day in (datetime.date(2025, 8, 1), datetime.date(2025, 9, 1), datetime.date(2024, 12, 31)):
        item = services.newsitem_create_from_record(by=officer, record=seminar)
        published.append(services.newsitem_publish(newsitem=item, by=officer, published_on=day))
    services.newsitem_create_from_record(by=officer, record=seminar)  # a draft
    services.newsitem_archive(newsitem=published[1], by=officer)
    report = build_report(user=people.na_viewer, unit=tree.nghe_an, period=periods.year(2025))
    figure = report.figure("news_published")
    assert figure.value == 1 and figure.previous == 1
    parts = urlsplit(figure.url)
    assert parts.path == reverse("news:list")
    listed = NewsItemFilter(
        QueryDict(parts.query), queryset=NewsItem.objects.visible_to(people.na_viewer), user=people.na_viewer
    )
    assert listed.is_valid() and listed.qs.count() == figure.value
    national = build_report(user=people.vgcl_leader, unit=tree.vgcl, period=periods.year(2025))
    assert national.figure("news_published").value == 1
    sibling = build_report(user=people.hn_officer, unit=tree.ha_noi, period=periods.year(2025))
    assert sibling.figure("news_published").value == 0


def test_support_delegation_and_agreement_records_write_their_own_drafts(people, tree, xieng_khoang):
    from solidarity.agreements import services as agreements
    from solidarity.delegations import services as delegations

    officer = people.na_officer
    gift = support.support_create(
        by=officer,
        owner_unit=tree.nghe_an,
        direction="given",
        partner=xieng_khoang,
        given_on=datetime.date(2025, 3, 2),
        form="equipment",
        total_vnd=45_000_000,
        funding_source="union_budget",
    )
    trip = delegations.delegation_create(
        by=officer,
        owner_unit=tree.nghe_an,
        partners=[xieng_khoang],
        direction="outgoing",
        title="Đoàn LĐLĐ tỉnh thăm Xiêng Khoảng",
        purpose="Trao đổi kinh nghiệm",
        countries=["LA"],
        start_on=datetime.date(2025, 4, 1),
        end_on=datetime.date(2025, 4, 4),
    )
    deal = agreements.agreement_create(
        by=officer,
        owner_unit=tree.nghe_an,
        partners=[xieng_khoang],
        title="Biên bản hợp tác giai đoạn 2025–2030",
        agreement_type="memorandum",
        signed_on=datetime.date(2025, 5, 6),
    )
    Commitment.objects.create(
        owner_unit=tree.nghe_an, agreement=deal, description="Trao đổi đoàn hằng năm", due_year=2026
    )
    drafts = {
        record: services.newsitem_create_from_record(by=officer, record=record)
        for record in (gift, trip, deal)
    }
    assert (
        drafts[gift].headline
        == "LĐLĐ Nghệ An hỗ trợ 45.000.000 đồng cho Liên hiệp Công đoàn tỉnh Xiêng Khoảng (Lào)"
    )
    assert drafts[gift].lead.startswith("Ngày 2/3/2025, LĐLĐ Nghệ An đã trao tặng")
    assert drafts[trip].headline == "Đoàn công tác LĐLĐ Nghệ An thăm và làm việc tại Lào"
    assert (
        "Từ ngày 1 đến ngày 4/4/2025, đoàn công tác của Liên đoàn Lao động tỉnh Nghệ An" in drafts[trip].lead
    )
    assert drafts[deal].headline.startswith(
        "LĐLĐ Nghệ An và Liên hiệp Công đoàn tỉnh Xiêng Khoảng (Lào) ký biên bản ghi nhớ"
    )
    assert "thống nhất trao đổi đoàn hằng năm (năm 2026)." in drafts[deal].body


def test_a_sentence_ends_once_and_a_list_header_keeps_its_colon():
    from solidarity.news.compose import sentence

    assert sentence("hai bên thống nhất nội dung hợp tác thời gian tới:") == (
        "Hai bên thống nhất nội dung hợp tác thời gian tới:"
    )
    assert sentence("trao đổi kinh nghiệm") == "Trao đổi kinh nghiệm."
    assert sentence("Đã xong.") == "Đã xong."
