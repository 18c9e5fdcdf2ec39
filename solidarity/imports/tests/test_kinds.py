"""Contacts, agreements (phases, commitments), meetings and support (items): each kind's round trip.

Export the list → change a row, add one, make one wrong → the dry run shows the error by row and
column in Vietnamese and writes nothing → the fixed file imports in one go, the history says so,
undo archives what was created. And a sibling province's unit is refused.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import forget_scope
from solidarity.agreements import services as agreements
from solidarity.agreements.choices import AgreementType, CommitmentStatus
from solidarity.agreements.models import Agreement, Commitment, Phase
from solidarity.contacts.models import Contact
from solidarity.contacts.services import contact_create
from solidarity.core.choices import FundingSource
from solidarity.imports.models import BatchState
from solidarity.imports.services import import_confirm, import_undo, import_upload
from solidarity.imports.tests.helpers import column, exported, new_row, upload_of
from solidarity.jobs.models import JobState
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.meetings.services import meeting_create
from solidarity.partners.services import partner_create
from solidarity.records.sheets import sheet
from solidarity.support.choices import SupportDirection, SupportForm
from solidarity.support.models import Support
from solidarity.support.services import support_create

pytestmark = pytest.mark.django_db

BAD_DATE = "31/02/2025"
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def lao(tree, people):
    return partner_create(
        by=people.na_officer,
        unit=tree.nghe_an,
        name="Liên hiệp Công đoàn Lào",
        kind="national_centre",
        country="LA",
    )


def _dry_run_in_vietnamese(officer, kind, tables, *, expected: list[tuple[str, int, str]]):
    """The dry run of a file with mistakes, in Vietnamese: the errors by (tab, row, column)."""
    with translation.override("vi"):
        batch = import_upload(by=officer, kind=kind, upload=upload_of(kind, tables))
        headers = [(str(sheet(s).title), row, str(sheet(s).column(name).header)) for s, row, name in expected]
    assert batch.state == BatchState.PREVIEWED and not batch.can_confirm
    assert [(e["sheet"], e["row"], e["column"]) for e in batch.errors] == headers
    assert all(VIETNAMESE.search(e["message"].lower()) for e in batch.errors), batch.errors
    return batch


def _import(officer, kind, tables, django_capture_on_commit_callbacks, *, counts):
    batch = import_upload(by=officer, kind=kind, upload=upload_of(kind, tables))
    assert batch.errors == []
    assert (batch.created, batch.updated) == counts
    with django_capture_on_commit_callbacks(execute=True):
        job = import_confirm(batch=batch, by=officer)
    job.refresh_from_db()
    batch.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert batch.state == BatchState.DONE
    return batch


def _imported_by(record, batch, officer) -> bool:
    entry = record.history.first()
    return (
        entry.history_change_reason
        == (f"Imported from tep.xlsx (batch #{batch.pk}) by {officer.display_name}")
        and entry.history_user == officer
    )


# -- contacts -----------------------------------------------------------------


def test_contacts_round_trip(tree, people, lao, django_capture_on_commit_callbacks):
    officer = people.na_officer
    # Phones are personal data: the officer holds the grant, and exports with the personal columns.
    Membership.objects.filter(user=officer).update(personal_data=True)
    forget_scope(officer)
    first = contact_create(by=officer, owner_unit=tree.nghe_an, full_name="Bounmy", partner=lao)
    contact_create(by=people.hn_officer, owner_unit=tree.ha_noi, full_name="Hà Nội's own")
    (rows,) = exported("contacts", Contact.objects.visible_to(officer), personal=True)
    assert [r[column("full_name", "contacts")] for r in rows] == ["Bounmy"]
    c = lambda name: column(name, "contacts")  # noqa: E731
    rows[0][c("phone")] = "+856 20 5555"
    rows.append(new_row("contacts", rows[0], full_name="Khamla", phone=""))
    rows.append(new_row("contacts", rows[0], full_name="Somsak", partner="Công đoàn không có"))

    _dry_run_in_vietnamese(officer, "contacts", [rows], expected=[("contacts", 4, "partner")])
    assert Contact.objects.count() == 2

    rows[2][c("partner")] = ""
    rows[2][c("organisation")] = "Đại sứ quán Lào"
    batch = _import(officer, "contacts", [rows], django_capture_on_commit_callbacks, counts=(2, 1))
    first.refresh_from_db()
    assert first.phone == "+856 20 5555" and _imported_by(first, batch, officer)
    khamla = Contact.objects.get(full_name="Khamla")
    assert khamla.partner == lao and khamla.owner_unit == tree.nghe_an
    assert import_undo(batch=batch, by=officer) == 2  # contacts have no archive mark: deactivated
    first.refresh_from_db()
    assert list(Contact.objects.filter(is_active=False).order_by("full_name")) == [
        khamla,
        Contact.objects.get(full_name="Somsak"),
    ]
    assert first.is_active


# -- agreements, their phases and commitments ---------------------------------


@pytest.fixture
def agreement(tree, people, lao):
    record = agreements.agreement_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        partners=[lao],
        title="Biên bản hợp tác 2021–2025",
        agreement_type=AgreementType.COOPERATION_AGREEMENT,
    )
    phase = agreements.phase_save(
        agreement=record, by=people.na_officer, name="2021–2025", start_year=2021, end_year=2025
    )
    agreements.commitment_create(
        by=people.na_officer, agreement=record, description="Trao đổi đoàn", due_year=2025, phase=phase
    )
    return record


def test_agreements_round_trip_with_phases_and_commitments(
    tree, people, agreement, django_capture_on_commit_callbacks
):
    officer = people.na_officer
    agreements_, phases, commitments = exported("agreements", Agreement.objects.visible_to(officer))
    a = lambda name: column(name, "agreements")  # noqa: E731
    k = lambda name: column(name, "commitments")  # noqa: E731
    agreements_[0][a("summary")] = "Hợp tác đào tạo"
    agreements_.append(
        new_row(
            "agreements",
            agreements_[0],
            title="Biên bản mới",
            signed_on=BAD_DATE,
            out_of_plan_reason="Đối tác đề nghị ký",
        )
    )
    phases.append(["#3", "2026–2030", 2026, 2030, ""])
    commitments[0][k("status")] = str(CommitmentStatus.IN_PROGRESS.label)
    commitments.append(
        new_row("commitments", commitments[0], agreement="#3", phase="2026–2030", description="Tập huấn")
    )
    commitments.append(new_row("commitments", commitments[0], phase="Không có", description="Hội thảo"))

    _dry_run_in_vietnamese(
        officer,
        "agreements",
        [agreements_, phases, commitments],
        expected=[("agreements", 3, "signed_on"), ("commitments", 4, "phase")],
    )
    assert Agreement.objects.count() == 1 and Phase.objects.count() == 1

    agreements_[1][a("signed_on")] = datetime.date(2025, 3, 1)
    commitments[2][k("phase")] = "2021–2025"
    batch = _import(
        officer,
        "agreements",
        [agreements_, phases, commitments],
        django_capture_on_commit_callbacks,
        counts=(1, 1),
    )
    agreement.refresh_from_db()
    assert agreement.summary == "Hợp tác đào tạo" and _imported_by(agreement, batch, officer)
    new = Agreement.objects.get(title="Biên bản mới")
    assert [p.name for p in new.phases.all()] == ["2026–2030"]
    assert [(c.description, c.phase.name) for c in new.commitments.all()] == [("Tập huấn", "2026–2030")]
    assert sorted(agreement.commitments.values_list("description", "status")) == [
        ("Hội thảo", CommitmentStatus.IN_PROGRESS),  # copied from the changed row
        ("Trao đổi đoàn", CommitmentStatus.IN_PROGRESS),
    ]
    assert import_undo(batch=batch, by=officer) == 1
    new.refresh_from_db()
    agreement.refresh_from_db()
    assert new.archived_at is not None and agreement.archived_at is None
    assert [c.archived_at is not None for c in new.commitments.all()] == [True]  # not left on their list


def test_an_unchanged_agreement_export_imports_as_unchanged(people, agreement):
    tables = exported("agreements", Agreement.objects.visible_to(people.na_officer))
    batch = import_upload(by=people.na_officer, kind="agreements", upload=upload_of("agreements", tables))
    assert (batch.errors, batch.created, batch.updated, batch.unchanged) == ([], 0, 0, 1)


def test_a_commitment_changed_since_the_export_is_refused_on_its_row(people, agreement):
    agreements_, phases, commitments = exported("agreements", Agreement.objects.visible_to(people.na_officer))
    commitments[0][column("description", "commitments")] = "Trao đổi đoàn (sửa)"
    Commitment.objects.update(version=7)
    batch = import_upload(
        by=people.na_officer,
        kind="agreements",
        upload=upload_of("agreements", [agreements_, phases, commitments]),
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Version")]


# -- meetings -----------------------------------------------------------------


def test_meetings_round_trip(tree, people, lao, django_capture_on_commit_callbacks):
    officer = people.na_officer
    first = meeting_create(
        by=officer,
        owner_unit=tree.nghe_an,
        kind=MeetingKind.SEMINAR,
        title="Hội thảo an toàn lao động",
        start_on=datetime.date(2025, 4, 1),
        partners=[lao],
    )
    meeting_create(
        by=people.hn_officer,
        owner_unit=tree.ha_noi,
        kind=MeetingKind.SEMINAR,
        title="HN",
        start_on=datetime.date(2025, 4, 1),
    )
    (rows,) = exported("meetings", Meeting.objects.visible_to(officer))
    m = lambda name: column(name, "meetings")  # noqa: E731
    assert [r[m("title")] for r in rows] == ["Hội thảo an toàn lao động"]
    rows[0][m("topics")] = "An toàn lao động"
    reason = {"out_of_plan_reason": "Lời mời đột xuất"}
    rows.append(new_row("meetings", rows[0], title="Tọa đàm mới", owner_unit="NA-KS", partners="", **reason))
    rows.append(new_row("meetings", rows[0], title="Hội nghị", domestic_participants="bốn mươi", **reason))

    _dry_run_in_vietnamese(officer, "meetings", [rows], expected=[("meetings", 4, "domestic_participants")])
    rows[2][m("domestic_participants")] = 40
    batch = _import(officer, "meetings", [rows], django_capture_on_commit_callbacks, counts=(2, 1))
    first.refresh_from_db()
    assert first.topics == "An toàn lao động" and _imported_by(first, batch, officer)
    created = Meeting.objects.filter(title__in=["Tọa đàm mới", "Hội nghị"]).order_by("title")
    assert [(x.owner_unit.code, x.domestic_participants, x.partners.count()) for x in created] == [
        ("NA", 40, 1),
        ("NA-KS", 0, 0),
    ]
    assert import_undo(batch=batch, by=officer) == 2
    assert Meeting.objects.filter(archived_at__isnull=True, owner_unit__code__startswith="NA").count() == 1


# -- support and its items ----------------------------------------------------


def _support(officer, unit, partner, **fields):
    return support_create(
        by=officer,
        owner_unit=unit,
        direction=SupportDirection.GIVEN,
        partner=partner,
        given_on=datetime.date(2025, 5, 1),
        form=SupportForm.EQUIPMENT,
        funding_source=FundingSource.UNION_BUDGET,
        **fields,
    )


def test_support_round_trip_with_items(tree, people, lao, django_capture_on_commit_callbacks):
    officer = people.na_officer
    first = _support(
        officer,
        tree.nghe_an,
        lao,
        items=[{"description": "Máy tính", "quantity": 2, "value_vnd": 30_000_000}],
    )
    rows, items = exported("support", Support.objects.visible_to(officer))
    s = lambda name: column(name, "support")  # noqa: E731
    rows[0][s("description")] = "Máy tính cho công đoàn Bắc Lào"
    items.append([rows[0][s("id")], "Máy in", 1, 5_000_000])
    rows.append(
        new_row(
            "support",
            rows[0],
            description="Quà tặng",
            form=str(SupportForm.GIFTS.label),
            out_of_plan_reason="Thăm hỏi đột xuất",
        )
    )
    items.append(["#3", "Quà lưu niệm", 10, "1.500.000,5"])  # not whole đồng

    _dry_run_in_vietnamese(officer, "support", [rows, items], expected=[("support_items", 4, "value_vnd")])
    items[2][3] = 1_500_000
    batch = _import(officer, "support", [rows, items], django_capture_on_commit_callbacks, counts=(1, 1))
    first.refresh_from_db()
    assert first.description == "Máy tính cho công đoàn Bắc Lào" and _imported_by(first, batch, officer)
    assert [i.description for i in first.items.all()] == [
        "Máy tính",
        "Máy in",
    ] and first.total_vnd == 35_000_000
    gift = Support.objects.get(description="Quà tặng")
    assert gift.partner == lao and gift.total_vnd == 1_500_000
    assert import_undo(batch=batch, by=officer) == 1
    gift.refresh_from_db()
    assert gift.archived_at is not None


# -- every kind: a sibling's unit refused, the template, the list's button ------

SIBLING_ROWS = {
    "contacts": {"owner_unit": "HN", "full_name": "Lạc"},
    "agreements": {
        "owner_unit": "HN",
        "title": "Lạc",
        "agreement_type": str(AgreementType.MEMORANDUM.label),
        "partners": "Liên hiệp Công đoàn Lào",
    },
    "meetings": {
        "owner_unit": "HN",
        "kind": str(MeetingKind.SEMINAR.label),
        "title": "Lạc",
        "start_on": datetime.date(2025, 5, 1),
    },
    "support": {
        "owner_unit": "HN",
        "direction": str(SupportDirection.GIVEN.label),
        "partner": "Liên hiệp Công đoàn Lào",
        "given_on": datetime.date(2025, 5, 1),
        "form": str(SupportForm.CASH.label),
        "total_vnd": 1_000_000,
        "funding_source": str(FundingSource.UNION_BUDGET.label),
    },
}


@pytest.mark.parametrize("kind", sorted(SIBLING_ROWS))
def test_a_sibling_provinces_unit_is_refused(kind, people, lao):
    row = [None] * len(sheet(kind).columns)
    for name, value in SIBLING_ROWS[kind].items():
        row[column(name, kind)] = value
    tables = [[row]] + [[] for _child in sheet(kind).children]
    batch = import_upload(by=people.na_officer, kind=kind, upload=upload_of(kind, tables))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Unit (code)")]
    assert "HN" in batch.errors[0]["message"]
    assert sheet(kind).model.objects.count() == 0


@pytest.mark.parametrize(
    "kind,tabs",
    [
        ("contacts", ["Contacts"]),
        ("agreements", ["Agreements", "Phases", "Commitments"]),
        ("meetings", ["Meetings"]),
        ("support", ["Support", "Items"]),
    ],
)
def test_each_kinds_template_downloads_with_its_tabs(kind, tabs, client, people):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(people.na_officer)
    response = client.get(reverse("imports:template", args=[kind, "xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [*tabs, "Instructions"]
    assert client.get(reverse("imports:template", args=[kind, "csv"])).content.startswith("\ufeff".encode())


@pytest.mark.parametrize("kind", ["contacts", "agreements", "meetings", "support"])
def test_each_importable_list_links_to_its_import(kind, client, people):
    link = f"/imports/?kind={kind}".encode()
    client.force_login(people.na_officer)
    assert link in client.get(reverse(f"{kind}:list")).content
    client.force_login(people.na_viewer)
    assert link not in client.get(reverse(f"{kind}:list")).content


@pytest.fixture
def one_of_each(tree, people, lao, agreement):
    officer = people.na_officer
    contact_create(by=officer, owner_unit=tree.nghe_an, full_name="Bounmy", partner=lao)
    meeting_create(
        by=officer,
        owner_unit=tree.nghe_an,
        kind=MeetingKind.SEMINAR,
        title="Hội thảo",
        start_on=datetime.date(2025, 4, 1),
        country="LA",
        partners=[lao],
        agreement=agreement,
    )
    _support(
        officer,
        tree.nghe_an,
        lao,
        currency="USD",
        amount_original="1000",
        exchange_rate="25400",
        items=[{"description": "Máy tính", "quantity": 1, "value_vnd": 25_400_000}],
    )


@pytest.mark.parametrize("kind", ["contacts", "agreements", "meetings", "support"])
def test_an_unchanged_export_of_each_kind_imports_as_unchanged(kind, people, one_of_each):
    """The round trip's fixed point: every column the export writes reads back as the same value."""
    officer = people.na_officer
    tables = exported(kind, sheet(kind).model.objects.visible_to(officer))
    batch = import_upload(by=officer, kind=kind, upload=upload_of(kind, tables))
    assert (batch.errors, batch.created, batch.updated, batch.unchanged) == ([], 0, 0, 1)


def test_a_contact_file_without_the_partner_column_leaves_the_partner(
    tree, people, lao, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Membership.objects.filter(user=people.na_officer).update(personal_data=True)  # the phone is personal
    forget_scope(people.na_officer)
    contact = contact_create(by=people.na_officer, owner_unit=tree.nghe_an, full_name="Bounmy", partner=lao)
    text = f"ID,Version,Unit (code),Full name,Phone\n{contact.pk},{contact.version},NA,Bounmy,+856 20 1\n"
    batch = import_upload(
        by=people.na_officer, kind="contacts", upload=SimpleUploadedFile("c.csv", text.encode())
    )
    assert (batch.errors, batch.updated) == ([], 1)
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(batch=batch, by=people.na_officer)
    contact.refresh_from_db()
    assert (contact.phone, contact.partner) == ("+856 20 1", lao)
