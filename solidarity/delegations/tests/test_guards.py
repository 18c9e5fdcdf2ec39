"""Refusals that protect a delegation (archived, trip not begun, bad lines) and its merged history."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from solidarity.accounts.testing import PASSWORD
from solidarity.core.models import WorkflowEvent
from solidarity.delegations import services
from solidarity.delegations.models import Cost, Delegation, Member, ProgrammeItem
from solidarity.records.base import history_for
from solidarity.records.workflow import ApprovalState

from .factories import add_member, make_delegation

pytestmark = pytest.mark.django_db
S = ApprovalState
ARCHIVED = "This record is archived; restore it before changing it."


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def archived(tree, people):
    delegation = make_delegation(tree.nghe_an, title="Đoàn đã lưu trữ")
    add_member(delegation, "Kha Văn Tám", tree.nghe_an, key=True)
    ProgrammeItem.objects.create(delegation=delegation, day=delegation.start_on, activity="Hội đàm")
    Cost.objects.create(
        delegation=delegation, kind="estimated", source="union_budget", amount=1, amount_vnd=1
    )
    Delegation.objects.filter(pk=delegation.pk).update(
        archived_at=timezone.now(), archived_by=people.na_officer
    )
    delegation.refresh_from_db()
    return delegation


def snapshot(delegation):
    delegation.refresh_from_db()
    return (
        delegation.version,
        delegation.title,
        delegation.state,
        list(delegation.members.values_list("full_name", flat=True)),
        list(delegation.programme.values_list("activity", flat=True)),
        list(delegation.costs.values_list("amount_vnd", flat=True)),
        delegation.report_text,
    )


# Archived delegations are read-only --------------------------------------------------------------------


def test_every_write_on_an_archived_delegation_is_refused_with_a_message(
    client, people, archived, tmp_path, settings
):
    """GIVEN an archived delegation
    WHEN its officer posts to every write path of the detail page
    THEN each is refused with the "archived" message (no 500), and nothing changes."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    login(client, people.na_officer)
    before = snapshot(archived)
    pk = archived.pk
    member, item, cost = archived.members.get(), archived.programme.get(), archived.costs.get()
    posts = [
        (
            reverse("delegations:member_add", args=[pk]),
            {"member-full_name": "Lê Thị Hoa", "member-role": "member"},
        ),
        (reverse("delegations:member_remove", args=[pk, member.pk]), {}),
        (
            reverse("delegations:programme_add", args=[pk]),
            {"programme-day": "11/03/2025", "programme-activity": "Thăm nhà máy"},
        ),
        (reverse("delegations:programme_remove", args=[pk, item.pk]), {}),
        (
            reverse("delegations:cost_add", args=[pk]),
            {"cost-kind": "estimated", "cost-source": "partner", "cost-currency": "VND", "cost-amount": "5"},
        ),
        (reverse("delegations:cost_remove", args=[pk, cost.pk]), {}),
        (
            reverse("delegations:edit", args=[pk]),
            {
                "direction": "outgoing",
                "title": "Đổi tên",
                "start_on": "10/03/2025",
                "end_on": "15/03/2025",
                "out_of_plan_reason": "Lời mời đột xuất",
                "version": archived.version,
            },
        ),
        (
            reverse("attachment_upload", args=[ContentType.objects.get_for_model(Delegation).pk, pk]),
            {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%x\n%%EOF\n", content_type="application/pdf")},
        ),
    ]
    for url, data in posts:
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, url
        assert ARCHIVED in messages_of(response), url
    assert client.get(reverse("delegations:edit", args=[pk])).status_code == 302
    assert snapshot(archived) == before
    from solidarity.records.attachments import attachments_of

    assert not attachments_of(archived).exists()


def test_the_report_of_an_archived_delegation_cannot_be_filed(client, people, archived):
    Delegation.objects.filter(pk=archived.pk).update(state=S.CARRIED_OUT)
    login(client, people.na_officer)
    response = client.get(reverse("delegations:act", args=[archived.pk, "file_report"]), follow=True)
    assert ARCHIVED in messages_of(response)
    response = client.post(
        reverse("delegations:act", args=[archived.pk, "file_report"]), {"report_text": "Báo cáo"}
    )
    assert response.status_code in (200, 302)
    archived.refresh_from_db()
    assert archived.state == S.CARRIED_OUT and archived.report_text == ""
    with pytest.raises(ValidationError):
        services.delegation_file_report(delegation=archived, by=people.na_officer, report_text="Báo cáo")


@pytest.mark.parametrize(
    "write",
    [
        lambda d, by: services.member_add(delegation=d, by=by, full_name="Lê Thị Hoa"),
        lambda d, by: services.member_remove(member=d.members.get(), by=by),
        lambda d, by: services.programme_item_add(delegation=d, by=by, day=d.start_on, activity="Thăm"),
        lambda d, by: services.programme_item_remove(item=d.programme.get(), by=by),
        lambda d, by: services.cost_add(
            delegation=d, by=by, kind="actual", source="partner", amount=Decimal(5)
        ),
        lambda d, by: services.cost_remove(cost=d.costs.get(), by=by),
        lambda d, by: services.delegation_update(delegation=d, by=by, expected_version=d.version, title="X"),
    ],
)
def test_the_services_refuse_every_write_on_an_archived_delegation(people, archived, write):
    before = snapshot(archived)
    with pytest.raises(ValidationError) as error:
        write(archived, people.na_officer)
    assert ARCHIVED in error.value.messages
    assert snapshot(archived) == before


# Carrying out and reporting only once the trip has begun ----------------------------------------------


@pytest.fixture
def future_trip(tree):
    return make_delegation(
        tree.nghe_an, state=S.APPROVED, start=timezone.localdate() + datetime.timedelta(days=7)
    )


def test_a_trip_cannot_be_marked_carried_out_before_it_starts(client, people, future_trip):
    """GIVEN an approved delegation starting next week
    WHEN its officer marks it as carried out (confirmation page, then the post)
    THEN both are refused with the start date, and no workflow event is written."""
    login(client, people.na_officer)
    url = reverse("delegations:act", args=[future_trip.pk, "carry_out"])
    start = future_trip.start_on.strftime("%d/%m/%Y")
    assert any(start in m for m in messages_of(client.get(url, follow=True)))
    assert any(start in m for m in messages_of(client.post(url, {"comment": ""}, follow=True)))
    future_trip.refresh_from_db()
    assert future_trip.state == S.APPROVED
    assert not WorkflowEvent.objects.filter(object_id=future_trip.pk).exists()


def test_a_report_cannot_be_filed_before_the_trip_starts(client, people, future_trip):
    """GIVEN a delegation marked carried out (by mistake) before its start date
    WHEN the officer files the report
    THEN it is refused with a clear message next to the form, the typed text is kept, nothing is saved."""
    Delegation.objects.filter(pk=future_trip.pk).update(state=S.CARRIED_OUT)
    login(client, people.na_officer)
    url = reverse("delegations:act", args=[future_trip.pk, "file_report"])
    response = client.post(url, {"report_text": "Báo cáo sớm"})
    assert response.status_code == 200
    assert "starts on" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["report_text"].value() == "Báo cáo sớm"
    future_trip.refresh_from_db()
    assert (
        future_trip.state == S.CARRIED_OUT
        and future_trip.report_text == ""
        and not future_trip.report_filed_on
    )


def test_a_trip_that_has_begun_is_carried_out(client, people, tree):
    delegation = make_delegation(tree.nghe_an, state=S.APPROVED, start=timezone.localdate())
    login(client, people.na_officer)
    client.post(reverse("delegations:act", args=[delegation.pk, "carry_out"]), {"comment": ""})
    delegation.refresh_from_db()
    assert delegation.state == S.CARRIED_OUT


# Bad input on the detail page saves nothing and is shown next to the field -----------------------------


@pytest.fixture
def draft(tree):
    return make_delegation(tree.nghe_an)  # 10/03/2025 – 15/03/2025


def cost_post(client, delegation, **fields):
    data = {"cost-kind": "estimated", "cost-source": "partner", "cost-currency": "VND", "cost-amount": "100"}
    data.update({f"cost-{k}": v for k, v in fields.items()})
    return client.post(reverse("delegations:cost_add", args=[delegation.pk]), data)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"currency": "us$", "amount_vnd": "100"}, "currency"),
        ({"currency": "US", "amount_vnd": "100"}, "currency"),
        ({"currency": "12A", "amount_vnd": "100"}, "currency"),
        ({"amount": "-1"}, "amount"),
        ({"currency": "USD", "amount": "10", "amount_vnd": "-5"}, "amount_vnd"),
        ({"currency": "USD", "amount": "10", "amount_vnd": str(10**15 + 1)}, "amount_vnd"),
        ({"amount": "1" + "0" * 16}, "amount"),
    ],
)
def test_a_bad_cost_line_saves_nothing_and_shows_the_error_at_the_field(client, people, draft, fields, field):
    login(client, people.na_officer)
    response = cost_post(client, draft, **fields)
    assert response.status_code == 200
    assert field in response.context["cost_form"].errors
    assert "invalid-feedback" in response.content.decode()
    assert not Cost.objects.exists()


def test_a_currency_typed_in_lower_case_is_stored_upper_case(client, people, draft):
    login(client, people.na_officer)
    cost_post(client, draft, currency="usd", amount="400", amount_vnd=str(10**7))
    assert list(Cost.objects.values_list("currency", "amount_vnd")) == [("USD", 10**7)]


def test_the_cost_service_refuses_what_the_form_would(people, draft):
    for kwargs, field in [
        ({"currency": "us$", "amount_vnd": 1}, "currency"),
        ({"amount_vnd": 10**15 + 1, "currency": "USD"}, "amount_vnd"),
        ({"amount": Decimal(-1)}, "amount"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.cost_add(
                delegation=draft,
                by=people.na_officer,
                kind="estimated",
                source="partner",
                **{"amount": Decimal(10), **kwargs},
            )
        assert field in error.value.message_dict
    assert not Cost.objects.exists()


@pytest.mark.parametrize("day", ["09/03/2025", "16/03/2025"])
def test_a_programme_day_outside_the_trip_is_refused_at_the_field(client, people, draft, day):
    login(client, people.na_officer)
    response = client.post(
        reverse("delegations:programme_add", args=[draft.pk]),
        {"programme-day": day, "programme-activity": "Hội đàm"},
    )
    assert response.status_code == 200 and "day" in response.context["programme_form"].errors
    assert not ProgrammeItem.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.programme_item_add(
            delegation=draft,
            by=people.na_officer,
            day=datetime.datetime.strptime(day, "%d/%m/%Y").date(),
            activity="Hội đàm",
        )
    assert "day" in error.value.message_dict


def test_the_first_and_last_day_of_the_trip_are_programme_days(client, people, draft):
    login(client, people.na_officer)
    for day in ("10/03/2025", "15/03/2025"):
        client.post(
            reverse("delegations:programme_add", args=[draft.pk]),
            {"programme-day": day, "programme-activity": "Hội đàm"},
        )
    assert ProgrammeItem.objects.count() == 2


def test_a_member_without_a_name_saves_nothing_and_shows_the_error(client, people, draft):
    login(client, people.na_officer)
    response = client.post(
        reverse("delegations:member_add", args=[draft.pk]),
        {"member-full_name": "   ", "member-role": "member"},
    )
    assert response.status_code == 200 and "full_name" in response.context["member_form"].errors
    assert not Member.objects.exists()


# History of members, programme and costs ---------------------------------------------------------------


def test_member_programme_and_cost_changes_show_in_the_delegations_history(client, people, draft):
    """GIVEN a draft delegation
    WHEN its officer adds a member, a programme item and a cost, then removes the cost
    THEN the detail page's history lists each change with who made it, newest first,
    among the delegation's own entries."""
    login(client, people.na_officer)
    client.post(
        reverse("delegations:member_add", args=[draft.pk]),
        {"member-full_name": "Nguyễn Văn A", "member-unit": draft.owner_unit_id, "member-role": "member"},
    )
    client.post(
        reverse("delegations:programme_add", args=[draft.pk]),
        {"programme-day": "11/03/2025", "programme-activity": "Hội đàm với LHCĐ"},
    )
    cost_post(client, draft, currency="USD", amount="400", amount_vnd="10000000")
    client.post(reverse("delegations:cost_remove", args=[draft.pk, Cost.objects.get().pk]))
    response = client.get(draft.get_absolute_url())
    reasons = [entry.reason for entry in response.context["history"]]
    assert reasons[0].startswith("Cost removed:") and "USD" in reasons[0] and "10.000.000" in reasons[0]
    assert reasons[1].startswith("Cost added:")
    assert reasons[2].startswith("Programme item added:") and "Hội đàm với LHCĐ" in reasons[2]
    assert reasons[3] == "Member added: Nguyễn Văn A"
    assert reasons[-1] == "Created"
    assert {entry.record.history_user for entry in response.context["history"][:4]} == {people.na_officer}
    page = response.content.decode()
    assert "Member added: Nguyễn Văn A" in page and people.na_officer.display_name in page


def test_the_merged_history_does_not_issue_a_query_per_line(people, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(n: int) -> int:
        delegation = make_delegation(tree.nghe_an)
        for i in range(n):
            services.member_add(delegation=delegation, by=people.na_officer, full_name=f"Người {i}")
            services.programme_item_add(
                delegation=delegation, by=people.na_officer, day=delegation.start_on, activity="x"
            )
            services.cost_add(
                delegation=delegation,
                by=people.na_officer,
                kind="estimated",
                source="partner",
                amount=Decimal(i),
            )
        delegation = Delegation.objects.get(pk=delegation.pk)
        with CaptureQueriesContext(connection) as captured:
            history = history_for(record=delegation, user=people.na_officer)
        assert len(history) == 1 + 3 * n
        return len(captured)

    assert queries_for(2) == queries_for(6)
