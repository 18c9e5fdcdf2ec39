"""Agreement and commitment pages: who sees and changes what, conflicts, archive, history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.accounts.testing import PASSWORD
from solidarity.agreements import services
from solidarity.agreements.choices import AgreementType, CommitmentStatus, SigningStepKind
from solidarity.agreements.models import Agreement, Commitment
from solidarity.core.choices import FundingSource
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.records.timeline import record_timeline
from solidarity.support.models import Support

pytestmark = pytest.mark.django_db
D = datetime.date


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def form_data(agreement, **changes):
    data = {
        "owner_unit": agreement.owner_unit_id,
        "title": agreement.title,
        "agreement_type": agreement.agreement_type,
        "partners": [p.pk for p in agreement.partners.all()],
        "status": agreement.status,
        "signed_on": agreement.signed_on.strftime("%d/%m/%Y") if agreement.signed_on else "",
        "signed_place": agreement.signed_place,
        "our_signatory": agreement.our_signatory,
        "partner_signatory": agreement.partner_signatory,
        "valid_from": agreement.valid_from.strftime("%d/%m/%Y") if agreement.valid_from else "",
        "valid_to": "",
        "renewal_warning_on": "",
        "is_international_agreement": "on" if agreement.is_international_agreement else "",
        "summary": agreement.summary,
        "out_of_plan_reason": "Lời mời đột xuất",
        "version": agreement.version,
    }
    data.update(changes)
    return data


def test_anonymous_users_are_sent_to_sign_in(client, na_agreement):
    for url in [
        reverse("agreements:list"),
        reverse("agreements:commitment_list"),
        na_agreement.get_absolute_url(),
        reverse("agreements:create"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("persona", "view_status", "edit_status"),
    [
        ("outsider", 404, 404),
        ("hn_officer", 404, 404),  # a sibling province
        ("vinh_officer", 404, 404),  # a unit below does not see its parent's records
        ("na_viewer", 200, 403),
        ("na_officer", 200, 200),
        ("vgcl_leader", 200, 200),  # the level above
    ],
)
def test_the_permission_matrix_of_an_agreement(
    client, people, na_agreement, persona, view_status, edit_status
):
    login(client, getattr(people, persona))
    assert client.get(na_agreement.get_absolute_url()).status_code == view_status
    assert client.get(reverse("agreements:edit", args=[na_agreement.pk])).status_code == edit_status
    step = na_agreement.signing_steps.get(kind=SigningStepKind.SIGNED)
    assert client.get(reverse("agreements:step_edit", args=[step.pk])).status_code == edit_status
    assert (
        client.get(reverse("agreements:commitment_create", args=[na_agreement.pk])).status_code == edit_status
    )
    response = client.post(reverse("agreements:archive", args=[na_agreement.pk]))
    assert response.status_code == (302 if edit_status == 200 else edit_status)


def test_a_viewer_cannot_create_an_agreement(client, people):
    login(client, people.na_viewer)
    assert client.get(reverse("agreements:create")).status_code == 403


def test_a_sibling_never_sees_the_agreement_in_lists_filters_search_or_commitments(
    client, people, na_agreement, hn_agreement, xieng_khoang
):
    services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="Gặp gỡ Kỳ Sơn – Noọng Hét", due_year=2025
    )
    login(client, people.hn_officer)
    for query in ["", "?q=xieng", f"?partner={xieng_khoang.pk}", "?country=LA", "?archived=all"]:
        page = client.get(reverse("agreements:list") + query).content.decode()
        assert "Biên bản hợp tác" not in page  # the partner's name may show: the directory is shared
    assert "Hà Nội – CGT" in client.get(reverse("agreements:list")).content.decode()
    commitments = client.get(reverse("agreements:commitment_list")).content.decode()
    assert "Noọng Hét" not in commitments
    assert (
        "Noọng Hét"
        not in client.get(
            reverse("agreements:commitment_list") + f"?agreement={na_agreement.pk}"
        ).content.decode()
    )


def test_the_list_searches_without_diacritics_and_filters_by_country_and_period(client, people, na_agreement):
    login(client, people.vgcl_leader)
    url = reverse("agreements:list")
    assert "Xiêng Khoảng" in client.get(url + "?q=nghe an xieng").content.decode()
    assert "Xiêng Khoảng" in client.get(url + "?country=LA").content.decode()
    assert "Xiêng Khoảng" not in client.get(url + "?country=FR").content.decode()
    assert "Xiêng Khoảng" in client.get(url + "?signed_from=01/01/2017&signed_to=31/12/2017").content.decode()
    assert "Xiêng Khoảng" not in client.get(url + "?signed_from=01/01/2018").content.decode()
    assert (
        "Xiêng Khoảng"
        in client.get(url + f"?unit={people.na_officer.memberships.first().unit_id}").content.decode()
    )


def test_creating_with_bad_input_saves_nothing_and_shows_the_errors(client, people, tree, xieng_khoang):
    login(client, people.na_officer)
    response = client.post(
        reverse("agreements:create"),
        {
            "owner_unit": tree.nghe_an.pk,
            "title": "Biên bản mới",
            "agreement_type": AgreementType.MEMORANDUM,
            "status": "draft",
            "valid_from": "01/01/2025",
            "valid_to": "01/01/2024",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "is-invalid" in page and "The end of validity is before its start." in page
    assert not Agreement.objects.exists()


def test_a_sibling_unit_cannot_be_chosen_as_owner(client, people, tree, xieng_khoang):
    login(client, people.na_officer)
    response = client.post(
        reverse("agreements:create"),
        {
            "owner_unit": tree.ha_noi.pk,
            "title": "X",
            "agreement_type": "memorandum",
            "status": "draft",
            "partners": [xieng_khoang.pk],
        },
    )
    assert response.status_code == 200
    assert not Agreement.objects.exists()


def test_an_officer_records_an_agreement_with_its_signing_steps(client, people, tree, xieng_khoang):
    login(client, people.na_officer)
    response = client.post(
        reverse("agreements:create"),
        {
            "owner_unit": tree.nghe_an.pk,
            "title": "Biên bản ghi nhớ 2025",
            "agreement_type": AgreementType.MEMORANDUM,
            "status": "draft",
            "partners": [xieng_khoang.pk],
            "is_international_agreement": "on",
            "out_of_plan_reason": "Theo đề nghị của bạn",
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert agreement.signing_steps.count() == 4 and agreement.created_by == people.na_officer


def test_a_second_save_from_an_older_form_is_refused_with_the_changes_listed(client, people, na_agreement):
    """
    GIVEN two officers opened the edit form of the same agreement (version 1)
    WHEN the first saves a new place and then the second saves another place
    THEN the second save is refused, the differences are listed, the first's change is kept,
         the second's input stays in the form with the new version
    """
    first = client
    login(first, people.na_officer)
    first.post(
        reverse("agreements:edit", args=[na_agreement.pk]),
        form_data(na_agreement, signed_place="Vinh, Nghệ An"),
    )
    assert Agreement.objects.get().version == 2

    from django.test import Client

    second = login(Client(), people.vgcl_leader)
    response = second.post(
        reverse("agreements:edit", args=[na_agreement.pk]),
        form_data(na_agreement, signed_place="Xiêng Khoảng"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your changes were NOT saved" in page
    assert "Vinh, Nghệ An" in page and "Xiêng Khoảng" in page
    assert 'name="version" value="2"' in page
    saved = Agreement.objects.get()
    assert saved.signed_place == "Vinh, Nghệ An" and saved.version == 2
    # saving again from the refreshed form goes through
    second.post(
        reverse("agreements:edit", args=[na_agreement.pk]),
        form_data(saved, signed_place="Xiêng Khoảng"),
    )
    assert Agreement.objects.get().signed_place == "Xiêng Khoảng"


def test_history_shows_the_change_and_who_made_it(client, people, na_agreement):
    login(client, people.na_officer)
    client.post(
        reverse("agreements:edit", args=[na_agreement.pk]),
        form_data(na_agreement, our_signatory="Nguyễn Văn A"),
    )
    page = client.get(na_agreement.get_absolute_url()).content.decode()
    assert "Nguyễn Văn A" in page and "Kha Văn Tám" in page
    assert people.na_officer.display_name in page


def test_archiving_hides_the_agreement_from_the_list_and_restoring_brings_it_back(
    client, people, na_agreement
):
    login(client, people.na_officer)
    client.post(reverse("agreements:archive", args=[na_agreement.pk]))
    assert "Xiêng Khoảng" not in client.get(reverse("agreements:list")).content.decode()
    assert "Xiêng Khoảng" in client.get(reverse("agreements:list") + "?archived=1").content.decode()
    assert client.get(na_agreement.get_absolute_url()).status_code == 200
    client.post(reverse("agreements:archive", args=[na_agreement.pk]), {"restore": "1"})
    assert "Xiêng Khoảng" in client.get(reverse("agreements:list")).content.decode()
    page = client.get(na_agreement.get_absolute_url()).content.decode()
    assert "Archived" in page and "Restored" in page  # both in the history


def test_marking_a_step_done_recomputes_the_next_due_date_and_flags_late_steps(client, people, na_agreement):
    login(client, people.na_officer)
    signed = na_agreement.signing_steps.get(kind=SigningStepKind.SIGNED)
    response = client.post(
        reverse("agreements:step_edit", args=[signed.pk]), {"done_on": "01/09/2024", "note": "Ký tại Vinh"}
    )
    assert response.status_code == 302
    copy = na_agreement.signing_steps.get(kind=SigningStepKind.COPY_SENT)
    assert copy.due_on == D(2024, 9, 16)
    page = client.get(na_agreement.get_absolute_url()).content.decode()
    assert "Late" in page
    assert "Signing step late" in client.get(reverse("agreements:list")).content.decode()


def test_a_phase_with_commitments_is_not_removed_and_the_user_is_told(client, people, na_agreement):
    login(client, people.na_officer)
    client.post(
        reverse("agreements:phase_create", args=[na_agreement.pk]),
        {"name": "Giai đoạn 2022–2024", "start_year": 2022, "end_year": 2024, "contents": "Trao đổi đoàn"},
    )
    phase = na_agreement.phases.get()
    services.commitment_create(
        by=people.na_officer, agreement=na_agreement, phase=phase, description="X", due_year=2024
    )
    response = client.post(reverse("agreements:phase_delete", args=[na_agreement.pk, phase.pk]), follow=True)
    assert "has commitments" in response.content.decode()
    assert na_agreement.phases.exists()


# -- commitments --------------------------------------------------------------


def test_an_officer_adds_a_commitment_and_changes_its_status(client, people, tree, na_agreement):
    login(client, people.na_officer)
    response = client.post(
        reverse("agreements:commitment_create", args=[na_agreement.pk]),
        {
            "description": "Đoàn Nghệ An thăm Xiêng Khoảng",
            "responsible_unit": tree.nghe_an.pk,
            "due_year": 2025,
            "status": "planned",
            "version": "",
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.owner_unit == tree.nghe_an
    client.post(
        reverse("agreements:commitment_status", args=[commitment.pk]),
        {"status": CommitmentStatus.DONE, "done_on": "15/03/2025", "version": commitment.version},
    )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DONE and commitment.done_on == D(2025, 3, 15)
    assert "Done" in client.get(commitment.get_absolute_url()).content.decode()


def test_a_stale_status_change_is_refused(client, people, na_agreement):
    commitment = services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="X", due_year=2025
    )
    services.commitment_set_status(
        commitment=commitment, by=people.na_officer, expected_version=1, status="in_progress"
    )
    login(client, people.na_officer)
    response = client.post(
        reverse("agreements:commitment_status", args=[commitment.pk]),
        {"status": "cancelled", "version": 1},
        follow=True,
    )
    assert "changed this commitment meanwhile" in response.content.decode()
    assert Commitment.objects.get().status == "in_progress"


def test_a_commitment_edit_conflict_is_shown(client, people, na_agreement):
    commitment = services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="Cũ", due_year=2025
    )
    services.commitment_update(
        commitment=commitment, by=people.na_officer, expected_version=1, description="Mới"
    )
    login(client, people.vgcl_leader)
    response = client.post(
        reverse("agreements:commitment_edit", args=[commitment.pk]),
        {"description": "Của tôi", "due_year": 2025, "status": "planned", "version": 1},
    )
    page = response.content.decode()
    assert "Your changes were NOT saved" in page and "Mới" in page and "Của tôi" in page
    assert Commitment.objects.get().description == "Mới"


@pytest.mark.parametrize(
    ("persona", "view_status", "edit_status"),
    [
        ("outsider", 404, 404),
        ("hn_officer", 404, 404),
        ("na_viewer", 200, 403),
        ("na_officer", 200, 200),
        ("vgcl_leader", 200, 200),
    ],
)
def test_the_permission_matrix_of_a_commitment(
    client, people, na_agreement, persona, view_status, edit_status
):
    commitment = services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="X", due_year=2025
    )
    login(client, getattr(people, persona))
    assert client.get(commitment.get_absolute_url()).status_code == view_status
    assert client.get(reverse("agreements:commitment_edit", args=[commitment.pk])).status_code == edit_status
    response = client.post(reverse("agreements:commitment_archive", args=[commitment.pk]))
    assert response.status_code == (302 if edit_status == 200 else edit_status)


def test_the_commitment_list_filters_overdue_ones_and_by_year(client, people, na_agreement):
    today = D.today()
    services.commitment_create(
        by=people.na_officer,
        agreement=na_agreement,
        description="Quá hạn theo ngày",
        due_on=today - datetime.timedelta(days=3),
    )
    services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="Quá hạn theo năm", due_year=today.year - 1
    )
    services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="Còn hạn", due_year=today.year + 1
    )
    login(client, people.na_viewer)
    page = client.get(reverse("agreements:commitment_list") + "?overdue=true").content.decode()
    assert "Quá hạn theo ngày" in page and "Quá hạn theo năm" in page and "Còn hạn" not in page
    assert "Overdue" in page
    page = client.get(reverse("agreements:commitment_list") + f"?due_year={today.year + 1}").content.decode()
    assert "Còn hạn" in page and "Quá hạn" not in page


def test_an_archived_commitment_leaves_the_list_and_comes_back(client, people, na_agreement):
    commitment = services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="Tặng quà Bun Pi May", due_year=2025
    )
    login(client, people.na_officer)
    client.post(reverse("agreements:commitment_archive", args=[commitment.pk]))
    assert "Bun Pi May" not in client.get(reverse("agreements:commitment_list")).content.decode()
    client.post(reverse("agreements:commitment_archive", args=[commitment.pk]), {"restore": "1"})
    assert "Bun Pi May" in client.get(reverse("agreements:commitment_list")).content.decode()


# -- timeline -----------------------------------------------------------------


def make_story(people, tree, agreement, partner, n=1, owner=None):
    owner = owner or tree.nghe_an
    for i in range(n):
        delegation = Delegation.objects.create(
            owner_unit=owner,
            direction="incoming",
            title=f"Đoàn Xiêng Khoảng {i}",
            start_on=D(2022, 6, 1 + i),
            end_on=D(2022, 6, 5 + i),
            agreement=agreement,
        )
        meeting = Meeting.objects.create(
            owner_unit=owner,
            kind="seminar",
            title=f"Tọa đàm {i}",
            start_on=D(2024, 7, 29),
            agreement=agreement,
        )
        Support.objects.create(
            owner_unit=owner,
            direction="given",
            partner=partner,
            given_on=D(2023, 4, 14),
            form="equipment",
            total_vnd=50_000_000,
            funding_source=FundingSource.UNION_BUDGET,
            delegation=delegation,
        )
        Support.objects.create(
            owner_unit=owner,
            direction="given",
            partner=partner,
            given_on=D(2024, 7, 29),
            form="gifts",
            total_vnd=1_000_000,
            funding_source=FundingSource.UNION_BUDGET,
            meeting=meeting,
        )
        services.commitment_create(
            by=people.na_officer, agreement=agreement, description=f"Cam kết {i}", due_on=D(2025, 6, 1)
        )


def test_the_timeline_lists_signing_steps_delegations_meetings_support_and_commitments_newest_first(
    people, tree, na_agreement, xieng_khoang
):
    make_story(people, tree, na_agreement, xieng_khoang)
    services.signing_step_record(
        step=na_agreement.signing_steps.get(kind=SigningStepKind.SIGNED),
        by=people.na_officer,
        done_on=D(2017, 5, 10),
    )
    timeline = record_timeline(about=na_agreement, user=people.na_viewer)
    sources = [entry.source for entry in timeline]
    assert sources[-1] == "signing_steps"  # 10/05/2017
    assert set(sources) == {"signing_steps", "delegations", "meetings", "support", "commitments"}
    assert [e.date for e in timeline] == sorted((e.date for e in timeline), reverse=True)
    assert any("50.000.000" in e.title for e in timeline)


def test_the_timeline_only_shows_what_the_user_may_see(people, tree, na_agreement, xieng_khoang):
    # A Hà Nội delegation pointing at the Nghệ An agreement stays invisible to Nghệ An.
    Delegation.objects.create(
        owner_unit=tree.ha_noi,
        direction="outgoing",
        title="Đoàn Hà Nội",
        start_on=D(2023, 1, 1),
        end_on=D(2023, 1, 5),
        agreement=na_agreement,
    )
    titles = [entry.title for entry in record_timeline(about=na_agreement, user=people.na_officer)]
    assert not any("Đoàn Hà Nội" in t for t in titles)
    assert any(
        "Đoàn Hà Nội" in t
        for t in (e.title for e in record_timeline(about=na_agreement, user=people.vgcl_leader))
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_detail_page_timeline_does_not_issue_a_query_per_row(
    client, people, tree, na_agreement, xieng_khoang
):
    login(client, people.na_officer)
    make_story(people, tree, na_agreement, xieng_khoang, n=2)
    few = count_queries(client, na_agreement.get_absolute_url())
    make_story(people, tree, na_agreement, xieng_khoang, n=6)
    assert count_queries(client, na_agreement.get_absolute_url()) <= few


def test_the_agreement_list_does_not_issue_a_query_per_row(client, people, tree, xieng_khoang):
    def add(n):
        for i in range(n):
            agreement = services.agreement_create(
                by=people.na_officer,
                owner_unit=tree.nghe_an,
                partners=[xieng_khoang],
                title=f"Thỏa thuận {i}",
                agreement_type="memorandum",
                signed_on=D(2020, 1, 1),
            )
            services.commitment_create(
                by=people.na_officer, agreement=agreement, description="X", due_year=2020
            )

    login(client, people.na_officer)
    add(3)
    few = count_queries(client, reverse("agreements:list"))
    add(9)
    assert count_queries(client, reverse("agreements:list")) <= few


def test_the_commitment_list_does_not_issue_a_query_per_row(client, people, tree, na_agreement):
    def add(n):
        phase = services.phase_save(
            agreement=na_agreement, by=people.na_officer, name="P", start_year=2022, end_year=2024
        )
        for i in range(n):
            services.commitment_create(
                by=people.na_officer,
                agreement=na_agreement,
                phase=phase,
                description=f"Cam kết {i}",
                responsible_unit=tree.ky_son,
                due_year=2024,
            )

    login(client, people.na_officer)
    add(3)
    few = count_queries(client, reverse("agreements:commitment_list"))
    add(9)
    assert count_queries(client, reverse("agreements:commitment_list")) <= few


def test_the_commitment_list_has_no_due_year_chosen_by_default(client, people, na_agreement):
    services.commitment_create(
        by=people.na_officer, agreement=na_agreement, description="Năm 2019", due_year=2019
    )
    login(client, people.na_viewer)
    page = client.get(reverse("agreements:commitment_list")).content.decode()
    years = page.split('name="due_year"')[1].split("</select>")[0]
    assert '<option value="" selected>' in years and 'value="2019"' in years
    assert "Năm 2019" in client.get(reverse("agreements:commitment_list") + "?due_year=").content.decode()
