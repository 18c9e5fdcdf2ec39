"""The cases on the screens: anonymous, viewer, officer with and without the personal-data grant,
the sibling unit; no personal field anywhere without the grant; every view logged."""

import csv
import io

import pytest
from django.urls import reverse

from solidarity.migrants.models import MigrantCase
from solidarity.privacy.models import AccessLog
from solidarity.privacy.services import person_erase

pytestmark = pytest.mark.django_db

PERSONAL_VALUES = (
    "Lô Văn Khăm",
    "Mường Lống",
    "Phôn Xạ Vẳn",
    "Công ty XD Lào-Việt",
    "0912345678",
    "Bị nợ lương",
    "040094001234",
    "C1234567",
    "Đau lưng",
)
SENSITIVE_VALUES = ("040094001234", "C1234567", "Đau lưng")


def case_data(unit, **changes):
    data = {
        "owner_unit": unit.pk, "country": "LA", "sector": "mining", "situation": "illness",
        "opened_on": "05/05/2025", "status": "open", "closed_on": "", "partner": "", "support_given": "",
        "version": "",
    }  # fmt: skip
    data.update(changes)
    return data


def personal_data(**changes):
    data = {
        "full_name": "Hà Văn Sơn", "birth_year": "1990", "sex": "male", "home_commune": "Keng Đu",
        "home_province": "Nghệ An", "workplace_abroad": "Viêng Chăn", "employer": "Mỏ thiếc",
        "phone": "0987000111", "situation_details": "Ốm nặng", "id_number": "040090009999",
        "passport_number": "P7654321", "health_notes": "Sốt rét",
    }  # fmt: skip
    data.update(changes)
    return data


def no_personal_value(html: str):
    for value in PERSONAL_VALUES:
        assert value not in html, value


def test_anonymous_users_are_sent_to_log_in(client, cases):
    for url in (reverse("migrants:list"), cases["na"].get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def test_a_sibling_unit_never_sees_a_case(client, people, cases):
    client.force_login(people.hn_officer)
    assert client.get(cases["na"].get_absolute_url()).status_code == 404
    assert client.get(reverse("migrants:edit", args=[cases["na"].pk])).status_code == 404
    assert client.post(reverse("migrants:reveal", args=[cases["na"].pk])).status_code == 404
    assert client.post(reverse("migrants:followup_add", args=[cases["na"].pk]), {}).status_code == 404
    html = client.get(reverse("migrants:list")).content.decode()
    assert f"#{cases['na'].pk}<" not in html and f"#{cases['ky_son'].pk}<" not in html
    assert f"#{cases['ha_noi'].pk}" in html


def test_a_sibling_with_the_grant_on_its_own_unit_sees_no_case_of_another(client, cases):
    from solidarity.accounts.models import User

    client.force_login(User.objects.get(username="hn_personal"))
    assert client.get(cases["na"].get_absolute_url()).status_code == 404
    html = client.get(reverse("migrants:list"), {"name": "Khăm"}).content.decode()
    assert "Lô Văn Khăm" not in html
    export = client.get(reverse("migrants:list"), {"format": "csv", "personal": "1"})
    text = b"".join(export.streaming_content).decode()
    assert "Lô Văn Khăm" not in text and "Trần Văn Nam" in text


def test_a_viewer_sees_the_case_without_any_personal_field(client, people, cases):
    client.force_login(people.na_viewer)
    html = client.get(cases["na"].get_absolute_url()).content.decode()
    assert "Xiêng Khoảng đòi lương" in html  # the case's facts
    assert 'data-testid="no-personal"' in html and 'data-testid="personal"' not in html
    no_personal_value(html)
    assert client.get(reverse("migrants:edit", args=[cases["na"].pk])).status_code == 403
    assert client.post(reverse("migrants:reveal", args=[cases["na"].pk])).status_code == 403


def test_without_the_grant_the_list_search_and_export_show_no_person(client, people, cases):
    client.force_login(people.na_officer)
    html = client.get(reverse("migrants:list")).content.decode()
    assert f"#{cases['na'].pk}" in html
    no_personal_value(html)
    assert "Vi Thị Hoa" not in html
    assert 'name="name"' not in html and "export-personal" not in html
    # A person's name finds nothing, by the search box or by the name filter.
    for params in ({"q": "Khăm"}, {"q": "Lo Van Kham"}, {"name": "Khăm"}):
        found = client.get(reverse("migrants:list"), params).content.decode()
        if "name" in params:
            assert f"#{cases['na'].pk}<" not in found
        else:
            assert "No case matches" in found
    # Asking for the personal columns without the grant gives the facts only.
    export = client.get(reverse("migrants:list"), {"format": "csv", "personal": "1"})
    text = b"".join(export.streaming_content).decode()
    no_personal_value(text)
    assert "Full name" not in text and "Xiêng Khoảng đòi lương" in text
    assert AccessLog.objects.filter(user=people.na_officer, action="export", object_id=0).exists()


def test_the_search_finds_the_case_s_facts(client, people, cases):
    client.force_login(people.na_officer)
    html = client.get(reverse("migrants:list"), {"q": "xieng khoang"}).content.decode()
    assert f"#{cases['na'].pk}" in html


def test_with_the_grant_the_detail_shows_the_person_and_masks_the_sensitive_fields(client, granted, cases):
    client.force_login(granted)
    html = client.get(cases["na"].get_absolute_url()).content.decode()
    assert "Lô Văn Khăm" in html and "Phôn Xạ Vẳn" in html and "0912345678" in html
    for value in SENSITIVE_VALUES:
        assert value not in html
    assert "••••" in html and "{# privacy panel" not in html and 'data-testid="reveal"' in html
    log = AccessLog.objects.filter(user=granted, object_id=cases["na"].pk, action="view").get()
    assert log.detail == "personal data shown"
    revealed = client.post(reverse("migrants:reveal", args=[cases["na"].pk])).content.decode()
    for value in SENSITIVE_VALUES:
        assert value in revealed
    assert AccessLog.objects.filter(
        user=granted, object_id=cases["na"].pk, action="view", detail="sensitive fields shown"
    ).exists()


def test_a_view_without_the_grant_is_logged_as_such(client, people, cases):
    client.force_login(people.na_viewer)
    client.get(cases["na"].get_absolute_url())
    log = AccessLog.objects.get(user=people.na_viewer, object_id=cases["na"].pk)
    assert log.action == "view" and log.detail == "personal data not shown"


def test_the_list_names_the_person_only_for_the_grant_and_never_a_sensitive_field(client, granted, cases):
    client.force_login(granted)
    html = client.get(reverse("migrants:list")).content.decode()
    assert "Lô Văn Khăm" in html and "Vi Thị Hoa" in html
    for value in SENSITIVE_VALUES:
        assert value not in html
    found = client.get(reverse("migrants:list"), {"name": "Khăm"}).content.decode()
    assert "Lô Văn Khăm" in found and "Vi Thị Hoa" not in found


def test_the_export_has_personal_columns_only_when_asked_by_a_grant_holder(client, granted, cases):
    client.force_login(granted)
    plain = b"".join(client.get(reverse("migrants:list"), {"format": "csv"}).streaming_content).decode()
    no_personal_value(plain)
    asked = client.get(reverse("migrants:list"), {"format": "csv", "personal": "1"})
    rows = list(csv.reader(io.StringIO(b"".join(asked.streaming_content).decode().lstrip("\ufeff"))))
    header = rows[0]
    assert "Full name" in header and "Citizen ID number (CCCD)" in header
    by_name = {row[header.index("Full name")] for row in rows[1:]}
    assert by_name == {"Lô Văn Khăm", "Vi Thị Hoa"}
    assert "040094001234" in {row[header.index("Citizen ID number (CCCD)")] for row in rows[1:]}
    logs = AccessLog.objects.filter(user=granted, action="export").order_by("pk")
    assert [log.detail.split(" | ")[1].split(";")[0] for log in logs] == [
        "personal data not shown",
        "personal data included",
    ]
    assert logs.last().detail.startswith("2 |")


def test_rows_outside_the_grant_have_blank_personal_cells(client, tree, people, cases):
    from solidarity.accounts.choices import Role
    from solidarity.accounts.models import Membership
    from solidarity.accounts.testing import make_user

    # Sees all of Nghệ An, holds the grant on Kỳ Sơn only.
    user = make_user("mixed", (tree.nghe_an, Role.VIEWER), (tree.ky_son, Role.OFFICER))
    Membership.objects.filter(user=user, unit=tree.ky_son).update(personal_data=True)
    client.force_login(user)
    asked = client.get(reverse("migrants:list"), {"format": "csv", "personal": "1"})
    text = b"".join(asked.streaming_content).decode()
    assert "Vi Thị Hoa" in text
    no_personal_value(text)
    html = client.get(cases["na"].get_absolute_url()).content.decode()
    no_personal_value(html)


def test_an_officer_without_the_grant_edits_the_facts_and_keeps_the_person(client, people, cases):
    case = cases["na"]
    client.force_login(people.na_officer)
    form = client.get(reverse("migrants:edit", args=[case.pk])).content.decode()
    assert 'name="full_name"' not in form and 'name="id_number"' not in form
    no_personal_value(form)
    data = case_data(case.owner_unit, sector="construction", situation="unpaid_wages", opened_on="02/03/2025",
                     status="following_up", support_given="Đã gặp chủ sử dụng", version=str(case.version),
                     full_name="Ghi đè")  # fmt: skip
    response = client.post(reverse("migrants:edit", args=[case.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.support_given == "Đã gặp chủ sử dụng" and case.status == "following_up"
    assert case.full_name == "Lô Văn Khăm" and case.id_number == "040094001234"
    log = AccessLog.objects.filter(user=people.na_officer, action="change").get()
    assert "support_given" in log.detail and "status" in log.detail and "Đã gặp" not in log.detail
    # The history keeps the case's facts for them, never a person's field.
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Support given" in html
    no_personal_value(html)


def test_a_grant_holder_creates_a_case_with_the_person(client, tree, granted):
    client.force_login(granted)
    form = client.get(reverse("migrants:create")).content.decode()
    assert 'name="full_name"' in form and 'name="passport_number"' in form
    response = client.post(reverse("migrants:create"), case_data(tree.ky_son) | personal_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    case = MigrantCase.objects.get(full_name="Hà Văn Sơn")
    assert case.owner_unit == tree.ky_son and case.passport_number == "P7654321"
    log = AccessLog.objects.get(action="create", object_id=case.pk)
    assert "full_name" in log.detail and "Hà Văn Sơn" not in log.detail and "P7654321" not in log.detail


def test_blank_sensitive_fields_on_edit_keep_the_stored_values(client, granted, cases):
    case = cases["na"]
    client.force_login(granted)
    form = client.get(reverse("migrants:edit", args=[case.pk])).content.decode()
    assert "040094001234" not in form and "Lô Văn Khăm" in form
    data = case_data(case.owner_unit, sector="construction", situation="unpaid_wages", opened_on="02/03/2025",
                     version=str(case.version)) | personal_data(full_name="Lô Văn Khăm", id_number="",
                     passport_number="", health_notes="")  # fmt: skip
    response = client.post(reverse("migrants:edit", args=[case.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.id_number == "040094001234" and case.home_commune == "Keng Đu"


def test_a_viewer_cannot_create_and_an_officer_without_the_grant_gets_no_personal_fields(
    client, people, tree
):
    client.force_login(people.na_viewer)
    assert client.get(reverse("migrants:create")).status_code == 403
    client.force_login(people.na_officer)
    form = client.get(reverse("migrants:create")).content.decode()
    assert 'name="full_name"' not in form
    response = client.post(reverse("migrants:create"), case_data(tree.nghe_an))
    assert response.status_code == 302
    assert MigrantCase.objects.get(sector="mining").full_name == ""


def test_a_follow_up_is_added_and_moves_an_open_case_to_following_up(client, people, cases):
    case = cases["na"]
    client.force_login(people.na_officer)
    response = client.post(
        reverse("migrants:followup_add", args=[case.pk]),
        {"done_on": "10/03/2025", "note": "Gọi điện cho LHCĐ Xiêng Khoảng", "done_by": "Ban Đối ngoại"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "following_up" and case.follow_ups.count() == 1
    refused = client.post(
        reverse("migrants:followup_add", args=[case.pk]), {"done_on": "01/01/2025", "note": "Trước"}
    )
    assert refused.status_code == 400 and case.follow_ups.count() == 1
    client.force_login(people.na_viewer)
    assert client.post(reverse("migrants:followup_add", args=[case.pk]), {}).status_code == 403


def test_archive_and_restore(client, people, cases):
    case = cases["na"]
    client.force_login(people.na_officer)
    client.post(reverse("migrants:archive", args=[case.pk]))
    case.refresh_from_db()
    assert case.is_archived
    client.post(reverse("migrants:archive", args=[case.pk]), {"restore": "1"})
    case.refresh_from_db()
    assert not case.is_archived


def test_the_list_of_a_grant_holder_makes_as_many_queries_with_many_rows(
    client, tree, granted, cases, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.migrants import services

    client.force_login(granted)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("migrants:list")).status_code == 200
    for i in range(30):
        services.migrantcase_create(
            by=granted, owner_unit=tree.ky_son if i % 2 else tree.nghe_an, situation="illness",
            opened_on=cases["na"].opened_on, full_name=f"Người {i}", id_number=f"0400{i:08d}",
        )  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("migrants:list")).content.decode()
    assert "Người 29" in html and "0400" not in html


def test_once_the_person_is_erased_there_is_nothing_to_show(client, granted, cases):
    person_erase(user=granted, person=cases["na"], reason="Yêu cầu xoá")
    client.force_login(granted)
    html = client.get(cases["na"].get_absolute_url()).content.decode()
    assert 'data-testid="reveal"' not in html
