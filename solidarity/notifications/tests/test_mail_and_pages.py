"""Mail (at once, digest, off; Vietnamese, with a link), the bell, the list, mark read, preferences."""

import pytest
from django.core import mail
from django.urls import reverse

from solidarity.delegations import services as delegations
from solidarity.delegations.tests.factories import make_delegation
from solidarity.notifications import services
from solidarity.notifications.choices import Kind, Mode
from solidarity.notifications.mail import send_digests
from solidarity.notifications.models import Notification, Preference

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(people, tree, settings, django_capture_on_commit_callbacks):
    """Vinh Phú's officer (with a mail address) submits; Nghệ An's leader returns it."""
    settings.SITE_URL = "https://solidarity.example.vn"
    people.vinh_officer.email = "canbo.vinhphu@example.org"
    people.vinh_officer.save()

    def run():
        delegation = make_delegation(tree.vinh, complete_it=True, title="Đoàn Vinh Phú sang Lào")
        with django_capture_on_commit_callbacks(execute=True):
            delegations.delegation_submit(delegation=delegation, by=people.vinh_officer)
        with django_capture_on_commit_callbacks(execute=True):
            delegations.delegation_return(
                delegation=delegation, by=people.na_leader, comment="Bổ sung kinh phí"
            )
        return delegation

    return run


def test_a_returned_delegation_is_mailed_at_once_in_vietnamese_with_its_link(returned, people):
    delegation = returned()
    sent = [m for m in mail.outbox if m.to == ["canbo.vinhphu@example.org"]]
    assert len(sent) == 1
    message = sent[0]
    assert message.subject == "[Solidarity] Đã trả lại để chỉnh sửa: Đoàn Vinh Phú sang Lào"
    assert "Kính gửi Cán bộ Vinh Phú," in message.body
    assert "Bổ sung kinh phí" in message.body
    assert f"https://solidarity.example.vn{delegation.get_absolute_url()}" in message.body
    assert "https://solidarity.example.vn/notifications/settings/" in message.body
    assert Notification.objects.get(user=people.vinh_officer).mailed_at is not None


def test_digest_mode_sends_one_mail_a_day_and_off_sends_none(returned, people, tree):
    services.set_preferences(user=people.vinh_officer, modes={Kind.RETURNED: Mode.DIGEST})
    returned()
    returned()
    assert not [m for m in mail.outbox if m.to == ["canbo.vinhphu@example.org"]]
    assert send_digests() == 1
    assert send_digests() == 0  # a second run the same day (or after a restart) sends nothing more
    digest = [m for m in mail.outbox if m.to == ["canbo.vinhphu@example.org"]]
    assert len(digest) == 1
    assert "2 thông báo" in digest[0].subject
    assert digest[0].body.count("Đã trả lại để chỉnh sửa: Đoàn Vinh Phú sang Lào") == 2

    mail.outbox.clear()
    services.set_preferences(user=people.vinh_officer, modes={Kind.RETURNED: Mode.OFF})
    returned()
    send_digests()
    assert not [m for m in mail.outbox if m.to == ["canbo.vinhphu@example.org"]]
    assert Notification.objects.filter(user=people.vinh_officer).count() == 3  # the bell shows them all


def test_the_bell_counts_unread_in_one_query_and_the_page_costs_none(
    client, people, returned, django_assert_max_num_queries
):
    returned()
    client.force_login(people.vinh_officer)
    home = client.get(reverse("home"))
    assert reverse("notifications:bell") in home.content.decode()  # fetched by app.js, not counted here
    client.get(reverse("notifications:bell"))  # the session and user, read once
    with django_assert_max_num_queries(3):  # session, user, the count
        response = client.get(reverse("notifications:bell"), HTTP_HX_REQUEST="true")
    assert 'data-testid="bell-count">1<' in response.content.decode()


def test_the_list_pages_reads_marks_read_and_never_shows_another_user_s(
    client, people, django_assert_max_num_queries
):
    for n in range(30):
        services.notify([people.na_officer], kind=Kind.COMMITMENT, title=f"Cam kết {n}", url="/agreements/")
    other = services.notify([people.hn_officer], kind=Kind.COMMITMENT, title="Của Hà Nội")[0]
    client.force_login(people.na_officer)
    with django_assert_max_num_queries(7):  # session, user, the menu's roles (3), the page, the unread count
        page = client.get(reverse("notifications:list"))
    body = page.content.decode()
    assert (
        body.count('data-testid="notification"') == 25 and "Cam kết 29" in body and "Của Hà Nội" not in body
    )
    assert 'data-testid="page-next"' in body
    assert (
        client.get(reverse("notifications:list") + "?page=2")
        .content.decode()
        .count('data-testid="notification"')
        == 5
    )

    # Someone else's notification does not exist for this user.
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404
    assert client.post(reverse("notifications:open", args=[other.pk])).status_code == 404
    assert Notification.objects.get(pk=other.pk).read_at is None

    first = Notification.objects.filter(user=people.na_officer).order_by("pk").first()
    assert client.post(reverse("notifications:read", args=[first.pk])).status_code == 302
    unread = client.get(reverse("notifications:list") + "?unread=1").content.decode()
    assert unread.count('data-testid="notification"') == 25 and "Cam kết 0<" not in unread

    opened = Notification.objects.filter(user=people.na_officer, read_at__isnull=True).first()
    response = client.post(reverse("notifications:open", args=[opened.pk]))
    assert response.status_code == 302 and response["Location"] == "/agreements/"

    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=people.na_officer, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=other.pk).read_at is None
    assert (
        "No unread notification." in client.get(reverse("notifications:list") + "?unread=1").content.decode()
    )


def test_mark_read_needs_a_post_and_a_sign_in(client, people):
    note = services.notify([people.na_officer], kind=Kind.RENEWAL, title="Biên bản")[0]
    assert client.get(reverse("notifications:list")).status_code == 302
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 302
    client.force_login(people.na_officer)
    assert client.get(reverse("notifications:read", args=[note.pk])).status_code == 405
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_the_preferences_page_saves_each_kind_and_refuses_junk(client, people):
    client.force_login(people.na_officer)
    page = client.get(reverse("notifications:settings"))
    assert page.status_code == 200 and "Daily digest" in page.content.decode()
    data = {kind: Mode.IMMEDIATE for kind in Kind.values} | {Kind.COMMITMENT: Mode.OFF}
    assert client.post(reverse("notifications:settings"), data).status_code == 302
    assert Preference.objects.get(user=people.na_officer, kind=Kind.COMMITMENT).mode == Mode.OFF
    junk = client.post(reverse("notifications:settings"), data | {Kind.RENEWAL: "sometimes"})
    assert junk.status_code == 200
    assert not Preference.objects.filter(mode="sometimes").exists()
