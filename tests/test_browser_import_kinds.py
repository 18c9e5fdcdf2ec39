"""Real-browser test of an agreement import (with phases and commitments), from the agreement list.

Headless Debian Chromium driven by Playwright, in the Vietnamese UI; screenshots land in test-artifacts/.
"""

from solidarity.agreements import services as agreements
from solidarity.agreements.choices import AgreementType
from solidarity.agreements.models import Agreement
from solidarity.imports.tests.helpers import column, exported, new_row, upload_of
from solidarity.partners.services import partner_create
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def test_an_officer_imports_agreements_with_their_phases_and_commitments(
    live_server, people, tree, page_factory, settings, tmp_path
):
    """
    GIVEN Nghệ An's agreement exported with its phase and commitment
    WHEN the officer adds an agreement whose commitment names a phase it does not have, and uploads it
    THEN the preview shows the error on the Commitments tab's row, in Vietnamese;
    WHEN she uploads the corrected file and confirms
    THEN the new agreement, its phase and its commitment are imported
    """
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    officer = people.na_officer
    lao = partner_create(
        by=officer, unit=tree.nghe_an, name="Liên hiệp Công đoàn Lào", kind="national_centre", country="LA"
    )
    record = agreements.agreement_create(
        by=officer,
        owner_unit=tree.nghe_an,
        partners=[lao],
        title="Biên bản hợp tác 2021–2025",
        agreement_type=AgreementType.COOPERATION_AGREEMENT,
    )
    phase = agreements.phase_save(
        agreement=record, by=officer, name="2021–2025", start_year=2021, end_year=2025
    )
    agreements.commitment_create(
        by=officer, agreement=record, description="Trao đổi đoàn", due_year=2025, phase=phase
    )
    rows, phases, commitments = exported("agreements", Agreement.objects.visible_to(officer))
    rows.append(
        new_row(
            "agreements",
            rows[0],
            title="Biên bản hợp tác 2026–2030",
            out_of_plan_reason="Đối tác đề nghị ký sớm",  # no plan names it: the reason is required
        )
    )
    phases.append(["#3", "2026–2030", 2026, 2030, ""])
    commitments.append(
        new_row(
            "commitments", commitments[0], agreement="#3", phase="2026-2030 (sai)", description="Tập huấn"
        )
    )
    wrong = tmp_path / "thoa-thuan-loi.xlsx"
    wrong.write_bytes(upload_of("agreements", [rows, phases, commitments]).read())
    commitments[-1][column("phase", "commitments")] = "2026–2030"
    right = tmp_path / "thoa-thuan.xlsx"
    right.write_bytes(upload_of("agreements", [rows, phases, commitments]).read())

    page = page_factory()
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/agreements/")
    shot(page, "import-kinds-01-agreement-list")
    page.click("a[href='/imports/?kind=agreements']")
    assert page.locator("#id_kind").input_value() == "agreements"
    shot(page, "import-kinds-02-upload-every-kind")
    page.set_input_files("#id_file", str(wrong))
    page.click("main button[type=submit]")
    page.wait_for_selector("#errors")
    shot(page, "import-kinds-03-agreement-preview-error")
    errors = page.locator("#errors tbody tr")
    assert errors.count() == 1
    assert "không có giai đoạn" in errors.nth(0).inner_text()
    assert Agreement.objects.count() == 1

    page.goto(f"{live_server.url}/imports/?kind=agreements")
    page.set_input_files("#id_file", str(right))
    page.click("main button[type=submit]")
    page.wait_for_selector("#confirm")
    assert page.locator("#count-created").inner_text() == "1"
    page.click("#confirm")
    page.wait_for_selector("[data-testid=job-status][data-state=done]")
    shot(page, "import-kinds-04-agreement-job-done")
    new = Agreement.objects.get(title="Biên bản hợp tác 2026–2030")
    assert [c.phase.name for c in new.commitments.all()] == ["2026–2030"]
