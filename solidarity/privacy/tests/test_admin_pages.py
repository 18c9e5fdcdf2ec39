"""The administrators' privacy pages: access log, breach log, retention; who sees what."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from solidarity.contacts.models import Contact
from solidarity.privacy import breaches, log_page, retention
from solidarity.privacy.access import log_access, log_export
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.models import AccessLog, Breach, RetentionRule
from solidarity.privacy.testing_admin import contacts_registered

pytestmark = pytest.mark.django_db

NOW = timezone.now


@pytest.fixture
def kind():
    with contacts_registered() as registered:
        yield registered


def contact(unit, name="Nguyễn Thị Riêng Tư", **fields):
    return Contact.objects.create(owner_unit=unit, full_name=name, email="rieng@example.org", **fields)


def logged(user, person, action=AccessAction.VIEW, at=None):
    row = log_access(user=user, person=person, action=action)
    if at is not None:
        AccessLog.objects.filter(pk=row.pk).update(at=at)
    return row


# --- who may open the pages --------------------------------------------------------------------------

PAGES = ["privacy_admin:index", "privacy_admin:log", "privacy_admin:breach_list", "privacy_admin:retention"]


@pytest.mark.parametrize("name", PAGES)
def test_the_pages_are_for_administrators_only(client, people, name):
    assert client.get(reverse(name)).status_code == 302  # to sign in
    client.force_login(people.na_officer)
    assert client.get(reverse(name)).status_code == 403
    client.force_login(people.na_leader)
    assert client.get(reverse(name)).status_code == 403
    for persona in (people.na_admin, people.superuser):
        client.force_login(persona)
        assert client.get(reverse(name)).status_code == 200


def test_the_user_menu_leads_administrators_to_the_personal_data_pages(client, people):
    url = reverse("privacy_admin:index")
    client.force_login(people.na_admin)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{url}"' in page
    index = client.get(url).content.decode()
    for target in ("privacy_admin:log", "privacy_admin:breach_list", "privacy_admin:retention"):
        assert reverse(target) in index
    assert "/privacy/requests/" in index
    client.force_login(people.na_officer)
    assert f'href="{url}"' not in client.get(reverse("home")).content.decode()


# --- the access log ----------------------------------------------------------------------------------


def test_an_administrator_reads_the_lines_of_their_unit_and_below_newest_first(client, tree, people, kind):
    old = logged(people.na_officer, contact(tree.nghe_an), at=NOW() - datetime.timedelta(days=2))
    new = logged(people.vinh_officer, contact(tree.vinh))
    sibling = logged(people.hn_officer, contact(tree.ha_noi))
    client.force_login(people.na_admin)
    rows = client.get(reverse("privacy_admin:log")).context["page"].rows
    assert [row.pk for row in rows] == [new.pk, old.pk]
    assert sibling.pk not in [row.pk for row in rows]


def test_a_sibling_administrator_reads_none_of_the_lines_filtered_or_not_nor_exports_them(
    client, tree, people, kind
):
    logged(people.na_officer, contact(tree.nghe_an))
    client.force_login(people.hn_admin)
    for query in ("", f"?unit={tree.nghe_an.pk}"):
        assert not client.get(reverse("privacy_admin:log") + query).context["page"].rows
    lines = b"".join(client.get(reverse("privacy_admin:log") + "?format=csv").streaming_content)
    assert len(lines.decode("utf-8").splitlines()) == 1  # the headers only


def test_the_log_never_shows_a_personal_value_and_links_the_person_while_they_exist(
    client, tree, people, kind
):
    person = contact(tree.vinh, name="Phạm Bí Mật")
    logged(people.na_officer, person)
    gone = contact(tree.vinh, name="Lê Đã Xoá")
    logged(people.na_officer, gone)
    gone_id = gone.pk
    gone.history.all().delete()
    gone.delete()
    client.force_login(people.na_admin)
    html = client.get(reverse("privacy_admin:log")).content.decode()
    assert "Phạm Bí Mật" not in html and "rieng@example.org" not in html
    assert f'href="{person.get_absolute_url()}">#{person.pk}</a>' in html
    assert f"#{gone_id}</td>" in html


def test_the_filters_narrow_the_lines(client, tree, people, kind):
    a, b = contact(tree.vinh), contact(tree.ky_son)
    first = logged(people.na_officer, a, AccessAction.VIEW, at=NOW() - datetime.timedelta(days=10))
    second = logged(people.vinh_officer, a, AccessAction.CHANGE)
    third = logged(people.na_officer, b, AccessAction.VIEW)
    (export,) = log_export(user=people.na_officer, model=Contact, unit=tree.nghe_an, rows=3)
    ct = ContentType.objects.get_for_model(Contact).pk
    today = timezone.localdate()
    cases = {
        f"unit={tree.ky_son.pk}": [third],
        f"kind={ct}": [export, third, second, first],
        "action=change": [second],
        "who=vinh_officer": [second],
        f"date_from={today - datetime.timedelta(days=1):%Y-%m-%d}": [export, third, second],
        f"date_to={today - datetime.timedelta(days=5):%Y-%m-%d}": [first],
        f"content_type={ct}&object_id={a.pk}": [second, first],
    }
    client.force_login(people.na_admin)
    for query, expected in cases.items():
        rows = client.get(reverse("privacy_admin:log") + "?" + query).context["page"].rows
        assert [row.pk for row in rows] == [row.pk for row in expected], query


def test_the_log_pages_back_by_cursor_without_repeating_a_line(client, tree, people, kind, monkeypatch):
    monkeypatch.setattr(log_page, "PAGE", 2)
    person = contact(tree.vinh)
    at = NOW()
    made = [logged(people.na_officer, person, at=at - datetime.timedelta(minutes=i // 2)) for i in range(5)]
    client.force_login(people.na_admin)
    seen, url = [], reverse("privacy_admin:log")
    for _ in range(3):
        response = client.get(url)
        page = response.context["page"]
        seen += [row.pk for row in page.rows]
        if not page.next_cursor:
            break
        assert "Older" in response.content.decode()
        url = reverse("privacy_admin:log") + "?after=" + page.next_cursor
    assert sorted(seen) == sorted(row.pk for row in made) and len(seen) == 5


def test_a_log_page_makes_as_many_queries_with_many_lines_as_with_a_few(
    client, tree, people, kind, django_assert_max_num_queries
):
    client.force_login(people.na_admin)
    for _ in range(3):
        logged(people.na_officer, contact(tree.vinh))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("privacy_admin:log"))
    for _ in range(40):
        logged(people.na_officer, contact(tree.ky_son))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("privacy_admin:log")).context["page"].rows) == 43


def test_the_log_exports_its_filtered_lines_as_csv(client, tree, people, kind):
    logged(people.na_officer, contact(tree.vinh), AccessAction.CHANGE)
    logged(people.na_officer, contact(tree.vinh), AccessAction.VIEW)
    client.force_login(people.na_admin)
    response = client.get(reverse("privacy_admin:log") + "?action=change&format=csv")
    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()
    assert len(lines) == 2 and "na_officer" in lines[1]


# --- breaches ----------------------------------------------------------------------------------------


def breach_of(unit, by, **fields):
    values = {"discovered_at": NOW() - datetime.timedelta(hours=30), "description": "Lộ danh sách"}
    values.update(fields)
    return breaches.breach_create(by=by, unit=unit, **values)


def test_the_countdown_says_what_is_left_what_is_overdue_and_when_it_was_notified(people, tree):
    now = NOW()
    breach = Breach(unit=tree.vinh, discovered_at=now - datetime.timedelta(hours=30, minutes=48))
    assert breach.notify_by == breach.discovered_at + datetime.timedelta(hours=72)
    left = breaches.countdown(breach, now)
    assert (left.state, left.hours, left.minutes) == ("open", 41, 12)
    assert left.text == "41 h 12 min left to notify the authority"
    breach.discovered_at = now - datetime.timedelta(hours=77, minutes=10)
    late = breaches.countdown(breach, now)
    assert late.state == "overdue" and late.text == "Overdue by 5 h"
    breach.notified_at = now - datetime.timedelta(hours=1)
    assert breaches.countdown(breach, now).text.startswith("Notified at ")


def test_the_countdown_reads_in_vietnamese(people, tree, settings):
    from django.utils import translation

    now = NOW()
    breach = Breach(unit=tree.vinh, discovered_at=now - datetime.timedelta(hours=30, minutes=48))
    with translation.override("vi"):
        assert breaches.countdown(breach, now).text == "Còn 41 giờ 12 phút để thông báo cơ quan chuyên trách"
        breach.discovered_at = now - datetime.timedelta(hours=77, minutes=10)
        assert breaches.countdown(breach, now).text == "Quá hạn 5 giờ"


def test_an_administrator_records_a_breach_and_its_notification(client, tree, people):
    client.force_login(people.na_admin)
    discovered = timezone.localtime(NOW() - datetime.timedelta(hours=5))
    response = client.post(
        reverse("privacy_admin:breach_create"),
        {
            "unit": tree.vinh.pk,
            "discovered_at": discovered.strftime("%Y-%m-%dT%H:%M"),
            "description": "Máy tính xách tay bị mất",
            "people_affected": "12",
        },
    )
    breach = Breach.objects.get()
    assert response.status_code == 302 and breach.recorded_by == people.na_admin
    assert breach.history.first().history_user == people.na_admin
    notified = timezone.localtime(NOW() - datetime.timedelta(hours=1))
    response = client.post(
        reverse("privacy_admin:breach_edit", args=[breach.pk]),
        {
            "discovered_at": discovered.strftime("%Y-%m-%dT%H:%M"),
            "description": "Máy tính xách tay bị mất",
            "measures": "Đổi mật khẩu",
            "notified_at": notified.strftime("%Y-%m-%dT%H:%M"),
            "notification_ref": "CV 12/A05",
        },
    )
    assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.notified_at and breach.measures == "Đổi mật khẩu" and breach.unit == tree.vinh


def test_a_breach_cannot_be_discovered_in_the_future_nor_notified_before_discovery(people, tree):
    with pytest.raises(ValidationError) as error:
        breach_of(tree.vinh, people.na_admin, discovered_at=NOW() + datetime.timedelta(hours=2))
    assert "discovered_at" in error.value.message_dict
    breach = breach_of(tree.vinh, people.na_admin)
    with pytest.raises(ValidationError) as error:
        breaches.breach_update(
            by=people.na_admin,
            breach=breach,
            notified_at=breach.discovered_at - datetime.timedelta(minutes=1),
            notification_ref="x",
        )
    assert "notified_at" in error.value.message_dict
    breach.refresh_from_db()
    assert breach.notified_at is None


def test_the_form_says_why_in_vietnamese(client, tree, people, settings):
    settings.LANGUAGE_CODE = "vi"
    client.force_login(people.na_admin)
    future = timezone.localtime(NOW() + datetime.timedelta(days=1))
    html = client.post(
        reverse("privacy_admin:breach_create"),
        {"unit": tree.vinh.pk, "discovered_at": future.strftime("%Y-%m-%dT%H:%M"), "description": "x"},
        HTTP_ACCEPT_LANGUAGE="vi",
    ).content.decode()
    assert "Thời điểm phát hiện không thể ở tương lai." in html
    assert not Breach.objects.exists()


@pytest.mark.parametrize("persona", ["na_officer", "na_leader", "hn_admin"])
def test_only_administrators_of_the_unit_or_above_record_a_breach(people, tree, persona):
    with pytest.raises(PermissionDenied):
        breach_of(tree.vinh, getattr(people, persona))


def test_a_sibling_unit_never_sees_a_breach(client, tree, people):
    breach = breach_of(tree.vinh, people.na_admin)
    client.force_login(people.hn_admin)
    assert client.get(reverse("privacy_admin:breach_edit", args=[breach.pk])).status_code == 404
    assert client.post(reverse("privacy_admin:breach_edit", args=[breach.pk]), {}).status_code == 404
    assert breach.pk not in [b.pk for b in client.get(reverse("privacy_admin:breach_list")).context["page"]]
    assert "open-breaches" not in client.get(reverse("home")).content.decode()


def test_the_list_and_the_home_page_show_an_open_breach_with_its_countdown(client, tree, people):
    breach_of(tree.vinh, people.na_admin, discovered_at=NOW() - datetime.timedelta(hours=30, minutes=48))
    client.force_login(people.vgcl_admin)
    for url in (reverse("privacy_admin:breach_list"), reverse("home")):
        html = client.get(url).content.decode()
        assert "left to notify the authority" in html and "data-countdown=" in html
        assert "solidarity/countdown.js" in html
    client.force_login(people.na_officer)
    assert "open-breaches" not in client.get(reverse("home")).content.decode()


# --- retention ---------------------------------------------------------------------------------------


def old_contact(unit, months_ago: int, **fields):
    row = contact(unit, **fields)
    row.full_name = row.full_name + " (sửa)"
    row.save()  # a history line with the name
    when = NOW() - datetime.timedelta(days=31 * months_ago)
    Contact.objects.filter(pk=row.pk).update(updated_at=when)
    return row


def test_only_national_administrators_and_superusers_set_retention(client, people, kind):
    assert retention.may_set_retention(people.vgcl_admin) and retention.may_set_retention(people.superuser)
    assert not retention.may_set_retention(people.na_admin)
    with pytest.raises(PermissionDenied):
        retention.retention_set(by=people.na_admin, kind_key=kind.key, months=12)
    client.force_login(people.na_admin)
    page = client.get(reverse("privacy_admin:retention"))
    assert "Contacts (test)" in page.content.decode() and 'name="months"' not in page.content.decode()
    assert (
        client.post(reverse("privacy_admin:retention"), {"kind": kind.key, "months": 12}).status_code == 403
    )
    client.force_login(people.vgcl_admin)
    assert (
        client.post(reverse("privacy_admin:retention"), {"kind": kind.key, "months": 24}).status_code == 302
    )
    assert RetentionRule.objects.get(kind=kind.key).months == 24
    client.post(reverse("privacy_admin:retention"), {"kind": kind.key, "months": ""})
    assert RetentionRule.objects.get(kind=kind.key).months is None


def test_retention_erases_the_personal_fields_of_rows_past_their_period_in_the_row_and_its_history(
    tree, people, kind
):
    """
    GIVEN contacts kept 12 months, one untouched for 14 months and one for 2
    WHEN the daily erasure runs
    THEN the old one's personal fields are erased (history too), logged as ERASE by the system, once
    """
    retention.retention_set(by=people.vgcl_admin, kind_key=kind.key, months=12)
    old = old_contact(tree.vinh, 14, name="Trần Cũ")
    recent = old_contact(tree.vinh, 2, name="Lê Mới")
    dry = retention.retention_erase_due(dry_run=True)
    assert [(r.kind.key, r.count) for r in dry] == [(kind.key, 1)]
    assert Contact.objects.get(pk=old.pk).full_name.startswith("Trần Cũ")
    results = retention.retention_erase_due()
    assert results[0].count == 1
    old.refresh_from_db()
    assert (old.full_name, old.email, old.phone, old.notes) == ("(erased)", "", "", "")
    assert {h.full_name for h in old.history.all()} == {"(erased)"}
    assert Contact.objects.get(pk=recent.pk).full_name.startswith("Lê Mới")
    line = AccessLog.objects.get(action=AccessAction.ERASE)
    assert (line.object_id, line.user, line.unit) == (old.pk, None, tree.vinh)
    assert line.detail == "retention period ended"
    assert retention.retention_erase_due()[0].count == 0  # not erased twice


def test_retention_works_in_batches(tree, people, kind, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(retention, "BATCH", 3)
    retention.retention_set(by=people.vgcl_admin, kind_key=kind.key, months=6)
    rows = [old_contact(tree.ky_son, 8) for _ in range(7)]
    assert retention.retention_erase_due()[0].count == 7
    assert set(Contact.objects.filter(pk__in=[r.pk for r in rows]).values_list("full_name", flat=True)) == {
        "(erased)"
    }
    assert AccessLog.objects.filter(action=AccessAction.ERASE).count() == 7


def test_a_kind_without_a_period_is_kept(tree, people, kind):
    old_contact(tree.vinh, 100)
    assert retention.retention_erase_due() == []
    assert not AccessLog.objects.exists()


def test_the_command_prints_counts_per_kind(tree, people, kind, capsys):
    retention.retention_set(by=people.vgcl_admin, kind_key=kind.key, months=12)
    old_contact(tree.vinh, 14)
    call_command("erase_expired_personal_data", "--dry-run")
    assert "contacts.contact: would erase 1" in capsys.readouterr().out
    call_command("erase_expired_personal_data")
    assert "contacts.contact: erased 1" in capsys.readouterr().out
    call_command("erase_expired_personal_data")
    assert "contacts.contact: erased 0" in capsys.readouterr().out


def test_the_page_previews_then_runs_the_erasure_as_a_job(client, tree, people, kind):
    from solidarity.jobs.models import Job

    retention.retention_set(by=people.vgcl_admin, kind_key=kind.key, months=12)
    old = old_contact(tree.vinh, 14)
    client.force_login(people.vgcl_admin)
    html = client.get(reverse("privacy_admin:retention") + "?preview=1").content.decode()
    assert "retention-preview" in html and "1 record" in html
    assert Contact.objects.get(pk=old.pk).email  # a preview changes nothing
    client.force_login(people.na_admin)
    assert client.post(reverse("privacy_admin:retention_run")).status_code == 403
    client.force_login(people.vgcl_admin)
    with pytest.MonkeyPatch.context():
        response = client.post(reverse("privacy_admin:retention_run"))
    job = Job.objects.get(kind=retention.JOB_KIND)
    assert response.status_code == 302 and job.owner == people.vgcl_admin


def test_months_before_keeps_the_day_or_the_months_last(tree):
    assert retention.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert retention.months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


def test_the_home_page_reads_open_breaches_in_one_query_whatever_their_number(
    client, tree, people, django_assert_max_num_queries
):
    breach_of(tree.vinh, people.na_admin)
    client.force_login(people.na_admin)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for unit in (tree.vinh, tree.ky_son, tree.school, tree.nghe_an):
        breach_of(unit, people.na_admin)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(reverse("home")).content.decode()
    assert html.count("data-countdown=") == 5


def test_a_notified_breach_leaves_the_home_page(client, tree, people):
    breach = breach_of(tree.vinh, people.na_admin)
    breaches.breach_update(by=people.na_admin, breach=breach, notified_at=NOW(), notification_ref="CV 1")
    client.force_login(people.na_admin)
    assert "open-breaches" not in client.get(reverse("home")).content.decode()
    html = client.get(reverse("privacy_admin:breach_list")).content.decode()
    assert "Notified at" in html


def test_the_job_erases_what_ran_out_and_says_how_many(tree, people, kind):
    from solidarity.jobs.models import Job, JobState
    from solidarity.jobs.run import job_run

    retention.retention_set(by=people.vgcl_admin, kind_key=kind.key, months=12)
    old = old_contact(tree.vinh, 14)
    job = Job.objects.create(
        owner=people.vgcl_admin, kind=retention.JOB_KIND, title="x", params={"language": "en"}
    )
    job_run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.message.startswith("1 rows erased.")
    old.refresh_from_db()
    assert old.full_name == "(erased)"
    assert AccessLog.objects.get(action=AccessAction.ERASE).user == people.vgcl_admin


def test_a_log_lines_detail_is_said_in_the_readers_words():
    from solidarity.contacts.models import Contact
    from solidarity.privacy.log_page import detail_text

    assert detail_text("sensitive fields shown", Contact) == "sensitive fields shown"
    assert detail_text("email, phone", Contact) == "email, phone"  # the fields' labels
    assert detail_text("full_name, not_a_field", Contact) == "full name, not_a_field"
    assert detail_text("12 | unit=3", Contact) == "12 | unit=3"  # an export's count: as written
    with translation.override("vi"):
        assert detail_text("sensitive fields shown", Contact) == "đã bấm hiện dữ liệu nhạy cảm"
        assert detail_text("full_name", Contact) == "họ và tên"


def test_an_export_over_many_units_is_logged_in_one_insert(people, tree, django_assert_num_queries):
    ContentType.objects.get_for_model(Contact)  # cached, as in a running app
    with django_assert_num_queries(1):
        rows = log_export(
            user=people.na_officer,
            model=Contact,
            per_unit=[(tree.nghe_an, 3), (tree.ky_son, 2), (tree.vinh, 1)],
            detail="xlsx",
        )
    logged = AccessLog.objects.filter(pk__in=[row.pk for row in rows], action=AccessAction.EXPORT)
    assert sorted((row.unit_id, row.detail) for row in logged) == sorted(
        [(tree.nghe_an.pk, "3 | xlsx"), (tree.ky_son.pk, "2 | xlsx"), (tree.vinh.pk, "1 | xlsx")]
    )
