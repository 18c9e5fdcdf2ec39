"""The register and its trainings on the screens: permissions (anonymous, viewer, officer, sibling unit),
the participant picker, an officer's trainings."""

import datetime

import pytest
from django.urls import reverse

from solidarity.staff.models import Officer, Participant

pytestmark = pytest.mark.django_db


def officer_data(unit, **changes):
    data = {
        "owner_unit": unit.pk, "full_name": "Vi Thị Mai", "position": "Phó Chủ tịch",
        "employment": "part_time",
        "started_year": "2019", "left_on": "", "user": "", "notes": "", "version": "",
        "languages-TOTAL_FORMS": "2", "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0", "languages-MAX_NUM_FORMS": "20",
        "languages-0-language": "lo", "languages-0-level": "B1",
    }  # fmt: skip
    data.update(changes)
    return data


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(reverse("staff:officer_list"))
    assert response.status_code == 302 and "login" in response.url


def test_a_province_sees_its_officers_and_those_below_but_never_a_sibling(client, people, officers):
    client.force_login(people.na_viewer)
    html = client.get(reverse("staff:officer_list")).content.decode()
    assert "Nguyễn Thị Lan" in html and "Lò Văn Bình" in html
    assert "Trần Văn Hà" not in html
    assert client.get(officers["ha_noi"].get_absolute_url()).status_code == 404


def test_it_refuses_a_sibling_unit_the_training_and_its_officers(client, people, training, officers):
    client.force_login(people.hn_officer)
    assert client.get(training.get_absolute_url()).status_code == 404
    assert client.get(officers["na"].get_absolute_url()).status_code == 404
    assert "Bồi dưỡng" not in client.get(reverse("staff:training_list")).content.decode()
    response = client.get(reverse("staff:officer_options"), {"q": "Lan"})
    assert "Nguyễn Thị Lan" not in response.content.decode()


def test_a_lower_unit_does_not_see_the_province_s_officers(client, people, officers):
    client.force_login(people.vinh_officer)
    html = client.get(reverse("staff:officer_list")).content.decode()
    assert "Nguyễn Thị Lan" not in html and "Lò Văn Bình" not in html


def test_a_viewer_cannot_add_an_officer(client, people, tree):
    client.force_login(people.na_viewer)
    assert client.get(reverse("staff:officer_create")).status_code == 403


def test_an_officer_adds_an_officer_with_languages(client, people, tree):
    client.force_login(people.na_officer)
    response = client.post(reverse("staff:officer_create"), officer_data(tree.ky_son))
    assert response.status_code == 302, response.content.decode()[:3000]
    officer = Officer.objects.get(full_name="Vi Thị Mai")
    assert officer.owner_unit == tree.ky_son
    assert [(row.language, row.level) for row in officer.languages.all()] == [("lo", "B1")]


def test_a_language_twice_is_refused_with_a_message(client, people, tree):
    client.force_login(people.na_officer)
    data = officer_data(tree.nghe_an, **{"languages-1-language": "lo", "languages-1-level": "A2"})
    response = client.post(reverse("staff:officer_create"), data)
    assert response.status_code == 200
    assert "listed twice" in response.content.decode()
    assert not Officer.objects.filter(full_name="Vi Thị Mai").exists()


def test_the_participant_picker_offers_only_officers_of_the_organiser_and_below(
    client, people, training, officers
):
    client.force_login(people.na_officer)
    html = client.get(reverse("staff:officer_options"), {"training": training.pk}).content.decode()
    assert "Lò Văn Bình" in html and "Nguyễn Thị Lan" in html and "Trần Văn Hà" not in html


def test_a_participant_is_added_on_the_training_page_and_shows_on_the_officer_s_page(
    client, people, tree, training, officers
):
    officer = Officer.objects.create(
        owner_unit=tree.school, full_name="Hồ Văn Sơn", employment="part_time", started_year=2024
    )
    client.force_login(people.na_officer)
    response = client.post(reverse("staff:participant_add", args=[training.pk]), {"officer": officer.pk})
    assert response.status_code == 302
    assert Participant.objects.filter(training=training, officer=officer).exists()
    html = client.get(officer.get_absolute_url()).content.decode()
    assert "Bồi dưỡng nghiệp vụ đối ngoại 2025" in html


def test_a_sibling_s_officer_cannot_be_posted_as_a_participant(client, people, training, officers):
    client.force_login(people.na_officer)
    response = client.post(
        reverse("staff:participant_add", args=[training.pk]), {"officer": officers["ha_noi"].pk}
    )
    assert response.status_code == 400
    assert not Participant.objects.filter(officer=officers["ha_noi"]).exists()


def test_a_lower_unit_sees_its_officer_s_training_without_opening_the_province_s_course(
    client, people, training, officers, tree
):
    from solidarity.accounts.choices import Role
    from solidarity.accounts.testing import make_user

    ky_son_officer = make_user("ks_officer", (tree.ky_son, Role.OFFICER))
    client.force_login(ky_son_officer)
    html = client.get(officers["ky_son"].get_absolute_url()).content.decode()
    assert "Bồi dưỡng nghiệp vụ đối ngoại 2025" in html
    assert training.get_absolute_url() not in html
    assert client.get(training.get_absolute_url()).status_code == 404


def test_the_list_filters_by_language_part_time_and_trained_this_year(
    client, people, training, officers, settings
):
    client.force_login(people.na_viewer)
    url = reverse("staff:officer_list")
    assert "Lò Văn Bình" not in client.get(url, {"employment": "full_time"}).content.decode()
    html = client.get(url, {"language": "en"}).content.decode()
    assert "Nguyễn Thị Lan" in html and "Lò Văn Bình" not in html
    this_year = datetime.date.today().year
    html = client.get(url, {"trained_this_year": "true"}).content.decode()
    assert ("Lò Văn Bình" in html) == (this_year == 2025)


def test_an_archived_officer_leaves_the_list_and_is_restorable(client, people, officers):
    client.force_login(people.na_officer)
    officer = officers["ky_son"]
    client.post(reverse("staff:officer_archive", args=[officer.pk]))
    assert "Lò Văn Bình" not in client.get(reverse("staff:officer_list")).content.decode()
    client.post(reverse("staff:officer_archive", args=[officer.pk]), {"restore": "1"})
    assert "Lò Văn Bình" in client.get(reverse("staff:officer_list")).content.decode()


def test_the_pages_render(client, people, training, officers):
    client.force_login(people.na_officer)
    for url in (
        reverse("staff:training_list"),
        reverse("staff:training_create"),
        reverse("staff:officer_create"),
        training.get_absolute_url(),
        reverse("staff:training_edit", args=[training.pk]),
        reverse("staff:officer_edit", args=[officers["na"].pk]),
        reverse("staff:user_options") + "?q=na",
    ):
        assert client.get(url).status_code == 200, url


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_participant_s_certificate_is_one_of_the_training_s_files(client, people, training, officers):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from solidarity.records.attachments import attachments_of

    participant = training.participants.get(officer=officers["ky_son"])
    client.force_login(people.na_officer)
    response = client.post(
        reverse("staff:participant_result", args=[training.pk, participant.pk]),
        {"result": "Giỏi", "certificate": SimpleUploadedFile("chung-chi.pdf", PDF)},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.result == "Giỏi" and participant.certificate is not None
    assert list(attachments_of(training)) == [participant.certificate]
    client.force_login(people.hn_officer)  # a sibling cannot download it
    assert client.get(participant.certificate.get_absolute_url()).status_code == 404


def test_a_stale_edit_of_an_officer_shows_the_conflict(client, people, tree, officers):
    officer = officers["na"]
    client.force_login(people.na_officer)
    url = reverse("staff:officer_edit", args=[officer.pk])
    data = officer_data(tree.nghe_an, full_name="Nguyễn Thị Lan", version="1")
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "position": "Khác"})
    assert response.status_code == 409
    officer.refresh_from_db()
    assert officer.version == 2 and officer.position == "Phó Chủ tịch"


def test_asking_for_a_spreadsheet_shows_the_page_until_one_is_declared(client, people, officers):
    client.force_login(people.na_officer)
    assert client.get(reverse("staff:officer_list"), {"format": "xlsx"}).status_code == 200
    assert client.get(reverse("staff:training_list"), {"format": "csv"}).status_code == 200
