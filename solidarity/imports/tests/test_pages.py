"""The import pages: who may use them, the templates, a CSV upload, a file that cannot be read."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from solidarity.delegations.models import Delegation
from solidarity.imports.models import ImportBatch
from solidarity.imports.services import import_upload
from solidarity.imports.tests.helpers import exported_delegations, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_only_officers_reach_the_import_page(client, people):
    assert client.get(reverse("imports:index")).status_code == 302  # anonymous: sign in
    client.force_login(people.na_viewer)
    assert client.get(reverse("imports:index")).status_code == 403
    client.force_login(people.na_officer)
    page = client.get(reverse("imports:index"))
    assert page.status_code == 200 and b"Import from a spreadsheet" in page.content


def test_the_xlsx_template_has_the_headers_every_tab_and_a_guide_with_allowed_values(client, people):
    client.force_login(people.na_officer)
    response = client.get(reverse("imports:template", args=["delegations", "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Delegations", "Members", "Costs", "Instructions"]
    headers = [cell.value for cell in workbook["Delegations"][1]]
    assert headers[:3] == ["ID", "Version", "Unit (code)"] and "State" not in headers
    guide = "\n".join(str(c.value) for row in workbook["Instructions"].iter_rows() for c in row if c.value)
    assert "Outgoing (đoàn ra) | Incoming (đoàn vào)" in guide and "NGHEAN" in guide
    assert workbook["Delegations"].max_row == 1  # nothing of the template is imported by mistake


def test_the_csv_template_imports_as_one_new_delegation_once_its_unit_is_hers(client, people):
    client.force_login(people.na_officer)
    content = client.get(reverse("imports:template", args=["delegations", "csv"])).content
    assert content.startswith("\ufeff".encode())
    content = content.replace(b"NGHEAN", b"NA")
    batch = import_upload(
        by=people.na_officer, kind="delegations", upload=SimpleUploadedFile("mau.csv", content)
    )
    assert (batch.errors, batch.created) == ([], 1)


def test_a_file_with_unknown_and_missing_columns_is_refused_naming_them(client, people):
    client.force_login(people.na_officer)
    bad = SimpleUploadedFile("x.csv", "Tên đoàn;Cột lạ\nA;B\n".encode())
    page = client.post(reverse("imports:index"), {"kind": "delegations", "file": bad})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Cột lạ" in text and "Unit (code)" in text and "required columns are missing" in text
    assert not ImportBatch.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, people):
    client.force_login(people.na_officer)
    fake = SimpleUploadedFile("x.xlsx", b"%PDF-1.4 not a workbook")
    page = client.post(reverse("imports:index"), {"kind": "delegations", "file": fake})
    assert "Upload an Excel (XLSX) or CSV file." in page.content.decode()


def test_a_batch_is_seen_confirmed_and_undone_by_its_owner_only(client, people, tree):
    from solidarity.delegations.tests.factories import make_delegation

    make_delegation(tree.nghe_an)
    batch = import_upload(
        by=people.na_officer, kind="delegations", upload=upload(exported_delegations(people.na_officer, {}))
    )
    client.force_login(people.hn_officer)
    assert client.get(batch.get_absolute_url()).status_code == 404
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404
    client.force_login(people.na_officer)
    page = client.get(batch.get_absolute_url())
    assert page.status_code == 200 and b"every row is already as in the file" in page.content


def test_the_delegation_list_links_to_the_import(client, people):
    client.force_login(people.na_officer)
    assert b"/imports/?kind=delegations" in client.get(reverse("delegations:list")).content
    client.force_login(people.na_viewer)
    assert b"/imports/?kind=delegations" not in client.get(reverse("delegations:list")).content


def test_the_preview_page_reads_a_few_queries_whatever_its_errors(
    client, people, django_assert_max_num_queries
):
    rows = [[None, None, None, None, f"Đoàn {n}"] + [None] * 11 for n in range(300)]  # required cells empty
    batch = import_upload(by=people.na_officer, kind="delegations", upload=upload([rows, [], []]))
    assert len(batch.errors) > 300 and Delegation.objects.count() == 0
    client.force_login(people.na_officer)
    with django_assert_max_num_queries(12):
        assert client.get(batch.get_absolute_url()).status_code == 200


def test_an_import_whose_worker_died_offers_to_start_again(client, people, settings):
    import datetime

    from django.utils import timezone

    from solidarity.imports.models import BatchState
    from solidarity.jobs.models import Job, JobState

    settings.JOB_STALL_SECONDS = 60
    job = Job.objects.create(
        owner=people.na_officer,
        kind="import",
        title="Import",
        state=JobState.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    batch = ImportBatch.objects.create(
        owner=people.na_officer,
        kind="delegations",
        file_name="x.xlsx",
        file_format="xlsx",
        state=BatchState.RUNNING,
        job=job,
    )
    client.force_login(people.na_officer)
    page = client.get(batch.get_absolute_url())
    assert b'id="restart"' in page.content and b"nothing of it was saved" in page.content
