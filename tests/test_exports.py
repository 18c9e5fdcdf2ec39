"""Every list exports what its URL shows: ``?format=xlsx`` or ``?format=csv``, all rows, in the user's scope.

The lists and their data come from test_list_pages (the same pages, the same rows).
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from solidarity.delegations.models import Cost
from solidarity.jobs.models import Job, JobState
from solidarity.records.sheets import sheet
from solidarity.support.models import Support

from .test_list_pages import LIST_PAGES, add_rows, page_ids, url_of

D = datetime.date

SHEET_OF_PAGE = {
    "delegations": "delegations",
    "meetings": "meetings",
    "support": "support",
    "agreements": "agreements",
    "commitments": "commitments",
    "partners": "partners",
    "contacts": "contacts",
    "sponsorship": "sponsorship_projects",
    "funds": "funds",
    "fund entries": "fund_entries",
    "officers": "staff_officers",
    "trainings": "staff_trainings",
    "migrant cases": "migrant_cases",
    "units tree": "units",
    "units search": "units",
    "users": "users",
}


def export_url(url_name: str, query: str, file_format: str) -> str:
    return url_of(url_name, "&".join(part for part in (query, f"format={file_format}") if part))


def content_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return b"".join(response)


def workbook_of(response):
    assert response.status_code == 200, response
    return load_workbook(io.BytesIO(content_of(response)))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    text = content_of(response).decode("utf-8")
    assert text.startswith("\ufeff"), "a BOM, so Excel reads UTF-8"
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("page,url_name,query,persona,capped", LIST_PAGES, ids=page_ids(LIST_PAGES))
def test_a_list_exports_all_its_rows_in_as_many_queries_for_many_rows_as_for_a_few(
    client, people, tree, page, url_name, query, persona, capped, settings
):
    """
    GIVEN a list with 4 rows of its kind, then 44 (more than a page)
    WHEN it is exported as XLSX and as CSV
    THEN every row is in the file, under the sheet's headers, and the export makes no more queries
    """
    settings.EXPORT_SYNC_LIMIT = 1000
    client.force_login(getattr(people, persona))
    declared = sheet(SHEET_OF_PAGE[page])
    add_rows(tree, 4, "A")
    with CaptureQueriesContext(connection) as few:
        few_rows = csv_rows(client.get(export_url(url_name, query, "csv")))
    add_rows(tree, 40, "B")
    with CaptureQueriesContext(connection) as many:
        many_rows = csv_rows(client.get(export_url(url_name, query, "csv")))
    assert many_rows[0] == declared.headers()
    assert len(many_rows) - len(few_rows) >= 40
    assert len(many.captured_queries) <= len(few.captured_queries)

    with CaptureQueriesContext(connection) as xlsx_queries:
        book = workbook_of(client.get(export_url(url_name, query, "xlsx")))
    assert len(xlsx_queries.captured_queries) <= len(few.captured_queries) + len(declared.children)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == declared.headers()
    assert len(rows) == len(many_rows)
    assert [ws.title for ws in book.worksheets[1:]] == [str(child.title) for child in declared.children]


@pytest.fixture
def delegations(tree):
    """Two of Nghệ An's delegations (one to Laos with costs, one from Thailand), one of Hà Nội's."""
    from solidarity.delegations.tests.factories import add_member, make_delegation

    laos = make_delegation(tree.nghe_an, title="Đoàn sang Lào", countries=["LA"], start=D(2025, 3, 10))
    add_member(laos, "Nguyễn Văn A", tree.nghe_an, key=True)
    Cost.objects.create(
        delegation=laos, kind="estimated", source="union_budget", amount=30_000_000, amount_vnd=30_000_000
    )
    thailand = make_delegation(
        tree.ky_son, title="Đoàn Thái Lan sang thăm", countries=["TH"], direction="incoming"
    )
    hanoi = make_delegation(tree.ha_noi, title="Đoàn Hà Nội sang Lào", countries=["LA"])
    return laos, thailand, hanoi


def test_the_export_holds_what_the_filters_select_and_nothing_of_a_sibling_unit(client, people, delegations):
    laos, thailand, hanoi = delegations
    client.force_login(people.na_officer)
    rows = csv_rows(client.get(reverse("delegations:list") + "?format=csv"))
    titles = {row[4] for row in rows[1:]}
    assert titles == {laos.title, thailand.title}, "Hà Nội's delegation is a sibling unit's"

    rows = csv_rows(client.get(reverse("delegations:list") + "?country=LA&format=csv"))
    assert [row[0] for row in rows[1:]] == [str(laos.pk)]


def test_an_xlsx_export_has_vietnamese_headers_real_dates_and_vnd_as_formatted_whole_numbers(
    client, people, delegations, settings
):
    settings.LANGUAGE_CODE = "vi"
    laos = delegations[0]
    client.force_login(people.na_officer)
    book = workbook_of(client.get(reverse("delegations:list") + f"?q={laos.title}&format=xlsx"))
    main, members, costs = book.worksheets
    header = [cell.value for cell in main[1]]
    assert "Ngày bắt đầu" in header and "Start date" not in header
    row = {h: cell for h, cell in zip(header, main[2], strict=True)}
    start = row["Ngày bắt đầu"]
    assert start.value == datetime.datetime(2025, 3, 10) and start.number_format == "DD/MM/YYYY"
    assert row["Quốc gia"].value == "Lào"
    cost_header = [cell.value for cell in costs[1]]
    amount = costs[2][cost_header.index("Quy ra VNĐ")]
    assert amount.value == 30_000_000 and isinstance(amount.value, int)
    assert amount.number_format == "#,##0"
    assert [cell.value for cell in members[2]][:2] == [laos.pk, "Nguyễn Văn A"]


def test_a_csv_export_writes_dates_as_dd_mm_yyyy_and_whole_dong_and_reads_back(client, people, tree):
    from solidarity.partners.models import Partner

    partner = Partner.objects.create(name="Liên hiệp Công đoàn Lào", kind="national_centre", country="LA")
    Support.objects.create(
        owner_unit=tree.nghe_an,
        partner=partner,
        direction="given",
        given_on=D(2024, 7, 29),
        form="cash",
        total_vnd=30_000_000,
        funding_source="union_budget",
    )
    client.force_login(people.na_officer)
    header, row = csv_rows(client.get(reverse("support:list") + "?format=csv"))
    declared = sheet("support")
    cells = dict(zip(header, row, strict=True))
    assert cells[str(declared.column("given_on").header)] == "29/07/2024"
    assert cells[str(declared.column("total_vnd").header)] == "30000000"
    for column in declared.columns:
        if not column.export_only:
            column.parse(cells[str(column.header)], units=lambda code: code)  # nothing refused


def test_csv_text_that_a_spreadsheet_would_run_as_a_formula_stays_text_and_reads_back(client, people):
    from solidarity.partners.models import Partner

    typed = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    Partner.objects.create(name=typed, kind="national_centre", country="LA")
    client.force_login(people.na_officer)
    header, row = csv_rows(client.get(reverse("partners:list") + "?format=csv"))
    name = sheet("partners").column("name")
    written = dict(zip(header, row, strict=True))[str(name.header)]
    assert written == "'" + typed
    assert name.parse(written) == typed
    assert name.parse("'+84 912 345 678") == "+84 912 345 678"
    assert name.parse("'Ngõ 5") == "'Ngõ 5"  # an apostrophe before ordinary text is the text's own


def test_a_large_export_runs_as_a_job_whose_file_has_every_row(
    client, people, tree, settings, django_capture_on_commit_callbacks
):
    """
    GIVEN more delegations than the limit of an export made in the request
    WHEN the officer exports the list
    THEN a job is started, the browser goes to its page, and its file holds every row and the members
    """
    settings.EXPORT_SYNC_LIMIT = 3
    add_rows(tree, 8, "J")
    client.force_login(people.na_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("delegations:list") + "?format=xlsx&direction=incoming")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert job.owner == people.na_officer and job.done == job.total == 8
    book = load_workbook(job.result.open("rb"))
    assert book.worksheets[0].max_row == 1 + 8
    assert book.worksheets[1].max_row == 1 + 8  # one member each
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200


def test_a_job_exports_as_its_owner_whose_scope_still_applies(
    client, people, tree, settings, django_capture_on_commit_callbacks, delegations
):
    settings.EXPORT_SYNC_LIMIT = 1
    client.force_login(people.na_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("delegations:list") + "?format=csv")
    job = Job.objects.get()
    lines = job.result.open("rb").read().decode("utf-8").splitlines()
    assert len(lines) == 1 + 2, "Nghệ An's two, not Hà Nội's"


def test_only_administrators_export_the_users(client, people):
    client.force_login(people.na_officer)
    assert client.get(reverse("accounts:user_list") + "?format=csv").status_code == 403
    client.force_login(people.na_admin)
    rows = csv_rows(client.get(reverse("accounts:user_list") + "?format=csv"))
    usernames = {row[0] for row in rows[1:]}
    assert "na_officer" in usernames and "hn_officer" not in usernames


def test_the_units_export_gives_each_unit_its_parents_code(client, people, tree):
    client.force_login(people.na_admin)
    rows = csv_rows(client.get(reverse("units:tree") + "?format=csv"))
    parent_of = {row[0]: row[5] for row in rows[1:]}
    assert parent_of["NA-KS"] == "NA"
    assert "HN" not in parent_of


def test_an_unknown_format_shows_the_page(client, people):
    client.force_login(people.na_officer)
    response = client.get(reverse("delegations:list") + "?format=pdf")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_an_exported_workbook(client, people, delegations, tmp_path):
    client.force_login(people.na_officer)
    source = tmp_path / "delegations.xlsx"
    source.write_bytes(content_of(client.get(reverse("delegations:list") + "?format=xlsx")))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            # UTF-8, and cells as shown: the date in its dd/mm/yyyy format
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    converted = (tmp_path / "delegations.csv").read_text(encoding="utf-8")
    assert "Đoàn sang Lào" in converted
    assert "10/03/2025" in converted, "the date cell keeps its dd/mm/yyyy format"


def test_delegation_rows_are_read_a_chunk_at_a_time(client, people, tree, monkeypatch):
    """The export reads its rows through iterator() in chunks, each chunk's partners in one query."""
    from solidarity.records import exports

    monkeypatch.setattr(exports, "CHUNK", 5)
    add_rows(tree, 12, "C")
    client.force_login(people.na_officer)
    with CaptureQueriesContext(connection) as queries:
        rows = csv_rows(client.get(reverse("delegations:list") + "?format=csv"))
    assert len(rows) == 1 + 12
    partner_reads = [q for q in queries.captured_queries if "delegations_delegation_partners" in q["sql"]]
    assert len(partner_reads) == 3  # 12 rows, 5 a chunk
