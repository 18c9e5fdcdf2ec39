"""Foreign-affairs information in a real browser, in Vietnamese: an article pasted and reviewed into a
draft seminar, and that seminar written up as a news item, on a desktop and on a phone."""

from pathlib import Path

import pytest

from solidarity.meetings.models import Meeting
from solidarity.news.extract import Gazetteer
from solidarity.news.models import NewsItem
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS
DATA = Path(__file__).resolve().parent.parent / "solidarity" / "news" / "tests" / "data"
ARTICLE = (DATA / "seminar_nghe_an.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("width, name", [(1366, "desktop"), (390, "phone")])
def test_an_article_becomes_a_seminar_and_the_seminar_a_news_item(
    live_server, people, tree, page_factory, settings, tmp_path, width, name
):
    """
    GIVEN Nghệ An's officer with an article about a seminar with Xiêng Khoảng
    WHEN they paste it, drop the two-year total, tick the new partner and create the records,
    then write a news item from the seminar and publish it
    THEN the seminar exists with the article attached, and the news item reads as union news
    """
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = tmp_path
    Gazetteer.forget()
    page = page_factory(viewport=(width, 900))
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}/news/articles/new/")
    page.fill("#id_text", ARTICLE)
    page.fill("#id_published_on", "30/07/2025")
    page.fill("#id_source_url", "https://laodong.vn/cong-doan/toa-dam-nghe-an-xieng-khoang")
    page.click("[data-testid=article-form] button[type=submit]")
    page.wait_for_selector("[data-testid=review-form]")
    assert page.locator("mark", has_text="29/7").count() >= 1
    # Drop "hơn 2 tỷ đồng" (the two years' total, not this seminar's) and add the Lao partner.
    total = page.locator("tr", has=page.locator("input[value='2000000000']"))
    total.locator("input[name$='-keep']").uncheck()
    page.locator("input[name$='-create']").first.check()
    shot(page, f"news-01-review-{name}")
    page.click("[data-testid=confirm]")
    page.wait_for_selector("[data-testid=created]")
    meeting = Meeting.objects.get()
    assert meeting.partners.count() == 1

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.click("[data-testid=write-news]")
    page.wait_for_url("**/news/*/edit/")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-testid=publish]")
    page.click("[data-testid=publish]")
    page.wait_for_selector("[data-testid=news-article]")
    item = NewsItem.objects.get()
    assert item.state == "published"
    text = page.inner_text("[data-testid=news-article]")
    assert "tọa đàm" in text and "30.000.000 đồng" in text
    shot(page, f"news-02-item-{name}")
    page.goto(f"{live_server.url}/news/")
    assert item.headline in page.inner_text("[data-testid=news-list]")
    shot(page, f"news-03-list-{name}")
