"""Real-browser test of the issue's done-when: export the delegations, fix them, import them back.

Headless Debian Chromium driven by Playwright, in the Vietnamese UI; screenshots land in test-artifacts/.
"""

import datetime

from solidarity.delegations.models import Delegation
from solidarity.delegations.tests.factories import make_delegation
from solidarity.imports.tests.helpers import column, exported_delegations, upload
from tests.browser import MARKS, shot, sign_in

pytestmark = MARKS


def _save(tmp_path, name, tables):
    path = tmp_path / name
    path.write_bytes(upload(tables).read())
    return path


def test_an_officer_imports_her_corrected_delegation_list_back(
    live_server, people, tree, page_factory, settings, tmp_path
):
    """
    GIVEN Nghệ An's outgoing delegations exported from the filtered list
    WHEN the officer adds two rows, one with a bad date and one with an unknown unit code, and uploads it
    THEN the preview shows the two row errors in Vietnamese and nothing is written;
    WHEN she uploads the corrected file and confirms
    THEN it imports in one go, the delegation's history says so, and undo archives what was created
    """
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_delegation(tree.nghe_an, title="Đoàn LĐLĐ Nghệ An sang Xiêng Khoảng")
    delegations, members, costs = exported_delegations(people.na_officer, {"direction": "outgoing"})
    new = list(delegations[0])
    new[column("id")] = new[column("version")] = None
    bad_date, bad_unit = list(new), list(new)
    bad_date[column("title")], bad_date[column("start_on")] = "Đoàn học tập tại Thái Lan", "31/02/2025"
    bad_unit[column("title")], bad_unit[column("owner_unit")] = "Đoàn dự hội nghị tại Viêng Chăn", "NA-XX"
    wrong = _save(tmp_path, "doan-ra-loi.xlsx", [delegations + [bad_date, bad_unit], members, costs])
    bad_date[column("start_on")] = datetime.date(2025, 2, 27)
    bad_unit[column("owner_unit")] = "NA-KS"
    right = _save(tmp_path, "doan-ra.xlsx", [delegations + [bad_date, bad_unit], members, costs])

    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}/delegations/")
    page.click("a[href='/imports/?kind=delegations']")
    shot(page, "import-01-upload")
    page.set_input_files("#id_file", str(wrong))
    page.click("main button[type=submit]")
    page.wait_for_selector("#errors")
    shot(page, "import-02-preview-two-errors")
    errors = page.locator("#errors tbody tr")
    assert errors.count() == 2
    assert "không phải là ngày" in errors.nth(0).inner_text() or "dd/mm/yyyy" in errors.nth(0).inner_text()
    assert "NA-XX" in errors.nth(1).inner_text()
    assert page.locator("#confirm").count() == 0
    assert Delegation.objects.count() == 1

    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("#id_file", str(right))
    page.click("main button[type=submit]")
    page.wait_for_selector("#confirm")
    assert page.locator("#count-created").inner_text() == "2"
    shot(page, "import-03-preview-clean")
    page.click("#confirm")
    page.wait_for_selector("[data-testid=job-status][data-state=done]")
    shot(page, "import-04-job-done")
    assert Delegation.objects.filter(archived_at__isnull=True).count() == 3

    created = Delegation.objects.get(title="Đoàn dự hội nghị tại Viêng Chăn")
    page.goto(f"{live_server.url}/delegations/{created.pk}/")
    assert "Nhập từ doan-ra.xlsx" in page.content()
    shot(page, "import-05-history")

    page.goto(f"{live_server.url}/imports/")
    page.click("text=doan-ra.xlsx >> nth=0")
    page.click("#undo")
    page.wait_for_selector(".alert")
    shot(page, "import-06-undone")
    assert Delegation.objects.filter(archived_at__isnull=True).count() == 1


def test_a_large_file_is_checked_in_the_background_then_previewed(
    live_server, people, tree, page_factory, settings, tmp_path, monkeypatch
):
    """GIVEN a file of more rows than IMPORT_SYNC_ROWS
    WHEN the officer uploads it THEN the page shows its check as a job at once (the worker not started yet);
    WHEN the worker has run it THEN the same page is the preview, ready to import."""
    from types import SimpleNamespace

    from solidarity.imports.models import ImportBatch
    from solidarity.jobs import services as job_services
    from solidarity.jobs.run import job_run

    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.IMPORT_SYNC_ROWS = 2
    # The worker comes later: the job stays queued until the test runs it.
    monkeypatch.setattr(job_services, "run_job", SimpleNamespace(enqueue=lambda *args, **kwargs: None))
    make_delegation(tree.nghe_an, title="Đoàn mẫu")
    delegations, members, costs = exported_delegations(people.na_officer, {"direction": "outgoing"})
    rows = []
    for n in range(3):
        row = list(delegations[0])
        row[column("id")] = row[column("version")] = None
        row[column("title")] = f"Đoàn số {n}"
        rows.append(row)
    path = _save(tmp_path, "doan-lon.xlsx", [rows, [], []])

    page = page_factory()
    sign_in(page, live_server, people.na_officer.username)
    page.goto(f"{live_server.url}/imports/?kind=delegations")
    page.set_input_files("#id_file", str(path))
    page.click("main button[type=submit]")
    page.wait_for_selector("#check-status")
    shot(page, "import-10-large-file-checking")
    assert page.locator("#confirm").count() == 0

    job_run(ImportBatch.objects.get().job_id)
    page.reload()
    page.wait_for_selector("#confirm")
    shot(page, "import-11-large-file-checked")
    assert page.locator("#count-created").inner_text() == "3"
    assert Delegation.objects.count() == 1
