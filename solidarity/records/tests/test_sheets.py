import datetime

import pytest
from django.utils import translation

from solidarity.core.choices import FundingSource
from solidarity.records.sheets import BOOL, CHOICE, COUNTRIES, DATE, INT, VND, CellError, Column, sheet


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        (DATE, "29/07/2024", datetime.date(2024, 7, 29)),
        (DATE, datetime.datetime(2024, 7, 29), datetime.date(2024, 7, 29)),
        (VND, "30.000.000", 30_000_000),
        (VND, 30000000.0, 30_000_000),
        (VND, "30 000 000 đ", 30_000_000),
        (INT, "12", 12),
        (BOOL, "Có", True),
        (BOOL, "không", False),
        (COUNTRIES, "Lào, Thái Lan", ["LA", "TH"]),
        (COUNTRIES, "LA;kh", ["LA", "KH"]),
    ],
)
def test_cells_read_as_people_write_them(kind, raw, expected):
    column = Column("x", "X", kind, choices=FundingSource if kind == CHOICE else None)
    assert column.parse(raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        (DATE, "31/02/2024", "không phải là ngày"),
        (VND, "1.5", "không có phần lẻ"),
        (VND, 12.5, "không có phần lẻ"),
        (VND, "-5", "âm"),
        (COUNTRIES, "Atlantis", "Không rõ quốc gia"),
    ],
)
def test_a_bad_cell_says_what_is_wrong_in_vietnamese(kind, raw, message):
    with pytest.raises(CellError) as error:
        Column("x", "X", kind).parse(raw)
    assert message in str(error.value)


def test_choices_read_by_label_or_value_and_list_the_allowed_ones():
    column = Column("source", "Nguồn", CHOICE, choices=FundingSource)
    assert column.parse("kinh phi cong doan") == FundingSource.UNION_BUDGET
    assert column.parse("partner") == FundingSource.PARTNER
    with pytest.raises(CellError) as error:
        column.parse("Ngân hàng")
    assert "Kinh phí công đoàn" in str(error.value)


def test_a_required_cell_left_empty_is_refused():
    with pytest.raises(CellError):
        Column("x", "X", required=True).parse("  ")
    assert Column("x", "X").parse("") is None


def test_an_exported_cell_reads_back_to_the_same_value():
    column = sheet("delegations").column("countries")
    assert column.parse(column.cell(["LA", "TH"])) == ["LA", "TH"]
    source = sheet("delegation_costs").column("source")
    assert source.parse(source.cell(FundingSource.SPONSOR)) == FundingSource.SPONSOR


def test_every_kind_declares_its_sheets_with_translated_headers():
    expected = {
        "partners",
        "contacts",
        "agreements",
        "agreement_phases",
        "commitments",
        "delegations",
        "delegation_members",
        "delegation_costs",
        "meetings",
        "support",
        "support_items",
        "units",
        "users",
    }
    from solidarity.records.sheets import SHEETS

    assert expected <= set(SHEETS)
    for declared in SHEETS.values():
        headers = declared.headers()
        assert len(headers) == len(set(headers)), declared.name
    assert str(sheet("agreements").column("title").header) == "Tên thỏa thuận"
    assert str(sheet("commitments").column("due_year").header) == "Năm hoàn thành"


def test_importable_columns_are_fields_of_their_model_or_named_links():
    from solidarity.records.sheets import SHEETS

    for declared in SHEETS.values():
        names = {f.name for f in declared.model._meta.get_fields()}
        for column in declared.columns:
            if not column.export_only:
                assert column.name in names | {"unit", "id"}, (declared.name, column.name)
