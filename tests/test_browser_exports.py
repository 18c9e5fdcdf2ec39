"""Real-browser test of a list's export: the buttons follow the filters; a large export becomes a job.

Headless Debian Chromium driven by Playwright; screenshots land in test-artifacts/.
"""

import csv
import io

from tests.browser import MARKS, shot, sign_in
from tests.test_list_pages import add_rows

pytestmark = MARKS


def test_an_officer_exports_the_filtered_delegations_and_a_large_list_through_a_job(
    live_server, people, tree, page_factory, settings
):
    """
    GIVEN the Nghệ An officer's delegation list, in Vietnamese, filtered to incoming delegations
    WHEN the officer downloads it as CSV, then (more rows than the limit) as Excel
    THEN the CSV holds the filtered rows, and the Excel export goes to a job page with its download
    """
    settings.LANGUAGE_CODE = "vi"
    add_rows(tree, 6, "E")
    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}/delegations/")
    page.select_option("#id_direction", "incoming")
    page.wait_for_selector(".export-links a[href*='direction=incoming']")
    shot(page, "export-list-buttons")

    with page.expect_download() as download:
        page.click(".export-links a[href*='format=csv']")
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Mã số", "Phiên bản"]
    assert len(rows) == 1 + 6

    settings.EXPORT_SYNC_LIMIT = 3
    page.click(".export-links a[href*='format=xlsx']")
    page.wait_for_url("**/jobs/*/")
    page.wait_for_selector("a[href$='/download/']")
    shot(page, "export-job-page")
    with page.expect_download() as download:
        page.click("a[href$='/download/']")
    assert download.value.suggested_filename.endswith(".xlsx")
