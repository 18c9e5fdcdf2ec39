"""Writes go through the services: the record back, 400 with field messages, 409 with the differences."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.delegations.models import Delegation
from solidarity.delegations.tests.factories import make_delegation
from solidarity.records.workflow import ApprovalState
from solidarity.support.models import Support

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def new_delegation(unit, **changes):
    return {
        "owner_unit": unit.pk,
        "direction": "outgoing",
        "title": "Đoàn Nghệ An sang Lào",
        "purpose": "Trao đổi kinh nghiệm",
        "countries": ["LA"],
        "start_on": "2025-03-10",
        "end_on": "2025-03-15",
        "out_of_plan_reason": "Lời mời đột xuất của đối tác",
        **changes,
    }


def test_an_officer_records_a_delegation_and_its_lines_then_submits_it(tree, people, client_for, records):
    api = client_for(people.na_officer)
    created = api.post(
        "/api/delegations/", new_delegation(tree.nghe_an, partners=[records.partner.pk]), format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["state"], body["version"], body["partners"]) == ("draft", 1, [records.partner.pk])
    url = f"/api/delegations/{body['id']}/"

    member = api.post(url + "members/", {"full_name": "Kha Văn Tám", "unit": tree.nghe_an.pk}, format="json")
    assert member.status_code == 201, member.content
    assert (
        api.post(url + "programme/", {"day": "2025-03-11", "activity": "Hội đàm"}, format="json").status_code
        == 201
    )
    cost = api.post(
        url + "costs/", {"kind": "estimated", "source": "union_budget", "amount": "30000000"}, format="json"
    )
    assert cost.status_code == 201, cost.content
    assert cost.json()["amount_vnd"] == 30_000_000

    detail = api.get(url).json()
    assert [m["full_name"] for m in detail["members"]] == ["Kha Văn Tám"]
    assert api.post(url + "actions/submit/", {}, format="json").json()["state"] == "submitted"
    # Submitted: frozen until the leaders decide.
    refused = api.delete(url + f"members/{member.json()['id']}/")
    assert refused.status_code == 400
    assert Delegation.objects.get(pk=body["id"]).members.count() == 1


def test_a_line_is_removed_and_one_of_another_record_is_not_found(tree, people, client_for):
    api = client_for(people.na_officer)
    mine = make_delegation(tree.nghe_an, complete_it=True)
    other = make_delegation(tree.nghe_an, complete_it=True)
    cost = other.costs.get()
    assert api.delete(f"/api/delegations/{mine.pk}/costs/{cost.pk}/").status_code == 404
    assert api.delete(f"/api/delegations/{other.pk}/costs/{cost.pk}/").status_code == 204
    assert not other.costs.exists()


def test_bad_input_is_a_400_with_vietnamese_field_messages_and_nothing_written(tree, people, client_for):
    api = client_for(people.na_officer, language="vi")
    response = api.post(
        "/api/delegations/",
        new_delegation(tree.nghe_an, start_on="2025-03-15", end_on="2025-03-10"),
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"end_on": ["Ngày kết thúc đang trước ngày bắt đầu."]}
    assert not Delegation.objects.exists()


def test_vietnamese_is_the_default_and_accept_language_chooses_english(tree, people, client_for, settings):
    settings.LANGUAGE_CODE = "vi"
    data = new_delegation(tree.nghe_an, title="  ")
    vi = client_for(people.na_officer, language="").post("/api/delegations/", data, format="json")
    en = client_for(people.na_officer, language="en-US,en;q=0.9").post(
        "/api/delegations/", data, format="json"
    )
    assert vi.status_code == en.status_code == 400
    assert vi.json()["title"] != en.json()["title"]
    assert "title" in en.json()


def test_a_stale_version_is_a_409_with_the_differences(tree, people, client_for):
    delegation = make_delegation(tree.nghe_an, title="Đoàn cũ")
    api = client_for(people.na_officer)
    first = api.patch(
        f"/api/delegations/{delegation.pk}/", {"version": 1, "title": "Đoàn của chị Lan"}, format="json"
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    stale = api.patch(
        f"/api/delegations/{delegation.pk}/", {"version": 1, "title": "Đoàn của anh Minh"}, format="json"
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["version"] == 2
    assert body["changes"] == [
        {"field": "name of the delegation", "theirs": "Đoàn của chị Lan", "yours": "Đoàn của anh Minh"}
    ]
    assert Delegation.objects.get(pk=delegation.pk).title == "Đoàn của chị Lan"


def test_a_change_without_the_version_read_is_refused(tree, people, client_for):
    delegation = make_delegation(tree.nghe_an)
    response = client_for(people.na_officer).patch(
        f"/api/delegations/{delegation.pk}/", {"title": "X"}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()


def test_a_patch_changes_only_what_it_sends(tree, people, client_for, records):
    support = records.support
    api = client_for(people.na_officer)
    response = api.patch(
        f"/api/support/{support.pk}/", {"version": support.version, "description": "Laptops"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["description"] == "Laptops"
    assert [(i["description"], i["value_vnd"]) for i in body["items"]] == [("Máy tính xách tay", 45_000_000)]
    items = [*body["items"], {"description": "Quà Bun Pi May", "quantity": 1, "value_vnd": 5_000_000}]
    response = api.patch(
        f"/api/support/{support.pk}/", {"version": body["version"], "items": items}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Support.objects.get(pk=support.pk).total_vnd == 50_000_000


def test_agreements_phases_and_commitments(tree, people, client_for, records):
    api = client_for(people.na_officer)
    agreement = records.agreement
    phase = api.post(
        f"/api/agreements/{agreement.pk}/phases/",
        {"name": "2025–2027", "start_year": 2025, "end_year": 2027},
        format="json",
    )
    assert phase.status_code == 201, phase.content
    commitment = api.post(
        "/api/commitments/",
        {
            "agreement": agreement.pk,
            "description": "Tập huấn",
            "due_on": "2025-06-01",
            "phase": phase.json()["id"],
        },
        format="json",
    )
    assert commitment.status_code == 201, commitment.content
    done = api.patch(
        f"/api/commitments/{commitment.json()['id']}/", {"version": 1, "status": "done"}, format="json"
    )
    assert done.status_code == 200, done.content
    assert done.json()["done_on"] is not None
    archived = api.post(f"/api/agreements/{agreement.pk}/archive/")
    assert archived.status_code == 200
    assert archived.json()["archived_at"] is not None
    assert api.post(f"/api/agreements/{agreement.pk}/restore/").json()["archived_at"] is None


def test_a_hosted_meeting_goes_through_approval(tree, people, client_for, records):
    meeting = records.meeting
    officer = client_for(people.na_officer)
    refused = officer.post(f"/api/meetings/{meeting.pk}/actions/submit/", {}, format="json")
    assert refused.status_code == 400  # not complete yet: the service says what is missing
    assert refused.json()["non_field_errors"]


def test_an_unknown_action_is_not_found(records, people, client_for):
    assert (
        client_for(people.na_officer)
        .post(f"/api/delegations/{records.delegation.pk}/actions/fly/")
        .status_code
        == 404
    )


def test_the_post_trip_report_is_filed_with_its_file_and_the_file_downloads(
    tree, people, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    delegation = make_delegation(
        tree.nghe_an, complete_it=True, state=ApprovalState.CARRIED_OUT, start=datetime.date(2025, 3, 10)
    )
    api = client_for(people.na_officer)
    response = api.post(
        f"/api/delegations/{delegation.pk}/actions/file_report/",
        {"report_text": "Đoàn đã hoàn thành chương trình.", "file": SimpleUploadedFile("bao-cao.pdf", PDF)},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "reported"
    files = api.get(f"/api/delegations/{delegation.pk}/attachments/").json()
    assert [(f["original_name"], f["content_kind"]) for f in files] == [("bao-cao.pdf", "pdf")]
    meta = api.get(f"/api/attachments/{files[0]['id']}/")
    assert meta.json()["record_id"] == delegation.pk
    download = api.get(f"/api/attachments/{files[0]['id']}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"

    sibling = client_for(people.hn_officer)
    assert sibling.get(f"/api/attachments/{files[0]['id']}/").status_code == 404
    assert sibling.get(f"/api/attachments/{files[0]['id']}/download/").status_code == 404


def test_an_upload_is_checked_by_its_bytes(tree, people, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    delegation = make_delegation(tree.nghe_an)
    response = client_for(people.na_officer).post(
        f"/api/delegations/{delegation.pk}/attachments/",
        {"file": SimpleUploadedFile("trang.pdf", b"<html><script>alert(1)</script></html>")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


def test_the_report_figures_as_json(records, people, client_for, tree):
    api = client_for(people.na_officer)
    body = api.get(
        "/api/reports/",
        {"unit": tree.nghe_an.pk, "kind": "range", "start": "2023-01-01", "end": "2023-12-31"},
    ).json()
    assert body["unit_id"] == tree.nghe_an.pk
    support = next(f for f in body["figures"] if f["indicator"] == "support_given_vnd")
    assert support["value"] == 45_000_000
    assert client_for(people.hn_officer).get("/api/reports/", {"unit": tree.nghe_an.pk}).status_code == 404
    bad = api.get("/api/reports/", {"kind": "range", "start": "2023-12-31", "end": "2023-01-01"})
    assert bad.status_code == 400


def test_the_history_names_the_tokens_user_as_the_author(tree, people, client_for):
    api = client_for(people.na_officer)
    created = api.post("/api/delegations/", new_delegation(tree.nghe_an), format="json").json()
    api.patch(f"/api/delegations/{created['id']}/", {"version": 1, "title": "Đoàn mới"}, format="json")
    authors = Delegation.history.filter(id=created["id"]).values_list("history_user_id", flat=True)
    assert set(authors) == {people.na_officer.pk}
