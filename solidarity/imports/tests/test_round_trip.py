"""The issue's done-when at the service level: export, fix, dry run with two errors, import, undo."""

import datetime

import pytest

from solidarity.core.choices import ApprovalState
from solidarity.delegations.models import Delegation
from solidarity.delegations.tests.factories import add_member, make_delegation
from solidarity.imports.models import BatchState, ImportedRecord
from solidarity.imports.services import import_confirm, import_undo, import_upload
from solidarity.imports.tests.helpers import column, exported_delegations, upload
from solidarity.jobs.models import JobState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _new_row(template: list, title: str, **cells) -> list:
    row = list(template)
    row[column("id")] = row[column("version")] = None
    row[column("title")] = title
    for name, value in cells.items():
        row[column(name)] = value
    return row


def test_an_officer_exports_fixes_and_imports_back_her_delegations(
    tree, people, django_capture_on_commit_callbacks
):
    """GIVEN Nghệ An's delegations exported from the filtered list
    WHEN the officer changes one, adds three, two of them wrong, and uploads
    THEN the dry run shows the two row errors and writes nothing;
    WHEN she fixes them and confirms
    THEN all is imported in one go, each record's history says so, and undo archives what was created.
    """
    officer = people.na_officer
    first = make_delegation(tree.nghe_an, title="Đoàn sang Lào")
    add_member(first, "Nguyễn Văn A", tree.nghe_an)
    make_delegation(tree.ky_son, title="Đoàn Kỳ Sơn", direction="incoming")
    make_delegation(tree.ha_noi, title="Hà Nội's own")  # a sibling's: never exported to her
    delegations, members, costs = exported_delegations(officer, {"direction": "outgoing"})
    assert [row[column("title")] for row in delegations] == ["Đoàn sang Lào"]

    delegations[0][column("purpose")] = "Trao đổi kinh nghiệm công đoàn"
    template = delegations[0]
    delegations += [
        _new_row(template, "Đoàn mới 1", start_on="31/02/2025"),  # a bad date
        _new_row(template, "Đoàn mới 2", owner_unit="XYZ"),  # an unknown unit code
        _new_row(template, "Đoàn mới 3", owner_unit="NA-KS"),
    ]
    members.append(["#4", "Trần Thị B", "NA-KS", "", "", "Trưởng đoàn", "Không"])

    batch = import_upload(by=officer, kind="delegations", upload=upload([delegations, members, costs]))

    assert batch.state == BatchState.PREVIEWED and not batch.can_confirm
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "Start date"), (4, "Unit (code)")]
    assert "31/02/2025" in batch.errors[0]["message"]
    assert "XYZ" in batch.errors[1]["message"]
    assert Delegation.objects.count() == 3  # the dry run wrote nothing

    delegations[1][column("start_on")] = datetime.date(2025, 2, 28)
    delegations[1][column("end_on")] = datetime.date(2025, 3, 5)
    delegations[2][column("owner_unit")] = "NA"
    batch = import_upload(by=officer, kind="delegations", upload=upload([delegations, members, costs]))
    assert batch.errors == []
    assert (batch.created, batch.updated, batch.unchanged) == (3, 1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_confirm(batch=batch, by=officer)
    job.refresh_from_db()
    batch.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert batch.state == BatchState.DONE
    first.refresh_from_db()
    assert first.purpose == "Trao đổi kinh nghiệm công đoàn" and first.version == 2
    created = Delegation.objects.filter(title__startswith="Đoàn mới").order_by("title")
    assert [d.owner_unit.code for d in created] == ["NA", "NA", "NA-KS"]
    assert [m.full_name for m in created[1].members.all()] == ["Trần Thị B"]
    reason = f"Imported from doan.xlsx (batch #{batch.pk}) by {officer.display_name}"
    assert created[0].history.first().history_change_reason == reason
    assert created[0].history.first().history_user == officer
    assert first.history.first().history_change_reason == reason
    assert ImportedRecord.objects.filter(batch=batch, created=True).count() == 3

    assert import_undo(batch=batch, by=officer) == 3
    assert Delegation.objects.filter(title__startswith="Đoàn mới", archived_at__isnull=True).count() == 0
    first.refresh_from_db()
    assert first.archived_at is None  # updated, not created: undo leaves it


def test_a_sibling_provinces_unit_is_refused_as_one_she_may_not_record_for(tree, people):
    delegations, members, costs = exported_delegations(people.na_officer, {})
    row = [None] * 16
    row[column("owner_unit")] = "HN"
    row[column("direction")] = "Outgoing (đoàn ra)"
    row[column("title")] = "Đoàn lạc"
    row[column("countries")] = "Lào"
    row[column("start_on")] = row[column("end_on")] = datetime.date(2025, 5, 1)
    batch = import_upload(by=people.na_officer, kind="delegations", upload=upload([[row], [], []]))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Unit (code)")]
    assert "may not record for" in batch.errors[0]["message"]


def test_a_row_changed_since_the_export_is_refused_with_the_differences(tree, people):
    record = make_delegation(tree.nghe_an, title="Đoàn A")
    delegations, members, costs = exported_delegations(people.na_officer, {})
    delegations[0][column("title")] = "Đoàn A (sửa)"
    Delegation.objects.filter(pk=record.pk).update(version=5, title="Đoàn A (người khác sửa)")
    batch = import_upload(
        by=people.na_officer, kind="delegations", upload=upload([delegations, members, costs])
    )
    assert len(batch.errors) == 1 and batch.errors[0]["column"] == "Version"
    assert (
        "Đoàn A (người khác sửa)" in batch.errors[0]["message"]
        and "Đoàn A (sửa)" in batch.errors[0]["message"]
    )


def test_an_unchanged_export_imports_as_unchanged(tree, people):
    record = make_delegation(tree.nghe_an, title="Đoàn A")
    add_member(record, "Nguyễn Văn A", tree.nghe_an)
    batch = import_upload(
        by=people.na_officer, kind="delegations", upload=upload(exported_delegations(people.na_officer, {}))
    )
    assert (batch.errors, batch.created, batch.updated, batch.unchanged) == ([], 0, 0, 1)
    assert not batch.can_confirm


def test_a_submitted_delegation_is_not_changed_by_an_import(tree, people):
    make_delegation(tree.nghe_an, title="Đoàn A", state=ApprovalState.SUBMITTED)
    delegations, members, costs = exported_delegations(people.na_officer, {})
    delegations[0][column("title")] = "Đoàn B"
    batch = import_upload(
        by=people.na_officer, kind="delegations", upload=upload([delegations, members, costs])
    )
    assert len(batch.errors) == 1 and batch.errors[0]["row"] == 2
