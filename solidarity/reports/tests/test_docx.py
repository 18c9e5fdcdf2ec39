"""The official Word report: generated, converted by LibreOffice to PDF, its first page rendered."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from solidarity.reports.docx import document_number, official_report, place_of, vietnamese_date
from tests.browser import ARTIFACTS

from . import office
from .samples import sample_report

TEXTS = {
    "results": (
        "Duy trì quan hệ hợp tác với LĐCĐ tỉnh Xiêng Khoảng (Lào).\nHỗ trợ 50 triệu đồng cho phía bạn."
    ),
    "difficulties": "Cán bộ kiêm nhiệm, thiếu kỹ năng và ngoại ngữ; kinh phí bị động.",
    "proposals": (
        "Đề nghị Tổng Liên đoàn ban hành quy chế quỹ, tổ chức tập huấn và linh hoạt thủ tục đoàn ra."
    ),
}
SIGNER = {"authority": "TM. BAN THƯỜNG VỤ", "title": "Chủ tịch", "name": "Kha Văn Tám"}


def test_the_number_is_blank_until_one_is_issued():
    assert document_number("", "LĐLĐ") == "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-LĐLĐ"
    assert document_number("5", "LĐLĐ") == "Số: 05/BC-LĐLĐ"
    assert document_number("05/BC-LĐLĐ", "X") == "Số: 05/BC-LĐLĐ"


def test_the_date_takes_leading_zeros_as_the_decree_writes_it():
    assert vietnamese_date("Nghệ An", datetime.date(2025, 3, 5)) == "Nghệ An, ngày 05 tháng 3 năm 2025"
    assert vietnamese_date("Hà Nội", datetime.date(2025, 2, 15)) == "Hà Nội, ngày 15 tháng 02 năm 2025"


def test_the_place_is_the_province_of_the_unit(tree):
    assert place_of(tree.nghe_an) == "Nghệ An"
    assert place_of(tree.school) == "Nghệ An"
    assert place_of(tree.ha_noi) == "Hà Nội"
    assert place_of(tree.vgcl) == "Hà Nội"
    assert place_of(tree.education) == "Hà Nội"  # a national sectoral union sits in the capital


def test_the_unit_symbol_comes_from_its_kind_unless_set(tree):
    assert tree.nghe_an.document_symbol == "LĐLĐ"
    assert tree.vgcl.document_symbol == "TLĐ"
    tree.school.doc_symbol = "CĐTHCS"
    assert tree.school.document_symbol == "CĐTHCS"


def convert(docx: bytes, tmp_path: Path) -> tuple[str, Path]:
    """DOCX → PDF (LibreOffice headless) → first page PNG; the PDF's text and the PNG's path."""
    source = tmp_path / "report.docx"
    source.write_bytes(docx)
    pdf = office.convert(source, "pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    text = " ".join(text.split())
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages, "pdftoppm rendered no page"
    return text, pages[0]


@pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftoppm"),
    reason="LibreOffice (soffice) or poppler-utils is not installed: run .ci/install-office",
)
def test_the_official_report_opens_in_libreoffice_as_a_vietnamese_report(tree, tmp_path):
    """GIVEN Nghệ An's annual figures and its officer's texts
    WHEN the official report is generated with number 05 and converted by LibreOffice
    THEN the PDF has the form's parts: number, BÁO CÁO, the figures, the texts, Nơi nhận, the signer."""
    docx = official_report(
        sample_report(unit_id=tree.nghe_an.pk),
        unit=tree.nghe_an,
        number="05/BC-LĐLĐ",
        texts=TEXTS,
        signer=SIGNER,
        issued_on=datetime.date(2025, 12, 16),
    )
    text, png = convert(docx, tmp_path)
    for expected in (
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN",
        "Số: 05/BC-LĐLĐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Nghệ An, ngày 16 tháng 12 năm 2025",
        "BÁO CÁO",
        "6 đoàn ra với 17 lượt cán bộ",
        "Xiêng Khoảng",
        "Nơi nhận",
        "TM. BAN THƯỜNG VỤ",
        "Kha Văn Tám",
    ):
        assert expected in text, expected
    assert png.stat().st_size > 1000
    keep = ARTIFACTS / "per"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, keep / "official_report_page1.png")
    shutil.copy(tmp_path / "report.pdf", keep / "official_report.pdf")
