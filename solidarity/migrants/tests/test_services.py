"""The cases' rules in their services: who may write what, the status rules, the access log, the
follow-ups, the erasure hook, and the figures kept with every write (equal to a recount)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarity.figures.rebuild import check
from solidarity.migrants import services
from solidarity.migrants.models import ERASED_NAME, FollowUp, MigrantCase
from solidarity.privacy.models import AccessLog
from solidarity.privacy.registry import kind_by_key
from solidarity.records.base import EditConflict

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_sibling_unit_cannot_record_a_case_for_another(people, tree):
    with pytest.raises(PermissionDenied):
        services.migrantcase_create(
            by=people.hn_officer, owner_unit=tree.nghe_an, situation="other", opened_on=D(2025, 1, 1)
        )


def test_without_the_grant_a_personal_field_is_refused_in_vietnamese_terms(people, tree, cases):
    with pytest.raises(PermissionDenied) as error:
        services.migrantcase_create(
            by=people.na_officer, owner_unit=tree.nghe_an, situation="other", opened_on=D(2025, 1, 1),
            full_name="Ai đó",
        )  # fmt: skip
    assert "personal-data permission" in str(error.value)
    case = cases["na"]
    with pytest.raises(PermissionDenied):
        services.migrantcase_update(
            migrantcase=case, by=people.na_officer, expected_version=case.version, phone="0900"
        )
    case.refresh_from_db()
    assert case.phone == "0912345678"


def test_a_closed_case_needs_its_day_and_another_status_has_none(granted, tree, cases):
    case = cases["na"]
    with pytest.raises(ValidationError) as error:
        services.migrantcase_update(
            migrantcase=case, by=granted, expected_version=case.version, status="closed"
        )
    assert "closed_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.migrantcase_close(migrantcase=case, by=granted, closed_on=D(2025, 1, 1))
    closed = services.migrantcase_close(migrantcase=case, by=granted, closed_on=D(2025, 5, 1))
    assert closed.status == "closed" and closed.closed_on == D(2025, 5, 1)
    reopened = services.migrantcase_update(
        migrantcase=closed, by=granted, expected_version=closed.version, status="following_up"
    )
    assert reopened.closed_on is None


def test_a_stale_edit_is_refused(people, cases):
    case = cases["na"]
    services.migrantcase_update(
        migrantcase=case, by=people.na_officer, expected_version=case.version, sector="mining"
    )
    with pytest.raises(EditConflict):
        services.migrantcase_update(
            migrantcase=case, by=people.na_officer, expected_version=case.version, sector="garment"
        )


def test_every_create_and_change_is_logged_with_field_names_only(granted, people, cases):
    case = cases["na"]
    created = AccessLog.objects.get(object_id=case.pk, action="create")
    assert created.user == granted and created.unit_id == case.owner_unit_id
    assert "full_name" in created.detail and "id_number" in created.detail
    assert "Lô Văn Khăm" not in created.detail and "040094001234" not in created.detail
    services.migrantcase_update(
        migrantcase=case, by=granted, expected_version=case.version, id_number="040094009999", sector="mining"
    )
    changed = AccessLog.objects.get(object_id=case.pk, action="change")
    assert set(changed.detail.split(", ")) == {"id_number", "sector"}


def test_a_follow_up_moves_an_open_case_on_and_the_erasure_blanks_its_note(people, cases):
    case = cases["na"]
    services.followup_add(case=case, by=people.na_officer, done_on=D(2025, 3, 5), note="Gọi cho anh Khăm")
    case.refresh_from_db()
    assert case.status == "following_up"
    with pytest.raises(ValidationError):
        services.followup_add(case=case, by=people.na_officer, done_on=D(2025, 3, 6), note="  ")
    with pytest.raises(PermissionDenied):
        services.followup_add(case=case, by=people.na_viewer, done_on=D(2025, 3, 6), note="x")
    kind = kind_by_key("migrants.migrantcase")
    kind.erase_extra(case)
    assert FollowUp.objects.get(case=case).note == ERASED_NAME
    assert not FollowUp.history.filter(case_id=case.pk, note__contains="Khăm").exists()


def test_the_person_kind_declares_every_personal_field_and_the_retention_rule(cases):
    kind = kind_by_key("migrants.migrantcase")
    assert kind.model is MigrantCase
    assert {"full_name", "id_number", "passport_number", "health_notes"} <= set(kind.personal_fields)
    assert set(kind.sensitive_fields) == {"id_number", "passport_number", "health_notes"}
    assert kind.erased_value("full_name") == ERASED_NAME
    due = kind.retention_due(MigrantCase.objects.all(), D(2025, 5, 1))
    assert list(due) == [cases["ky_son"]]  # closed on 20/04/2025; the others are open


def test_the_sensitive_fields_are_ciphertext_in_the_database(cases):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, passport_number FROM migrants_migrantcase WHERE id = %s", [cases["na"].pk]
        )
        stored = cursor.fetchone()
    assert "040094001234" not in str(stored) and "C1234567" not in str(stored)


def test_the_figures_follow_every_write_and_equal_a_recount(granted, tree, cases):
    from solidarity.figures.tests.helpers import figure

    assert figure(tree.nghe_an, "migrants_new") == 2
    assert figure(tree.nghe_an, "migrants_closed") == 1
    assert figure(tree.vgcl, "migrants_new") == 3
    services.migrantcase_close(migrantcase=cases["na"], by=granted, closed_on=D(2025, 6, 1))
    assert figure(tree.nghe_an, "migrants_closed") == 2
    services.migrantcase_archive(migrantcase=cases["ky_son"], by=granted)
    assert figure(tree.nghe_an, "migrants_new") == 1
    assert check()[0] == 0
