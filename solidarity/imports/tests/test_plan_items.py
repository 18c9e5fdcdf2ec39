"""Sheets name the plan item a record carries out by its title; a row outside the plan says why.

The export writes the item's title; the import finds it among the items of the owner unit's
approved plan in force for the record's year, or refuses the row on that cell in Vietnamese.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from solidarity.agreements.choices import AgreementType
from solidarity.agreements.models import Agreement
from solidarity.delegations.models import Delegation
from solidarity.figures.tests.helpers import delegation as make_delegation
from solidarity.imports.models import BatchState
from solidarity.imports.services import import_confirm, import_upload
from solidarity.imports.tests.helpers import column, exported, upload_of
from solidarity.imports.workbooks import template_xlsx
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.partners.services import partner_create
from solidarity.plans import services as plans
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.tests.factories import approved_plan
from solidarity.records.sheets import sheet
from solidarity.support.choices import SupportDirection, SupportForm
from solidarity.support.models import Support

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 6, 16)


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


@pytest.fixture
def plan(tree, people):
    """Nghệ An's approved plan of 2025: one activity of each kind a record carries out."""
    return approved_plan(
        people.na_officer,
        people.vgcl_leader,
        tree.nghe_an,
        2025,
        items=[
            ("Đoàn sang thăm tỉnh Xiêng Khoảng", PlanItemKind.OUTGOING),
            ("Hội thảo an toàn lao động", PlanItemKind.HOST_MEETING),
            ("Ký biên bản hợp tác với Lào", PlanItemKind.AGREEMENT),
            ("Hỗ trợ thiết bị cho công đoàn Lào", PlanItemKind.SUPPORT),
        ],
    )


def _row(sheet_name: str, /, **cells) -> list:
    row = [None] * len(sheet(sheet_name).columns)
    for name, value in cells.items():
        row[column(name, sheet_name)] = value
    return row


def _delegation(**cells) -> list:
    return _row(
        "delegations",
        **{
            "owner_unit": "NA",
            "direction": "Outgoing (đoàn ra)",
            "title": "Đoàn công tác Xiêng Khoảng",
            "countries": "Lào",
            "start_on": START,
            "end_on": START + datetime.timedelta(days=4),
            **cells,
        },
    )


def _check(people, kind: str, rows: list, children: int = 0):
    with translation.override("vi"):
        return import_upload(
            by=people.na_officer, kind=kind, upload=upload_of(kind, [rows] + [[]] * children)
        )


def _errors(batch) -> list[tuple[int, str, str]]:
    return [(e["row"], e["column"], e["message"]) for e in batch.errors]


def test_a_new_delegation_names_its_plan_item_by_title_whatever_the_case_and_accents(
    tree, people, plan, django_capture_on_commit_callbacks
):
    item = plan.items.get(kind=PlanItemKind.OUTGOING)
    batch = _check(people, "delegations", [_delegation(plan_item="đoan sang THAM tinh xieng khoang")], 2)
    assert (batch.errors, batch.created) == ([], 1)
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(batch=batch, by=people.na_officer)
    record = Delegation.objects.get()
    assert (record.plan_item, record.in_plan) == (item, True)


@pytest.mark.parametrize(
    ("title", "start", "expected"),
    [
        ("Đoàn sang Campuchia", START, "Kế hoạch 2025 đã duyệt"),  # no such activity
        ("Đoàn sang thăm tỉnh Xiêng Khoảng", datetime.date(2026, 3, 2), "2026"),  # no plan for 2026
    ],
)
def test_an_activity_not_in_the_units_approved_plan_of_the_year_is_refused_on_its_cell(
    tree, people, plan, title, start, expected
):
    batch = _check(
        people,
        "delegations",
        [_delegation(plan_item=title, start_on=start, end_on=start + datetime.timedelta(days=2))],
        2,
    )
    assert batch.state == BatchState.PREVIEWED and not batch.can_confirm
    with translation.override("vi"):
        header = str(sheet("delegations").column("plan_item").header)
    [(row, where, message)] = _errors(batch)
    assert (row, where) == (2, header) and expected in message
    assert Delegation.objects.count() == 0


def test_a_sibling_units_plan_item_is_not_found(tree, people, plan):
    approved_plan(
        people.hn_officer, people.vgcl_leader, tree.ha_noi, 2025, items=[("Đoàn Hà Nội", "outgoing")]
    )
    batch = _check(people, "delegations", [_delegation(plan_item="Đoàn Hà Nội")], 2)
    [(_row_number, _where, message)] = _errors(batch)
    assert "Đoàn Hà Nội" in message


def test_two_activities_of_the_same_title_are_told_apart_by_their_quarter(tree, people):
    plan = plans.plan_create(by=people.na_officer, owner_unit=tree.nghe_an, year=2025)
    for quarter in (2, 4):
        plans.plan_item_add(
            plan=plan,
            by=people.na_officer,
            kind=PlanItemKind.OUTGOING,
            title="Đoàn sang Lào",
            quarter=quarter,
        )
    plans.plan_budget_set(plan=plan, by=people.na_officer, amounts={"union_budget": 100_000_000})
    plans.plan_approve(plan=plans.plan_submit(plan=plan, by=people.na_officer), by=people.vgcl_leader)
    batch = _check(people, "delegations", [_delegation(plan_item="Đoàn sang Lào")], 2)
    [(_row_number, _where, message)] = _errors(batch)
    assert "(Q2/2025)" in message  # how to write it
    batch = _check(people, "delegations", [_delegation(plan_item="Đoàn sang Lào (Q4/2025)")], 2)
    assert (batch.errors, batch.created) == ([], 1)


def test_a_row_outside_the_plan_without_its_reason_is_refused_on_the_reason(tree, people, plan):
    batch = _check(
        people, "delegations", [_delegation(), _delegation(out_of_plan_reason="Lời mời đột xuất")], 2
    )
    with translation.override("vi"):
        header = str(sheet("delegations").column("out_of_plan_reason").header)
    assert [(row, where) for row, where, _message in _errors(batch)] == [(2, header)]
    assert "lý do" in _errors(batch)[0][2]


def test_the_export_writes_the_items_title_and_an_unchanged_file_imports_as_unchanged(tree, people, plan):
    item = plan.items.get(kind=PlanItemKind.OUTGOING)
    make_delegation(people.na_officer, tree.nghe_an, start=START, plan_item=item, approve=False)
    make_delegation(people.na_officer, tree.nghe_an, start=START, approve=False)
    tables = exported("delegations", Delegation.objects.visible_to(people.na_officer))
    p, r = column("plan_item"), column("out_of_plan_reason")
    assert [(row[p], row[r]) for row in tables[0]] == [
        ("Đoàn sang thăm tỉnh Xiêng Khoảng", None),
        (None, "Lời mời đột xuất"),
    ]
    batch = import_upload(by=people.na_officer, kind="delegations", upload=upload_of("delegations", tables))
    assert (batch.errors, batch.unchanged) == ([], 2)


def test_an_update_keeps_the_item_of_an_amended_plan_and_can_move_the_record_out_of_the_plan(
    tree, people, plan
):
    item = plan.items.get(kind=PlanItemKind.OUTGOING)
    record = make_delegation(people.na_officer, tree.nghe_an, start=START, plan_item=item, approve=False)
    amendment = plans.plan_amend(plan=plan, by=people.na_officer, today=datetime.date(2025, 3, 1))
    plans.plan_approve(plan=plans.plan_submit(plan=amendment, by=people.na_officer), by=people.vgcl_leader)
    tables = exported("delegations", Delegation.objects.filter(pk=record.pk))
    tables[0][0][column("purpose")] = "Trao đổi kinh nghiệm (sửa)"
    batch = _check(people, "delegations", tables[0], 2)
    assert (batch.errors, batch.updated) == ([], 1)
    tables[0][0][column("plan_item")] = None
    batch = _check(people, "delegations", tables[0], 2)
    assert [where for _row, where, _message in _errors(batch)] == ["Lý do hoạt động ngoài kế hoạch"]
    tables[0][0][column("out_of_plan_reason")] = "Kế hoạch thay đổi"
    batch = _check(people, "delegations", tables[0], 2)
    assert (batch.errors, batch.updated) == ([], 1)


def test_a_record_saved_before_plans_is_updated_without_a_reason(tree, people, plan):
    record = make_delegation(people.na_officer, tree.nghe_an, start=START, approve=False)
    Delegation.objects.filter(pk=record.pk).update(out_of_plan_reason="", in_plan=True)
    tables = exported("delegations", Delegation.objects.filter(pk=record.pk))
    tables[0][0][column("purpose")] = "Ghi từ trước khi có kế hoạch"
    assert (_check(people, "delegations", tables[0], 2).errors, record.plan_item_id) == ([], None)


# -- meetings, agreements, support ----------------------------------------------------------------


def _meeting(**cells):
    return _row(
        "meetings",
        **{
            "owner_unit": "NA",
            "kind": str(MeetingKind.SEMINAR.label),
            "title": "Hội thảo",
            "start_on": START,
            "is_international": "Có",
            **cells,
        },
    )


def _agreement(**cells):
    return _row(
        "agreements",
        **{
            "owner_unit": "NA",
            "title": "Biên bản hợp tác",
            "agreement_type": str(AgreementType.COOPERATION_AGREEMENT.label),
            "partners": "Liên hiệp Công đoàn Lào",
            "signed_on": datetime.date(2025, 3, 1),
            "is_international_agreement": "Có",
            **cells,
        },
    )


def _support(**cells):
    return _row(
        "support",
        **{
            "owner_unit": "NA",
            "direction": str(SupportDirection.GIVEN.label),
            "partner": "Liên hiệp Công đoàn Lào",
            "given_on": START,
            "form": str(SupportForm.EQUIPMENT.label),
            "total_vnd": 30_000_000,
            "funding_source": "union_budget",
            **cells,
        },
    )


KINDS = {
    "meetings": (_meeting, Meeting, "Hội thảo an toàn lao động", 0, {"is_international": "Không"}),
    "agreements": (
        _agreement,
        Agreement,
        "Ký biên bản hợp tác với Lào",
        2,
        {"is_international_agreement": "Không"},
    ),
    "support": (_support, Support, "Hỗ trợ thiết bị cho công đoàn Lào", 1, {"direction": "received"}),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_names_its_plan_item_and_exports_it_back(kind, tree, people, lao, plan):
    make, model, title, children, _outside = KINDS[kind]
    assert {"plan_item", "out_of_plan_reason"} <= {c.name for c in sheet(kind).columns}
    batch = _check(people, kind, [make(plan_item=title.upper())], children)
    assert (batch.errors, batch.created) == ([], 1)
    batch = _check(people, kind, [make(plan_item="Không có trong kế hoạch")], children)
    [(row, where, message)] = _errors(batch)
    assert row == 2 and "Không có trong kế hoạch" in message and "Nghệ An" in message
    batch = _check(people, kind, [make()], children)
    assert [where for _row, where, _message in _errors(batch)] == ["Lý do hoạt động ngoài kế hoạch"]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_row_the_plan_does_not_concern_needs_no_reason(kind, tree, people, lao, plan):
    make, _model, _title, children, outside = KINDS[kind]
    batch = _check(people, kind, [make(**outside)], children)
    assert (batch.errors, batch.created) == ([], 1)


def test_the_templates_have_the_plan_columns_and_not_the_old_box(people):
    import io

    from openpyxl import load_workbook

    with translation.override("vi"):
        for kind in ("delegations", "meetings", "agreements", "support"):
            workbook = load_workbook(io.BytesIO(template_xlsx(sheet(kind))))
            headers = [cell.value for cell in workbook.worksheets[0][1]]
            assert "Mục kế hoạch thực hiện" in headers and "Lý do hoạt động ngoài kế hoạch" in headers
            assert "Trong kế hoạch năm" not in headers


def test_each_plan_is_read_once_for_all_the_rows_naming_its_items(tree, people, plan):
    """GIVEN 12 rows naming an item of the same plan, and 12 rows outside the plan
    THEN the first cost at most one query more per row (the service's check of the item), the
    plan's lookup once (two queries), and the plan's figures brought along once for the whole file
    (five: its items and its plan re-counted, as the plans section of the reports reads them)"""

    def queries(**cells) -> int:
        rows = [_delegation(title=f"Đoàn {n}", **cells) for n in range(12)]
        with CaptureQueriesContext(connection) as captured:
            batch = _check(people, "delegations", rows, 2)
        assert (batch.errors, batch.created) == ([], 12)
        return len(captured)

    outside = queries(out_of_plan_reason="Lời mời đột xuất")
    inside = queries(plan_item="Đoàn sang thăm tỉnh Xiêng Khoảng")
    assert inside - outside <= 12 + 2 + 5, (outside, inside)
