"""The members sheet names the officer on a register by ID: exported, read back, refused when not seen."""

import pytest

from solidarity.delegations.tests.factories import add_member, make_delegation
from solidarity.imports.services import import_confirm, import_upload
from solidarity.imports.tests.helpers import column, exported_delegations, upload
from solidarity.jobs.models import JobState
from solidarity.staff import services as staff_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _officer(unit, name, by):
    return staff_services.officer_create(by=by, owner_unit=unit, full_name=name, started_year=2015)


def test_the_export_names_the_officer_and_reads_back_unchanged(tree, people):
    lam = _officer(tree.nghe_an, "Lương Văn Lâm", people.na_officer)
    record = make_delegation(tree.nghe_an, title="Đoàn A")
    add_member(record, "Lương Văn Lâm", tree.nghe_an, officer=lam)
    tables = exported_delegations(people.na_officer, {})
    member = tables[1][0]
    assert member[column("officer", "delegation_members")] == lam.pk
    assert member[column("officer_name", "delegation_members")] == "Lương Văn Lâm"
    batch = import_upload(by=people.na_officer, kind="delegations", upload=upload(tables))
    assert (batch.errors, batch.updated, batch.unchanged) == ([], 0, 1)


def test_an_officer_id_links_the_member_and_a_siblings_is_refused(
    tree, people, django_capture_on_commit_callbacks
):
    lam = _officer(tree.nghe_an, "Lương Văn Lâm", people.na_officer)
    theirs = _officer(tree.ha_noi, "Trần Văn Hà", people.hn_officer)
    record = make_delegation(tree.nghe_an, title="Đoàn A")
    add_member(record, "Lương Văn Lâm", tree.nghe_an)
    delegations, members, costs = exported_delegations(people.na_officer, {})
    officer_column = column("officer", "delegation_members")
    members.append(list(members[0]))
    members[1][column("full_name", "delegation_members")] = "Trần Văn Hà"
    members[1][officer_column] = theirs.pk
    batch = import_upload(
        by=people.na_officer, kind="delegations", upload=upload([delegations, members, costs])
    )
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "Officer ID")]
    assert "cannot see this officer" in batch.errors[0]["message"]

    members.pop()
    members[0][officer_column] = lam.pk
    batch = import_upload(
        by=people.na_officer, kind="delegations", upload=upload([delegations, members, costs])
    )
    assert (batch.errors, batch.updated) == ([], 1)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_confirm(batch=batch, by=people.na_officer)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    member = record.members.get()
    assert (member.officer, member.person_key) == (lam, f"officer:{lam.pk}")
