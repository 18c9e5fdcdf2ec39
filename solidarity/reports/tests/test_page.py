"""The report page: its figures and links, the picker, bad input, its cost, the print layout, the files."""

import datetime
import io
import shutil

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import add_child, make_user
from solidarity.figures.tests.helpers import delegation
from solidarity.units.choices import UnitKind, UnitLevel

from . import office

D = datetime.date
pytestmark = pytest.mark.django_db
URL = reverse("reports:report")


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_it_shows_the_figures_with_links_to_their_lists(client, records, people, tree):
    response = get(client, people.na_viewer, unit=tree.nghe_an.pk, start="2025-01-01", end="2025-12-31")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="delegations_out"' in html
    report = response.context["report"]
    assert report.figure("delegations_out").value == 2
    assert f"/delegations/?unit={tree.nghe_an.pk}" in html
    assert "start_from=2025-01-01" in html
    assert "70.000.000 ₫" in html  # support given, Vietnamese grouping
    assert 'data-breakdown="unit"' in html and 'data-breakdown="country"' in html
    assert "<svg" in html  # a chart, beside the tables


def test_without_parameters_it_reports_the_users_unit_for_this_year(client, records, people, tree):
    response = get(client, people.na_viewer)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.unit_id == tree.nghe_an.pk
    assert report.start.month == 1 and report.end.month == 12


def test_the_picker_resolves_the_union_periods(client, records, people, tree):
    response = get(client, people.na_viewer, unit=tree.nghe_an.pk, kind="annual_report", year=2025)
    report = response.context["report"]
    assert (report.start, report.end) == (D(2024, 12, 15), D(2025, 12, 14))
    response = get(client, people.na_viewer, unit=tree.nghe_an.pk, kind="quarter", year=2025, quarter=3)
    assert (response.context["report"].start, response.context["report"].end) == (
        D(2025, 7, 1),
        D(2025, 9, 30),
    )


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2025-12-31", "end": "2025-01-01"},
        {"start": "not a date", "end": "2025-01-01"},
        {"start": "9999-01-01", "end": "9999-12-31"},
        {"start": "2025-01-01"},
        {"year": "abc", "kind": "year"},
        {"kind": "nonsense"},
        {"unit": "x1"},
    ],
)
def test_bad_input_gets_a_message_not_an_error(client, people, tree, params):
    response = get(client, people.na_viewer, **params)
    assert response.status_code == 200
    assert "report" not in response.context
    assert 'data-testid="report-errors"' in response.content.decode()


def test_the_message_is_in_vietnamese(client, people, tree, settings):
    settings.LANGUAGE_CODE = "vi"
    response = get(client, people.na_viewer, start="2025-12-31", end="2025-01-01")
    assert "Kỳ báo cáo kết thúc trước khi bắt đầu." in response.content.decode()


def test_a_sibling_units_report_is_not_found(client, records, people, tree):
    assert get(client, people.na_viewer, unit=tree.ha_noi.pk).status_code == 404
    assert get(client, people.na_viewer, unit=999999).status_code == 404
    assert get(client, people.na_viewer, unit=tree.ha_noi.pk, format="xlsx").status_code == 404


def test_signing_in_is_required(client):
    assert client.get(URL).status_code == 302


def test_its_queries_do_not_grow_with_children_or_rows(
    client, records, people, tree, django_assert_max_num_queries
):
    client.force_login(people.vgcl_leader)
    params = {"unit": tree.vgcl.pk, "start": "2024-01-01", "end": "2025-12-31"}
    # A fixed number a section: the social funds' two breakdowns, the plans' budget breakdown and
    # units without a plan, the staff's units with nobody trained added 4 to the 40 before them;
    # the staff by child unit (children, officers, part-time, trained) and by language, 3 more;
    # the migrant workers' cases open at the end (this period and the one before) and their
    # breakdowns by country and sector 4 more (their child units come from the period's read).
    with django_assert_max_num_queries(53) as few:
        client.get(URL, params)
    officer = make_user("vgcl_officer", (tree.vgcl, Role.OFFICER))
    for n in range(6):
        child = add_child(
            tree.vgcl,
            name=f"LĐLĐ tỉnh {n}",
            code=f"P{n}",
            level=UnitLevel.PROVINCE_SECTOR,
            kind=UnitKind.PROVINCIAL_FEDERATION,
        )
        delegation(officer, child, start=D(2025, 4, 1), countries=("KH", "CN"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, params)
    assert len(response.context["report"].breakdown("unit").rows) == 9


def test_the_print_layout_has_no_navigation_or_filters(client, records, people, tree):
    response = get(
        client, people.na_viewer, unit=tree.nghe_an.pk, start="2025-01-01", end="2025-12-31", print=1
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<nav" not in html and "report-form" not in html
    assert 'data-testid="print-title"' in html and tree.nghe_an.name in html and "01/01/2025" in html
    assert "report-print.css" in html


def test_the_csv_opens_in_excel_with_vietnamese(client, records, people, tree, settings):
    settings.LANGUAGE_CODE = "vi"
    response = get(
        client, people.na_viewer, unit=tree.nghe_an.pk, start="2025-01-01", end="2025-12-31", format="csv"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-NA-2025-01-01-2025-12-31.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "Đoàn ra" in text and ",70000000," in text


def test_the_xlsx_has_title_rows_numbers_and_vnd_formats(client, records, people, tree):
    response = get(
        client, people.na_viewer, unit=tree.nghe_an.pk, start="2025-01-01", end="2025-12-31", format="xlsx"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert tree.nghe_an.name in sheet["A1"].value and "01/01/2025" in sheet["A2"].value
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=5)}
    support = rows["Support given"]
    assert support[2].value == 70_000_000 and isinstance(support[2].value, int)
    assert "₫" in support[2].number_format
    assert rows["Outgoing delegations"][2].value == 2
    assert sheet.column_dimensions["B"].width >= 30
    # the plans section and outside the plan by kind come through the same sections
    assert "Activities in the plans in force" in rows and "Support given outside the annual plan" in rows
    # the figures, by unit, country, partner, partner kind, funding source, donor, donor's country,
    # social fund income by source, spending by use, the plans' budget against spending by source,
    # the officers by child unit and by language, the migrant workers' cases by child unit, country
    # and sector
    assert len(book.worksheets) == 16
    countries = book["By country"]
    assert countries["A4"].value == "By country"


def test_docx_is_not_found_until_the_word_report_exists(client, records, people, tree):
    try:
        import solidarity.reports.docx  # noqa: F401
    except ImportError:
        response = get(client, people.na_viewer, unit=tree.nghe_an.pk, format="docx")
        assert response.status_code == 404
    else:
        pytest.skip("the Word report exists: its own tests cover it")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_xlsx(client, records, people, tree, tmp_path):
    response = get(
        client, people.na_viewer, unit=tree.nghe_an.pk, start="2025-01-01", end="2025-12-31", format="xlsx"
    )
    source = tmp_path / "bao-cao.xlsx"
    source.write_bytes(response.content)
    text = office.convert(source, "csv:Text - txt - csv (StarCalc):44,34,76", timeout=120).read_text(
        encoding="utf-8"
    )
    assert tree.nghe_an.name in text and "Outgoing delegations" in text


def test_the_national_report_ranks_partners_only_on_request(client, records, people, tree):
    """Ranking the whole system's ~100,000 partners takes seconds: the national page asks first."""
    response = get(client, people.vgcl_leader, unit=tree.vgcl.pk, start="2025-01-01", end="2025-12-31")
    assert response.status_code == 200
    assert response.context["report"].breakdown("partner") is None
    html = response.content.decode()
    assert 'data-breakdown="partner-link"' in html and "partners=1" in html
    response = get(
        client, people.vgcl_leader, unit=tree.vgcl.pk, start="2025-01-01", end="2025-12-31", partners="1"
    )
    assert response.context["report"].breakdown("partner") is not None
    # Below the national level the partners come with the report.
    response = get(client, people.na_viewer, unit=tree.nghe_an.pk, start="2025-01-01", end="2025-12-31")
    assert response.context["report"].breakdown("partner") is not None
