"""The one timeline: one entry type, one template, its rows declared by each record app.

The partner page and the agreement page show it; a sibling unit's records
never appear; the newest entries come first, capped, with a link to older ones.
"""

import ast
import datetime
import pathlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.accounts.testing import PASSWORD
from solidarity.agreements.models import Agreement, Commitment
from solidarity.delegations.models import Delegation
from solidarity.meetings.models import Meeting
from solidarity.partners.models import Partner
from solidarity.records import timeline as timeline_module
from solidarity.records.timeline import PAGE, record_timeline
from solidarity.support.models import Support

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def partner(tree):
    return Partner.objects.create(
        name="Liên hiệp Công đoàn tỉnh Xiêng Khoảng", kind="regional_union", country="LA"
    )


@pytest.fixture
def agreement(tree, partner):
    agreement = Agreement.objects.create(
        owner_unit=tree.nghe_an,
        title="Biên bản hợp tác 2017",
        agreement_type="cooperation_agreement",
        signed_on=D(2017, 8, 18),
        status="in_force",
    )
    agreement.partners.add(partner)
    agreement.signing_steps.create(kind="signed", due_on=D(2017, 8, 1), done_on=D(2017, 8, 18))
    return agreement


def records_of(unit, *, partner, agreement, tag: str) -> None:
    """A delegation, a meeting, support and a commitment of ``unit``, all about the partner and agreement."""
    delegation = Delegation.objects.create(
        owner_unit=unit,
        direction="outgoing",
        title=f"Đoàn {tag}",
        start_on=D(2023, 4, 10),
        end_on=D(2023, 4, 14),
        agreement=agreement,
    )
    delegation.partners.add(partner)
    meeting = Meeting.objects.create(
        owner_unit=unit, kind="seminar", title=f"Tọa đàm {tag}", start_on=D(2024, 7, 29), agreement=agreement
    )
    meeting.partners.add(partner)
    Support.objects.create(
        owner_unit=unit,
        direction="given",
        partner=partner,
        given_on=D(2023, 4, 12),
        form="gifts",
        total_vnd=14_000_000,
        funding_source="union_budget",
        delegation=delegation,
    )
    Commitment.objects.create(
        owner_unit=unit, agreement=agreement, meeting=meeting, description=f"Cam kết {tag}", due_year=2025
    )


def timeline_html(response) -> str:
    html = response.content.decode()
    return html[html.index('<section id="timeline">') :].split("</section>")[0]


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_partner_page_and_the_agreement_page_render_the_one_timeline_template(
    client, people, tree, partner, agreement
):
    records_of(tree.nghe_an, partner=partner, agreement=agreement, tag="Nghệ An")
    login(client, people.na_officer)
    for page in (partner.get_absolute_url(), agreement.get_absolute_url()):
        response = client.get(page)
        used = [template.name for template in response.templates]
        assert used.count("includes/timeline.html") == 1, page
        assert not [name for name in used if name.endswith("_timeline.html")], page
        html = response.content.decode()
        assert 'data-testid="timeline"' in html
        for title in ("Đoàn Nghệ An", "Tọa đàm Nghệ An", "Cam kết Nghệ An", "14.000.000 ₫"):
            assert title in html, (page, title)
    # The signing steps are entries of the agreement's timeline too.
    assert "Signed by the competent head" in client.get(agreement.get_absolute_url()).content.decode()


def test_a_sibling_units_records_never_appear_on_the_partner_or_the_agreement_page(
    client, people, tree, partner, agreement
):
    records_of(tree.nghe_an, partner=partner, agreement=agreement, tag="Nghệ An")
    records_of(tree.ha_noi, partner=partner, agreement=agreement, tag="Hà Nội")

    login(client, people.na_officer)
    for page in (partner.get_absolute_url(), agreement.get_absolute_url()):
        html = timeline_html(client.get(page))
        assert "Đoàn Nghệ An" in html and "Cam kết Nghệ An" in html
        assert "Hà Nội" not in html, page

    client.logout()
    login(client, people.hn_officer)
    html = timeline_html(client.get(partner.get_absolute_url()))
    assert "Đoàn Hà Nội" in html and "Tọa đàm Hà Nội" in html and "Cam kết Hà Nội" in html
    assert "Nghệ An" not in html
    assert client.get(agreement.get_absolute_url()).status_code == 404


def test_the_timeline_shows_the_newest_entries_and_a_link_to_older_ones_in_the_same_queries(
    client, people, tree, partner
):
    for day in range(PAGE + 5):
        delegation = Delegation.objects.create(
            owner_unit=tree.nghe_an,
            direction="incoming",
            title=f"Đoàn số {day:03d}",
            start_on=D(2020, 1, 1) + datetime.timedelta(days=day),
            end_on=D(2020, 1, 1) + datetime.timedelta(days=day),
        )
        delegation.partners.add(partner)
    login(client, people.na_officer)

    with CaptureQueriesContext(connection) as first:
        response = client.get(partner.get_absolute_url())
    html = response.content.decode()
    assert f"Đoàn số {PAGE + 4:03d}" in html and "Đoàn số 005" in html
    assert "Đoàn số 004" not in html  # the oldest five wait behind the link
    older = response.context["timeline"].next_cursor
    assert str(older).startswith("2020-01-06.delegations.")
    assert f'href="?timeline={older}#timeline"' in html and "Show older entries" in html

    with CaptureQueriesContext(connection) as more:
        html = timeline_html(client.get(partner.get_absolute_url(), {"timeline": str(older)}))
    # The next page: only the older entries, and a way back to the newest.
    assert "Đoàn số 000" in html and "Đoàn số 004" in html and "Đoàn số 005" not in html
    assert "Show older entries" not in html and "Newest entries" in html
    assert len(more.captured_queries) == len(first.captured_queries)
    # Nonsense asks for the first page.
    for nonsense in ("x", "100", "2020-01-06.nowhere.1", "2020-13-01.delegations.1", "a.b.c"):
        html = client.get(partner.get_absolute_url(), {"timeline": nonsense}).content.decode()
        assert "Đoàn số 004" not in html and f"Đoàn số {PAGE + 4:03d}" in html, nonsense


@pytest.mark.parametrize("reader", ["na_officer", "vgcl_leader"])  # a scope, and every unit
def test_older_pages_of_the_timeline_cost_the_same_queries_and_skip_no_entry_of_the_same_day(
    people, tree, partner, agreement, reader
):
    """GIVEN entries of several sources on the same days
    WHEN the timeline is read a page at a time
    THEN the pages together are the whole timeline, each entry once, in the same order."""
    for n in range(7):
        records_of(tree.nghe_an, partner=partner, agreement=agreement, tag=f"số {n}")
    with CaptureQueriesContext(connection) as all_queries:
        everything = record_timeline(about=partner, user=getattr(people, reader), limit=1000)
    assert len(everything) == 1 + 7 * 4 and not everything.has_more
    for size in (1, 2, 3, 5):
        seen, after, queries = [], None, set()
        while True:
            with CaptureQueriesContext(connection) as page_queries:
                page = record_timeline(about=partner, user=getattr(people, reader), limit=size, after=after)
            queries.add(len(page_queries.captured_queries))
            seen += [(entry.source, entry.title, entry.date) for entry in page]
            if not page.has_more:
                break
            after = page.next_cursor
        assert seen == [(entry.source, entry.title, entry.date) for entry in everything], size
        # One narrow query per path, one read of the rows shown per source: never more, however far.
        assert max(queries) <= len(all_queries.captured_queries), size


def test_a_commitment_due_in_a_year_stands_at_that_years_end_when_the_newest_are_chosen(
    people, tree, partner, agreement
):
    # The database picks each source's newest rows: a commitment with only a
    # due year must be ranked by 31/12 of that year there too, not last.
    Commitment.objects.create(
        owner_unit=tree.nghe_an, agreement=agreement, description="Trong năm 2030", due_year=2030
    )
    Commitment.objects.create(
        owner_unit=tree.nghe_an, agreement=agreement, description="Ngày 1/6/2030", due_on=D(2030, 6, 1)
    )
    Commitment.objects.create(owner_unit=tree.nghe_an, agreement=agreement, description="Không có hạn")
    newest = record_timeline(about=agreement, user=people.na_officer, limit=1)
    assert [(e.title, e.date) for e in newest] == [("Trong năm 2030", D(2030, 12, 31))]
    assert newest.has_more
    everything = record_timeline(about=partner, user=people.na_officer)
    assert [e.title for e in everything][:3] == ["Trong năm 2030", "Ngày 1/6/2030", "Biên bản hợp tác 2017"]
    assert "Không có hạn" not in [e.title for e in everything]


def test_each_record_app_declares_its_timeline_sources():
    declared = {source.name: set(source.about) for source in timeline_module._sources}
    assert declared == {
        "agreements": {"partners.Partner"},
        "signing_steps": {"agreements.Agreement"},
        "commitments": {"partners.Partner", "agreements.Agreement"},
        "delegations": {"partners.Partner", "agreements.Agreement"},
        "meetings": {"partners.Partner", "agreements.Agreement"},
        "support": {"partners.Partner", "agreements.Agreement"},
    }


def test_the_records_layer_imports_no_app_above_it():
    above = ("partners", "contacts", "agreements", "delegations", "meetings", "support", "home", "demo")
    records = pathlib.Path(timeline_module.__file__).parent
    for path in records.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                assert not any(name.startswith(f"solidarity.{app}") for app in above), (path.name, name)
