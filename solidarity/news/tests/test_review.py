"""From an article to draft records: paste, review beside the sentences, confirm; all or nothing."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from solidarity.agreements.models import Commitment
from solidarity.core.models import Attachment
from solidarity.meetings.models import Meeting
from solidarity.news.choices import ArticleState
from solidarity.news.extract import Gazetteer
from solidarity.news.models import Article
from solidarity.partners.models import Partner
from solidarity.support.models import Support

pytestmark = pytest.mark.django_db

ARTICLE = (Path(__file__).parent / "data" / "seminar_nghe_an.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_gazetteer(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Gazetteer.forget()
    yield
    Gazetteer.forget()


def paste(client, tree, text=ARTICLE, **extra):
    data = {
        "owner_unit": tree.nghe_an.pk,
        "text": text,
        "published_on": "30/07/2025",
        "source_url": "https://laodong.vn/cong-doan/toa-dam",
        **extra,
    }
    return client.post(reverse("news:article_new"), data)


def rows_of(article, proposal=0):
    return {f"p{proposal}-r{r}": row for r, row in enumerate(article.proposals[proposal]["rows"])}


def answers(article, *, drop=(), tick=(), values=None, action="confirm"):
    """The review form as the officer sends it: every row kept unless dropped, edited values."""
    data = {"action": action}
    for p, proposal in enumerate(article.proposals):
        data[f"p{p}-kind"] = proposal["kind"]
        if proposal["accepted"]:
            data[f"p{p}-accept"] = "1"
        for r, row in enumerate(proposal["rows"]):
            name = f"p{p}-r{r}"
            data[f"{name}-value"] = (values or {}).get(name, row["value"])
            if row["keep"] and name not in drop:
                data[f"{name}-keep"] = "1"
            if name in tick:
                data[f"{name}-create"] = "1"
            if row["field"] == "planned":
                data[f"{name}-year"] = row.get("year") or ""
    return data


def named(article, field, contains=""):
    return [
        name for name, row in rows_of(article).items() if row["field"] == field and contains in row["value"]
    ]


def test_an_article_becomes_a_seminar_with_its_partner_chairs_money_and_planned_visit(client, people, tree):
    """
    GIVEN an officer of Nghệ An who pastes an article about a seminar with a Lao partner
    WHEN they review it (drop the two-year total, tick the unknown partner, correct the place) and confirm
    THEN a draft seminar exists with the date, both chairs, the new partner, the 30 million given at it,
    the planned visit as a follow-up commitment and the article attached
    """
    client.force_login(people.na_officer)
    response = paste(client, tree)
    article = Article.objects.get()
    assert response.status_code == 302 and response.url == article.get_absolute_url()
    assert article.state == ArticleState.REVIEW and Meeting.objects.count() == 0

    page = client.get(article.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark>29/7</mark>" in html  # the date, highlighted in its sentence
    assert "<mark>30 triệu đồng</mark>" in html
    assert "add it as a new partner" in html

    unknown = named(article, "organisations", "Xiêng Khoảng")
    place = named(article, "place")[0]
    total = named(article, "money_vnd", "2000000000")
    response = client.post(
        article.get_absolute_url(),
        answers(article, drop=total, tick=unknown, values={place: "Thành phố Vinh, Nghệ An"}),
    )
    assert response.status_code == 302

    meeting = Meeting.objects.get()
    assert meeting.kind == "seminar" and meeting.state == "draft"
    assert meeting.owner_unit == tree.nghe_an
    assert meeting.start_on == datetime.date(2025, 7, 29)
    assert meeting.place == "Thành phố Vinh, Nghệ An"
    assert "Nguyễn Văn Hùng" in meeting.chairs and "Bun Mi Lợi Xay Nha Vông" in meeting.chairs
    partner = Partner.objects.get(name__icontains="Xiêng Khoảng")
    assert list(meeting.partners.all()) == [partner]
    assert [s.total_vnd for s in Support.objects.filter(meeting=meeting)] == [30_000_000]
    follow_up = Commitment.objects.get(meeting=meeting)
    assert follow_up.due_year == 2026 and "sang thăm" in follow_up.description
    attachment = Attachment.objects.get(object_id=meeting.pk, content_type__model="meeting")
    assert attachment.content_kind == "docx" and "laodong.vn" in attachment.description
    article.refresh_from_db()
    assert article.state == ArticleState.CONFIRMED
    assert article.created[0]["url"] == meeting.get_absolute_url()
    # The article's page links to what was made, and confirming twice makes nothing more.
    assert meeting.get_absolute_url() in client.get(article.get_absolute_url()).content.decode()
    client.post(article.get_absolute_url(), answers(article))
    assert Meeting.objects.count() == 1


def test_an_unknown_organisation_is_not_created_without_the_officers_tick(client, people, tree):
    client.force_login(people.na_officer)
    paste(client, tree)
    article = Article.objects.get()
    partners_before = Partner.objects.count()
    money = named(article, "money_vnd")
    response = client.post(article.get_absolute_url(), answers(article, drop=money))
    assert response.status_code == 302
    assert Partner.objects.count() == partners_before
    assert Meeting.objects.get().partners.count() == 0


def test_a_refusal_leaves_nothing_half_written(client, people, tree):
    """
    GIVEN a review whose money has nobody to receive it (the partner not ticked)
    WHEN the officer confirms
    THEN the page says why, and no record, partner, file or commitment was written
    """
    client.force_login(people.na_officer)
    paste(client, tree)
    article = Article.objects.get()
    counts = (Partner.objects.count(), Attachment.objects.count())
    response = client.post(article.get_absolute_url(), answers(article))
    assert response.status_code == 400
    assert "needs a partner" in response.content.decode()
    assert Meeting.objects.count() == 0 and Support.objects.count() == 0 and Commitment.objects.count() == 0
    assert (Partner.objects.count(), Attachment.objects.count()) == counts
    article.refresh_from_db()
    assert article.state == ArticleState.REVIEW

    # A date the officer mistyped: a message, nothing written.
    date = named(article, "event_date")[0]
    money = named(article, "money_vnd")
    response = client.post(
        article.get_absolute_url(), answers(article, drop=money, values={date: "32/13/2025"})
    )
    assert response.status_code == 400 and "is not a date" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_dropping_a_field_leaves_it_out_and_the_review_can_be_resumed(client, people, tree):
    client.force_login(people.na_officer)
    paste(client, tree)
    article = Article.objects.get()
    chairs = named(article, "people")
    money = named(article, "money_vnd")
    planned = named(article, "planned")
    client.post(
        article.get_absolute_url(), answers(article, drop=[chairs[1], *money, *planned], action="save")
    )
    article.refresh_from_db()
    assert article.state == ArticleState.REVIEW and Meeting.objects.count() == 0
    assert rows_of(article)[chairs[1]]["keep"] is False  # kept for the next visit
    client.post(article.get_absolute_url(), answers(article))
    meeting = Meeting.objects.get()
    assert "Nguyễn Văn Hùng" in meeting.chairs and "Bun Mi" not in meeting.chairs
    assert not Commitment.objects.exists() and not Support.objects.exists()


def test_a_dropped_proposal_makes_no_record(client, people, tree):
    client.force_login(people.na_officer)
    paste(client, tree)
    article = Article.objects.get()
    data = answers(article)
    del data["p0-accept"]
    response = client.post(article.get_absolute_url(), data)
    assert response.status_code == 400 and Meeting.objects.count() == 0


@pytest.mark.parametrize(
    "name, content",
    [
        ("bai.txt", ARTICLE.encode()),
        (
            "bai.html",
            f"<html><head><script>x()</script></head><body><h1>Tin</h1><p>{ARTICLE}</p></body></html>".encode(),
        ),
    ],
)
def test_an_article_can_be_uploaded_as_text_or_a_web_page(client, people, tree, name, content):
    client.force_login(people.na_officer)
    response = paste(client, tree, text="", upload=SimpleUploadedFile(name, content))
    assert response.status_code == 302
    article = Article.objects.get()
    assert "x()" not in article.text and "tọa đàm" in article.text
    assert article.proposals[0]["kind"] == "seminar"


def test_an_article_can_be_uploaded_as_a_word_file(client, people, tree):
    from docx import Document

    document = Document()
    for line in ARTICLE.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(people.na_officer)
    response = paste(client, tree, text="", upload=SimpleUploadedFile("bai.docx", buffer.getvalue()))
    assert response.status_code == 302
    assert Article.objects.get().proposals[0]["kind"] == "seminar"


def test_a_file_that_is_no_article_is_refused_with_a_message(client, people, tree):
    client.force_login(people.na_officer)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    response = paste(client, tree, text="", upload=SimpleUploadedFile("bai.txt", png))
    assert response.status_code == 400
    assert "cannot be read as an article" in response.content.decode()
    assert not Article.objects.exists()


def test_a_sibling_unit_never_sees_an_article_and_a_viewer_cannot_read_one_in(client, people, tree):
    client.force_login(people.na_officer)
    paste(client, tree)
    article = Article.objects.get()
    client.force_login(people.hn_officer)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.post(article.get_absolute_url(), answers(article)).status_code == 404
    assert article.title not in client.get(reverse("news:articles")).content.decode()
    client.force_login(people.na_viewer)
    assert client.get(reverse("news:article_new")).status_code == 403
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.post(article.get_absolute_url(), answers(article)).status_code == 403
    assert Meeting.objects.count() == 0
    # An officer cannot read an article in for a unit they do not record for.
    client.force_login(people.hn_officer)
    assert paste(client, tree).status_code == 400
    assert Article.objects.count() == 1
