"""The register's rules in its services, and its figures: kept with every write, equal to a recount,
and read by the report's "Foreign-affairs staff and training" section."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import make_user
from solidarity.figures.rebuild import check
from solidarity.figures.tests.helpers import figure
from solidarity.records.base import EditConflict
from solidarity.reports import periods
from solidarity.reports.selectors import build_report
from solidarity.staff import services
from solidarity.staff.filters import OfficerFilter
from solidarity.staff.models import Officer

D = datetime.date
pytestmark = pytest.mark.django_db


def officers_on(user, unit, **params) -> int:
    data = QueryDict(mutable=True)
    data.update({"unit": str(unit.pk), **{k: str(v) for k, v in params.items()}})
    filterset = OfficerFilter(data, queryset=Officer.objects.visible_to(user), user=user)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.count()


def test_a_sibling_unit_cannot_keep_another_unit_s_register(people, tree):
    with pytest.raises(PermissionDenied):
        services.officer_create(
            by=people.hn_officer, owner_unit=tree.nghe_an, full_name="X", started_year=2020
        )


def test_the_linked_user_must_be_a_member_of_the_unit_and_only_once(people, tree):
    with pytest.raises(ValidationError) as error:
        services.officer_create(
            by=people.na_officer,
            owner_unit=tree.nghe_an,
            full_name="X",
            started_year=2020,
            user=people.hn_officer,
        )
    assert "user" in error.value.message_dict
    services.officer_create(
        by=people.na_officer,
        owner_unit=tree.nghe_an,
        full_name="Cán bộ",
        started_year=2020,
        user=people.na_officer,
    )
    with pytest.raises(ValidationError):
        services.officer_create(
            by=people.na_officer, owner_unit=tree.nghe_an, full_name="Lần hai", started_year=2021,
            user=people.na_officer,
        )  # fmt: skip
    assert Officer.objects.filter(user=people.na_officer).count() == 1


def test_leaving_before_starting_and_a_future_start_are_refused(people, tree):
    with pytest.raises(ValidationError) as error:
        services.officer_create(
            by=people.na_officer,
            owner_unit=tree.nghe_an,
            full_name="X",
            started_year=2020,
            left_on=D(2019, 5, 1),
        )
    assert "left_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.officer_create(
            by=people.na_officer, owner_unit=tree.nghe_an, full_name="X", started_year=2099
        )
    assert not Officer.objects.exists()


def test_a_stale_edit_is_refused_with_the_differences(people, officers):
    officer = officers["na"]
    services.officer_update(
        officer=officer, by=people.na_officer, expected_version=1, fields={"position": "Trưởng ban"},
        languages=[{"language": "lo", "level": "C1"}],
    )  # fmt: skip
    with pytest.raises(EditConflict):
        services.officer_update(
            officer=officer,
            by=people.na_leader,
            expected_version=1,
            fields={"position": "Khác"},
            languages=[],
        )
    officer.refresh_from_db()
    assert officer.position == "Trưởng ban"
    assert [(r.language, r.level) for r in officer.languages.all()] == [("lo", "C1")]


def test_a_training_takes_officers_of_its_organiser_and_below_only(people, tree, training, officers):
    with pytest.raises(ValidationError):
        services.participant_add(training=training, officer=officers["ha_noi"], by=people.na_officer)
    with pytest.raises(ValidationError):  # once per training
        services.participant_add(training=training, officer=officers["ky_son"], by=people.na_officer)
    with pytest.raises(PermissionDenied):  # the organiser's officers decide who takes part
        services.participant_add(training=training, officer=officers["ky_son"], by=people.vinh_officer)
    lower = services.training_create(
        by=people.na_officer,
        owner_unit=tree.ky_son,
        title="Lớp huyện",
        starts_on=D(2025, 8, 1),
        ends_on=D(2025, 8, 1),
    )
    with pytest.raises(ValidationError):  # a level below never invites the level above
        services.participant_add(training=lower, officer=officers["na"], by=people.na_officer)


def test_the_last_day_cannot_come_before_the_first(people, tree):
    with pytest.raises(ValidationError):
        services.training_create(
            by=people.na_officer,
            owner_unit=tree.nghe_an,
            title="X",
            starts_on=D(2025, 6, 2),
            ends_on=D(2025, 6, 1),
        )


def test_people_trained_count_under_their_own_unit_on_the_training_s_last_day(tree, training, officers):
    june = D(2025, 6, 1)
    assert figure(tree.ky_son, "staff_trained", month=june) == 1
    assert figure(tree.nghe_an, "staff_trained", month=june) == 2  # its own officer and Kỳ Sơn's
    assert figure(tree.vgcl, "staff_trained", month=june) == 2
    assert figure(tree.ha_noi, "staff_trained") == 0
    assert check()[0] == 0


def test_officers_count_by_employment_and_language(tree, officers):
    assert figure(tree.nghe_an, "staff_in") == 2
    assert figure(tree.nghe_an, "staff_in", "employment:part_time") == 1
    assert figure(tree.nghe_an, "staff_in", "language:lo") == 2
    assert figure(tree.nghe_an, "staff_in", "language:en") == 1
    assert figure(tree.vgcl, "staff_in", "language:en") == 2  # Hà Nội's too
    assert check()[0] == 0


def test_every_write_keeps_the_figures_equal_to_a_recount(people, tree, training, officers):
    """
    GIVEN a training with two participants
    WHEN dates move, an officer leaves, a participant is removed, an officer and the training are
    archived and restored
    THEN the figures equal a recount after each step
    """
    services.training_update(
        training=training, by=people.na_officer, expected_version=1, ends_on=D(2025, 7, 2)
    )
    assert figure(tree.nghe_an, "staff_trained", month=D(2025, 7, 1)) == 2
    assert check()[0] == 0
    officer = Officer.objects.get(pk=officers["ky_son"].pk)
    services.officer_update(
        officer=officer, by=people.na_officer, expected_version=officer.version,
        fields={"left_on": D(2025, 12, 31)}, languages=[],
    )  # fmt: skip
    assert figure(tree.nghe_an, "staff_out") == 1
    assert figure(tree.nghe_an, "staff_in", "language:lo") == 1
    assert check()[0] == 0
    services.officer_archive(officer=Officer.objects.get(pk=officer.pk), by=people.na_officer)
    assert figure(tree.nghe_an, "staff_trained") == 1
    assert check()[0] == 0
    services.officer_restore(officer=Officer.objects.get(pk=officer.pk), by=people.na_officer)
    assert figure(tree.nghe_an, "staff_trained") == 2
    participant = training.participants.get(officer=officers["na"])
    services.participant_remove(participant=participant, by=people.na_officer)
    assert figure(tree.nghe_an, "staff_trained") == 1
    assert check()[0] == 0
    training.refresh_from_db()
    services.training_archive(training=training, by=people.na_officer)
    assert figure(tree.nghe_an, "staff_trained") == 0
    assert check()[0] == 0
    training.refresh_from_db()
    services.training_restore(training=training, by=people.na_officer)
    assert figure(tree.nghe_an, "staff_trained") == 1
    assert check()[0] == 0


def test_the_report_section_reads_officers_part_time_share_trained_and_untrained_units(
    people, tree, training, officers
):
    report = build_report(user=people.na_viewer, unit=tree.nghe_an, period=periods.year(2025))
    values = {f.indicator: f.value for f in report.figures}
    assert values["staff_officers"] == 2
    assert values["staff_part_time"] == 1
    assert values["staff_part_time_share"] == 50.0
    assert values["staff_trained"] == 2
    assert values["staff_units_untrained"] == 1  # Kỳ Sơn had someone trained; Vinh Phú nobody
    section = dict((name, figures) for name, _title, figures in report.sections())["staff"]
    assert [f.indicator for f in section][0] == "staff_officers"
    # The lists behind the numbers give the same counts.
    assert officers_on(people.na_viewer, tree.nghe_an, active_on="2025-12-31") == 2
    assert officers_on(people.na_viewer, tree.nghe_an, active_on="2025-12-31", employment="part_time") == 1
    assert (
        officers_on(people.na_viewer, tree.nghe_an, trained_from="2025-01-01", trained_to="2025-12-31") == 2
    )
    before = build_report(user=people.na_viewer, unit=tree.nghe_an, period=periods.year(2019))
    assert before.figure("staff_officers").value == 1  # Kỳ Sơn's officer started in 2020


def test_an_officer_who_left_is_no_longer_counted_from_that_day(people, tree, officers):
    officer = officers["ky_son"]
    services.officer_update(
        officer=officer, by=people.na_officer, expected_version=officer.version,
        fields={"left_on": D(2025, 6, 30)}, languages=[{"language": "lo", "level": "native"}],
    )  # fmt: skip
    mid = build_report(
        user=people.na_viewer, unit=tree.nghe_an, period=periods.Period(D(2025, 1, 1), D(2025, 6, 29))
    )
    end = build_report(
        user=people.na_viewer, unit=tree.nghe_an, period=periods.Period(D(2025, 1, 1), D(2025, 6, 30))
    )
    assert mid.figure("staff_officers").value == 2 and end.figure("staff_officers").value == 1
    assert officers_on(people.na_viewer, tree.nghe_an, active_on="2025-06-30") == 1
    assert officers_on(people.na_viewer, tree.nghe_an, active_on="2025-06-29") == 2


def test_a_school_union_s_officer_trained_by_the_province_counts_for_the_school(people, tree, training):
    make_user("school_officer", (tree.school, Role.OFFICER))
    officer = services.officer_create(
        by=people.na_officer, owner_unit=tree.school, full_name="Hồ Sơn", started_year=2024
    )
    services.participant_add(training=training, officer=officer, by=people.na_officer)
    assert figure(tree.school, "staff_trained") == 1 and figure(tree.vinh, "staff_trained") == 1
    assert check()[0] == 0


def test_the_report_breaks_officers_down_by_language_and_by_child_unit_as_their_lists_do(
    people, tree, training, officers
):
    report = build_report(user=people.na_viewer, unit=tree.nghe_an, period=periods.year(2025))
    languages = {row.key: row for row in report.breakdown("staff_language").rows}
    assert {key: row.values["staff_officers"] for key, row in languages.items()} == {
        "language:lo": 2,  # Nghệ An's officer and Kỳ Sơn's; Hà Nội's (a sibling) never
        "language:en": 1,
    }
    assert report.breakdown("staff_language").total["staff_officers"] == 2  # people, not languages
    for code, expected in (("lo", 2), ("en", 1)):
        assert officers_on(people.na_viewer, tree.nghe_an, active_on="2025-12-31", language=code) == expected
        assert f"language={code}" in languages[f"language:{code}"].url
    children = {row.key: row.values for row in report.breakdown("staff_unit").rows}
    nobody = {"staff_officers": 0, "staff_part_time": 0, "staff_trained": 0}
    assert children[f"unit:{tree.ky_son.pk}"] == dict.fromkeys(nobody, 1)
    assert children[f"unit:{tree.vinh.pk}"] == nobody
    assert officers_on(people.na_viewer, tree.ky_son, active_on="2025-12-31") == 1
    assert officers_on(people.na_viewer, tree.vinh, active_on="2025-12-31") == 0


def test_an_ended_child_keeps_its_officers_row_in_the_breakdown(people, tree, training, officers):
    from solidarity.units.models import Unit

    Unit.objects.filter(pk=tree.ky_son.pk).update(valid_to=D(2025, 7, 1))  # merged away mid-year
    report = build_report(user=people.na_viewer, unit=tree.nghe_an, period=periods.year(2025))
    rows = {row.key: row for row in report.breakdown("staff_unit").rows}
    assert rows[f"unit:{tree.ky_son.pk}"].values["staff_officers"] == 1
    assert rows[f"unit:{tree.ky_son.pk}"].label.endswith("(ended)")
