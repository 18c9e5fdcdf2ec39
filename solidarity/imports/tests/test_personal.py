"""Imports and personal data: a file without the personal columns never erases them, and only a
holder of the personal-data grant writes them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from solidarity.accounts.models import Membership
from solidarity.delegations import services
from solidarity.delegations.tests.factories import make_delegation
from solidarity.imports.services import import_confirm, import_upload
from solidarity.imports.tests.helpers import exported_delegations, upload
from solidarity.imports.workbooks import template_xlsx
from solidarity.jobs.models import JobState
from solidarity.records.sheets import sheet

pytestmark = pytest.mark.django_db

PASSPORT = "C1234567"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def delegation(tree, people):
    Membership.objects.filter(user=people.na_admin).update(personal_data=True)
    delegation = make_delegation(tree.nghe_an, title="Đoàn A")
    services.member_add(
        delegation=delegation,
        by=people.na_admin,
        full_name="Nguyễn Văn A",
        unit=tree.nghe_an,
        passport_number=PASSPORT,
    )
    return delegation


def test_members_imported_again_without_personal_columns_keep_their_passports(
    tree, people, delegation, django_capture_on_commit_callbacks
):
    """GIVEN a member with a passport, exported without the personal columns by an officer without the grant
    WHEN she adds a member in the file and imports it
    THEN the new member is there and the first one keeps his passport
    """
    officer = people.na_officer
    delegations, members, costs = exported_delegations(officer, {})
    assert all(PASSPORT not in str(cell) for row in members for cell in row)
    members.append([delegation.pk, "Trần Thị B", "NA-KS", "", "", "Thành viên", "Không"])
    batch = import_upload(by=officer, kind="delegations", upload=upload([delegations, members, costs]))
    assert batch.errors == [] and batch.updated == 1
    with django_capture_on_commit_callbacks(execute=True):
        job = import_confirm(batch=batch, by=officer)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert sorted(m.full_name for m in delegation.members.all()) == ["Nguyễn Văn A", "Trần Thị B"]
    assert delegation.members.get(full_name="Nguyễn Văn A").passport_number == PASSPORT


def _workbook(tables) -> SimpleUploadedFile:
    """An XLSX of (sheet, headers, rows), as a grant holder's export with personal columns writes it."""
    workbook = Workbook(write_only=True)
    for each, headers, rows in tables:
        worksheet = workbook.create_sheet(str(each.title)[:31])
        worksheet.append(headers)
        for row in rows:
            worksheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("doan.xlsx", out.getvalue(), content_type="application/octet-stream")


def test_an_import_writing_a_passport_is_refused_without_the_grant(tree, people, delegation):
    delegations, _members, costs = exported_delegations(people.na_officer, {})
    main, members, cost_sheet = sheet("delegations"), sheet("delegation_members"), sheet("delegation_costs")
    names = [c.name for c in members.columns]
    row = members.row(delegation.members.get(), personal=True)
    row[names.index("passport_number")] = "Z7654321"
    file = _workbook(
        [
            (main, main.headers(), delegations),
            (members, members.headers(personal=True), [row]),
            (cost_sheet, cost_sheet.headers(), costs),
        ]
    )
    batch = import_upload(by=people.na_officer, kind="delegations", upload=file)
    messages = " ".join(error["message"] for error in batch.errors)
    assert "quyền dữ liệu cá nhân" in messages or "personal-data permission" in messages
    assert delegation.members.get().passport_number == PASSPORT


def test_the_import_templates_offer_no_personal_columns():
    workbook = load_workbook(io.BytesIO(template_xlsx(sheet("delegations"))), read_only=True)
    headers = [
        str(cell) for each in workbook.worksheets for row in each.iter_rows(values_only=True) for cell in row
    ]
    assert not any("assport" in header or "hộ chiếu" in header for header in headers)
