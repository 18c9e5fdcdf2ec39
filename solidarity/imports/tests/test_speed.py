"""Issue 10's import benchmark, as guards: queries per row, a large file checked as a job, faster checks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.core.cleaning import held_foreign_keys
from solidarity.delegations.models import Delegation
from solidarity.delegations.services import delegation_create
from solidarity.imports.models import BatchState
from solidarity.imports.services import import_upload
from solidarity.imports.tests.helpers import upload
from solidarity.jobs.models import JobState
from solidarity.records.sheets import sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _rows(count: int, owner: str = "NA") -> list[list]:
    names = [c.name for c in sheet("delegations").columns]
    start = datetime.date(2025, 1, 1)
    rows = []
    for n in range(count):
        values = {
            "owner_unit": owner,
            "direction": "Outgoing (đoàn ra)",
            "title": f"Đoàn số {n}",
            "purpose": "Trao đổi kinh nghiệm",
            "countries": "Lào",
            "cities": "Viêng Chăn",
            "start_on": start + datetime.timedelta(days=n),
            "end_on": start + datetime.timedelta(days=n + 3),
            "planned_count": 5,
            "out_of_plan_reason": "Lời mời đột xuất",
        }
        rows.append([values.get(name) for name in names])
    return rows


def test_the_dry_run_costs_a_fixed_number_of_queries_per_row(tree, people, django_assert_max_num_queries):
    """GIVEN files of 5 and 25 new delegations WHEN checked THEN the 20 more rows cost at most 7 queries each

    (two savepoints, each a statement in and one out; the delegation; its history row; its search index
    row): nothing per cell."""
    counts = []
    for size in (5, 25):
        with django_assert_max_num_queries(400) as captured:
            batch = import_upload(
                by=people.na_officer, kind="delegations", upload=upload([_rows(size), [], []])
            )
        assert batch.created == size and not batch.errors
        counts.append(len(captured))
    assert counts[1] - counts[0] <= 7 * 20, counts
    assert Delegation.objects.count() == 0  # the dry run kept nothing


def test_a_large_file_is_checked_as_a_job_and_its_preview_shows_when_done(tree, people, client, settings):
    """GIVEN a file of more rows than IMPORT_SYNC_ROWS
    WHEN uploaded THEN the request only starts the check; its page shows the job's progress;
    WHEN the job has run THEN the page is the usual preview, ready to confirm."""
    settings.IMPORT_SYNC_ROWS = 3
    officer = people.na_officer
    client.force_login(officer)
    batch = import_upload(by=officer, kind="delegations", upload=upload([_rows(4), [], []]))
    assert batch.state == BatchState.CHECKING and batch.job.kind == "import_check"
    assert batch.rows == 4 and batch.created == 0 and not batch.can_confirm
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'id="check-status"' in page and 'id="confirm"' not in page

    from solidarity.jobs.run import job_run

    job_run(batch.job.pk)
    batch.refresh_from_db()
    batch.job.refresh_from_db()
    assert batch.job.state == JobState.DONE, batch.job.message
    assert batch.job.result_url == batch.get_absolute_url()
    assert batch.state == BatchState.PREVIEWED and batch.created == 4 and batch.can_confirm
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'id="check-status"' not in page and 'id="confirm"' in page
    assert Delegation.objects.count() == 0


def test_a_small_file_is_still_checked_in_the_request(tree, people, settings):
    settings.IMPORT_SYNC_ROWS = 4
    batch = import_upload(by=people.na_officer, kind="delegations", upload=upload([_rows(4), [], []]))
    assert batch.state == BatchState.PREVIEWED and batch.job is None and batch.created == 4


def test_a_sibling_officer_cannot_see_the_check_of_anothers_file(tree, people, client, settings):
    settings.IMPORT_SYNC_ROWS = 1
    batch = import_upload(by=people.na_officer, kind="delegations", upload=upload([_rows(2), [], []]))
    client.force_login(people.hn_officer)
    assert client.get(batch.get_absolute_url()).status_code == 404
    assert client.get(reverse("jobs:detail", args=[batch.job.pk])).status_code == 404


def test_the_faster_country_check_still_refuses_an_unknown_code(tree, people):
    fields = dict(
        direction="outgoing",
        title="Đoàn",
        start_on=datetime.date(2025, 1, 1),
        end_on=datetime.date(2025, 1, 2),
    )
    with pytest.raises(ValidationError) as refused:
        delegation_create(by=people.na_officer, owner_unit=tree.nghe_an, countries=["LA", "XX"], **fields)
    assert "countries" in refused.value.message_dict
    delegation = delegation_create(
        by=people.na_officer, owner_unit=tree.nghe_an, countries=["LA", "TH"], **fields
    )
    assert [c.code for c in delegation.countries] == ["LA", "TH"]


def test_only_foreign_keys_to_objects_read_from_the_database_skip_the_existence_query(tree, people):
    held = Delegation(owner_unit=tree.nghe_an, created_by=people.na_officer)
    assert held_foreign_keys(held) == {"owner_unit", "created_by"}
    by_id = Delegation(owner_unit_id=tree.nghe_an.pk)  # only an ID: Django's query still checks it
    assert held_foreign_keys(by_id) == set()
    unsaved = Delegation(owner_unit=type(tree.nghe_an)(code="NEW"))
    assert "owner_unit" not in held_foreign_keys(unsaved)


def test_a_check_whose_worker_died_is_started_again_by_its_owner(tree, people, client, settings):
    """GIVEN a large file's check whose worker died (its job silent for JOB_STALL_SECONDS)
    WHEN its owner asks to check it again THEN a new job checks it and the preview shows;
    nobody else can restart it."""
    from django.utils import timezone

    from solidarity.jobs.run import job_run

    settings.IMPORT_SYNC_ROWS = 1
    settings.JOB_STALL_SECONDS = 60
    batch = import_upload(by=people.na_officer, kind="delegations", upload=upload([_rows(3), [], []]))
    died = batch.job
    died.state, died.started_at = JobState.RUNNING, timezone.now() - datetime.timedelta(minutes=5)
    died.save()
    client.force_login(people.na_leader)
    client.post(reverse("imports:check_again", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.job_id == died.pk

    client.force_login(people.na_officer)
    assert 'id="check-again"' in client.get(batch.get_absolute_url()).content.decode()
    client.post(reverse("imports:check_again", args=[batch.pk]))
    batch.refresh_from_db()
    died.refresh_from_db()
    assert died.state == JobState.FAILED and batch.job_id != died.pk
    job_run(batch.job_id)
    batch.refresh_from_db()
    assert batch.state == BatchState.PREVIEWED and batch.created == 3 and batch.can_confirm
    assert 'id="check-again"' not in client.get(batch.get_absolute_url()).content.decode()
