"""The pages of period reports: scoped (404 outside), thin, and bounded in queries."""

import datetime

import pytest
from django.urls import reverse

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import PASSWORD, add_child, make_user
from solidarity.periodic import services
from solidarity.periodic.choices import PeriodKind, ReportState
from solidarity.periodic.models import PeriodicReport
from solidarity.units.choices import UnitKind, UnitLevel

from .helpers import at

pytestmark = pytest.mark.django_db
ANNUAL = PeriodKind.ANNUAL


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def submitted(unit, by, day=datetime.date(2025, 12, 16), **texts):
    report = services.periodic_prepare(by=by, unit=unit, kind=ANNUAL, year=2025)
    report = services.periodic_update(
        report=report, by=by, expected_version=report.version, **({"results": "Kết quả."} | texts)
    )
    with at(day):
        return services.periodic_submit(report=report, by=by)


def test_the_officer_prepares_writes_and_submits(client, tree, people):
    login(client, people.na_officer)
    page = client.get(reverse("periodic:list"))
    assert page.status_code == 200 and b"Prepare the report for" in page.content
    response = client.post(
        reverse("periodic:prepare"), {"unit": tree.nghe_an.pk, "kind": ANNUAL, "year": 2025}
    )
    report = PeriodicReport.objects.get(owner_unit=tree.nghe_an)
    assert response.url == reverse("periodic:edit", args=[report.pk])
    edit = client.get(response.url)
    assert edit.status_code == 200 and b'data-figure="delegations_out"' in edit.content  # the live figures
    client.post(
        response.url,
        {
            "version": report.version,
            "results": "Hợp tác với Xiêng Khoảng.",
            "difficulties": "",
            "proposals": "Quy chế quỹ.",
            "signer_authority": "TM. BAN THƯỜNG VỤ",
            "signer_title": "Chủ tịch",
            "signer_name": "Kha Văn Tám",
            "recipients": "",
        },
    )
    report.refresh_from_db()
    assert report.proposals == "Quy chế quỹ."
    client.post(reverse("periodic:act", args=[report.pk, "submit"]), {"comment": ""})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.number.endswith("/BC-LĐLĐ")


def test_the_leader_above_accepts_and_returns_with_a_comment(client, tree, people):
    report = submitted(tree.nghe_an, people.na_officer)
    login(client, people.vgcl_leader)
    detail = client.get(report.get_absolute_url())
    assert b'data-action="approve"' in detail.content and b'data-action="return"' in detail.content
    client.post(reverse("periodic:act", args=[report.pk, "return"]), {"comment": ""})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED  # no comment, no return
    client.post(reverse("periodic:act", args=[report.pk, "approve"]), {"comment": ""})
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED


def test_the_officer_gets_no_decision_buttons(client, tree, people):
    report = submitted(tree.nghe_an, people.na_officer)
    login(client, people.na_leader)
    detail = client.get(report.get_absolute_url())
    assert b'data-action="approve"' not in detail.content
    client.post(reverse("periodic:act", args=[report.pk, "approve"]), {"comment": ""})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


@pytest.mark.parametrize("page", ["detail", "edit", "docx"])
def test_a_sibling_never_sees_another_units_report(client, tree, people, page):
    report = submitted(tree.nghe_an, people.na_officer)
    login(client, people.hn_officer)
    assert client.get(reverse(f"periodic:{page}", args=[report.pk])).status_code == 404
    assert client.post(reverse("periodic:act", args=[report.pk, "approve"])).status_code == 404
    assert client.get(reverse("periodic:status") + f"?unit={tree.nghe_an.pk}").status_code == 404
    listing = client.get(reverse("periodic:list"))
    assert report.number.encode() not in listing.content


def test_the_download_is_the_official_word_report(client, tree, people):
    report = submitted(tree.nghe_an, people.na_officer, proposals="Đề nghị tập huấn.")
    login(client, people.vgcl_leader)
    response = client.get(reverse("periodic:docx", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "BÁO CÁO" in text and "Đề nghị tập huấn." in text
    tables = Document(io.BytesIO(response.content)).tables
    assert f"Số: {report.number}" in tables[0].cell(0, 0).text


def test_the_edit_page_offers_the_childrens_texts_to_quote(client, tree, people):
    ks_officer = make_user("ks_officer", (tree.ky_son, Role.OFFICER))
    child = submitted(tree.ky_son, ks_officer, proposals="Tập huấn ngoại ngữ.")
    mine = services.periodic_prepare(by=people.na_officer, unit=tree.nghe_an, kind=ANNUAL, year=2025)
    login(client, people.na_officer)
    page = client.get(reverse("periodic:edit", args=[mine.pk]))
    assert "Tập huấn ngoại ngữ.".encode() in page.content
    client.post(reverse("periodic:quote", args=[mine.pk]), {"source": child.pk, "field": "proposals"})
    mine.refresh_from_db()
    assert mine.proposals.endswith("Tập huấn ngoại ngữ.")


def test_the_status_page_pages_the_children_in_a_bounded_number_of_queries(
    client, tree, people, settings, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 5
    for index in range(12):
        add_child(
            tree.vgcl,
            name=f"LĐLĐ tỉnh {index}",
            code=f"P{index}",
            level=UnitLevel.PROVINCE_SECTOR,
            kind=UnitKind.PROVINCIAL_FEDERATION,
        )
    submitted(tree.nghe_an, people.na_officer)
    submitted(tree.ha_noi, people.hn_officer, day=datetime.date(2026, 1, 3))
    login(client, people.vgcl_leader)
    url = reverse("periodic:status") + f"?unit={tree.vgcl.pk}&kind={ANNUAL}&year=2025"
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    content = response.content.decode()
    assert 'data-testid="tree-status"' in content  # a national user sees the whole tree
    assert content.count("<tr data-unit=") == 5
    assert "Submitted late" in content and "Submitted on time" in content
    with django_assert_max_num_queries(20):
        client.get(url + "&page=3")


def test_a_province_sees_its_children_but_not_the_whole_tree(client, tree, people):
    login(client, people.na_leader)
    response = client.get(reverse("periodic:status") + f"?kind={ANNUAL}&year=2025")
    content = response.content.decode()
    assert 'data-unit="NA-KS"' in content and 'data-unit="HN"' not in content
    assert 'data-testid="tree-status"' not in content


def test_the_home_page_shows_the_reporting_panel(client, tree, people):
    login(client, people.vgcl_leader)
    response = client.get("/")
    assert b'data-testid="home-reporting"' in response.content
    assert b'data-testid="home-children-rate"' in response.content
