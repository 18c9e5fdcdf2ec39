"""Every list page at scale: a fixed number of queries, counts capped, and its scope read through an index.

The lists are delegations, meetings, support, agreements, commitments,
partners, contacts, foreign-affairs officers and trainings, sponsorship
projects, social funds and their entries, migrant workers' cases, the units tree and its search, and
the users' list.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.accounts.choices import Role
from solidarity.accounts.testing import add_child, make_user
from solidarity.agreements.models import Agreement, Commitment
from solidarity.contacts.models import Contact
from solidarity.delegations.models import Delegation, Member
from solidarity.funds.models import Fund, FundEntry
from solidarity.meetings.models import Meeting
from solidarity.migrants.models import MigrantCase
from solidarity.partners.models import Partner, PartnerLink
from solidarity.sponsorship.models import Disbursement, Project
from solidarity.staff.models import Officer, OfficerLanguage, Training
from solidarity.support.models import Support
from solidarity.units.choices import UnitKind, UnitLevel

D = datetime.date

# (page, URL name, query string, the persona who looks, the text of a capped count)
LIST_PAGES = [
    ("delegations", "delegations:list", "", "na_officer", "More than 2 delegations"),
    ("meetings", "meetings:list", "", "na_officer", "More than 2 meetings"),
    ("support", "support:list", "", "na_officer", "More than 2 records"),
    ("agreements", "agreements:list", "", "na_officer", "More than 2 agreements"),
    ("commitments", "agreements:commitment_list", "", "na_officer", "More than 2 commitments"),
    ("partners", "partners:list", "", "na_officer", "More than 2 partners"),
    ("contacts", "contacts:list", "", "na_officer", "More than 2 contacts"),
    ("officers", "staff:officer_list", "", "na_officer", "More than 2 officers"),
    ("trainings", "staff:training_list", "", "na_officer", "More than 2 trainings"),
    ("sponsorship", "sponsorship:list", "", "na_officer", "More than 2 projects"),
    ("funds", "funds:list", "", "na_officer", "More than 2 funds"),
    ("fund entries", "funds:entries", "", "na_officer", "More than 2 entries"),
    ("migrant cases", "migrants:list", "", "na_officer", "More than 2 cases"),
    ("units tree", "units:tree", "", "na_admin", None),
    ("units search", "units:tree", "q=truong", "na_admin", "More than 2 units found"),
    ("users", "accounts:user_list", "", "na_admin", "More than 2 users"),
]


def add_rows(tree, n: int, tag: str) -> None:
    """``n`` rows of every listed kind, in Nghệ An and below it, each with what its list row shows."""
    owners = [tree.nghe_an, tree.ky_son, tree.vinh, tree.school]
    for i in range(n):
        owner = owners[i % len(owners)]
        name = f"{tag}{i:03d}"
        partner = Partner.objects.create(name=f"Đối tác {name}", kind="regional_union", country="LA")
        PartnerLink.objects.create(partner=partner, unit=owner)
        Contact.objects.create(owner_unit=owner, partner=partner, full_name=f"Người {name}")
        agreement = Agreement.objects.create(
            owner_unit=owner,
            title=f"Thỏa thuận {name}",
            agreement_type="other",
            signed_on=D(2020, 1, 1 + i % 28),
        )
        agreement.partners.add(partner)
        Commitment.objects.create(owner_unit=owner, agreement=agreement, description=f"Cam kết {name}")
        meeting = Meeting.objects.create(
            owner_unit=owner, kind="seminar", title=f"Hội thảo {name}", start_on=D(2024, 7, 1 + i % 28)
        )
        meeting.partners.add(partner)
        Commitment.objects.create(
            owner_unit=owner, meeting=meeting, description=f"Theo dõi {name}", due_year=2030
        )
        delegation = Delegation.objects.create(
            owner_unit=owner,
            direction="incoming",
            title=f"Đoàn {name}",
            start_on=D(2023, 3, 1 + i % 28),
            end_on=D(2023, 3, 1 + i % 28),
        )
        delegation.partners.add(partner)
        Member.objects.create(delegation=delegation, full_name=f"Khách {name}", unit=owner)
        Support.objects.create(
            owner_unit=owner,
            partner=partner,
            direction="given",
            given_on=D(2023, 4, 1 + i % 28),
            form="gifts",
            total_vnd=1_000_000,
            funding_source="union_budget",
        )
        officer = Officer.objects.create(
            owner_unit=owner, full_name=f"Cán bộ đối ngoại {name}", employment="part_time", started_year=2020
        )
        OfficerLanguage.objects.create(officer=officer, language="lo", level="B1")
        OfficerLanguage.objects.create(officer=officer, language="en", level="A2")
        Training.objects.create(
            owner_unit=owner,
            title=f"Tập huấn {name}",
            starts_on=D(2025, 6, 1 + i % 28),
            ends_on=D(2025, 6, 1 + i % 28),
        )
        project = Project.objects.create(
            owner_unit=owner,
            title=f"Dự án {name}",
            donor=partner,
            start_on=D(2024, 1, 1 + i % 28),
            budget_amount=90_000_000,
            budget_vnd=90_000_000,
            received_vnd=1_000_000,
        )
        Disbursement.objects.create(
            project=project, received_on=D(2024, 2, 1), amount=1_000_000, amount_vnd=1_000_000
        )
        fund = Fund.objects.create(owner_unit=owner, name=f"Quỹ {name}", balance_vnd=1_000_000)
        FundEntry.objects.create(
            fund=fund,
            direction="income",
            entry_on=D(2025, 1, 1 + i % 28),
            source="members",
            amount_vnd=1_000_000,
        )
        MigrantCase.objects.create(
            owner_unit=owner,
            situation="unpaid_wages",
            opened_on=D(2025, 2, 1 + i % 28),
            full_name=f"Lao động {name}",
            id_number=f"0400{i:08d}",
        )
        make_user(f"user_{name}", (owner, Role.OFFICER), full_name=f"Cán bộ {name}")
        add_child(
            owner,
            name=f"Công đoàn Trường {name}",
            code=f"T-{name}",
            level=UnitLevel.GRASSROOTS,
            kind=UnitKind.GRASSROOTS_UNION,
        )


COUNTED = [page for page in LIST_PAGES if page[4]]


def url_of(name: str, query: str) -> str:
    return reverse(name) + (f"?{query}" if query else "")


def page_ids(pages):
    return [page[0] for page in pages]


@pytest.mark.parametrize("page,url_name,query,persona,capped", LIST_PAGES, ids=page_ids(LIST_PAGES))
def test_a_list_page_makes_as_many_queries_with_many_rows_as_with_a_few(
    client, people, tree, django_assert_max_num_queries, page, url_name, query, persona, capped
):
    """
    GIVEN a list page showing 4 rows of its kind
    WHEN 40 more are added (more than a page)
    THEN the page makes no more queries than before
    """
    client.force_login(getattr(people, persona))
    add_rows(tree, 4, "A")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url_of(url_name, query)).status_code == 200
    add_rows(tree, 40, "B")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url_of(url_name, query))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "page,url_name,query,persona,capped",
    [p for p in LIST_PAGES if p[4]],
    ids=page_ids(p for p in LIST_PAGES if p[4]),
)
def test_a_list_longer_than_the_cap_says_more_than_the_cap_and_pages_on(
    client, people, tree, settings, page, url_name, query, persona, capped
):
    settings.LIST_COUNT_CAP = 2
    settings.PAGE_SIZE = 2
    add_rows(tree, 5, "A")
    client.force_login(getattr(people, persona))
    html = client.get(url_of(url_name, query)).content.decode()
    assert capped in html
    assert "Page 1" in html and "Page 1 of" not in html
    assert "page=2" in html


@pytest.mark.parametrize(
    "page,url_name,query,persona,capped",
    [p for p in LIST_PAGES if p[4]],
    ids=page_ids(p for p in LIST_PAGES if p[4]),
)
def test_a_list_below_the_cap_gives_its_exact_count_and_its_number_of_pages(
    client, people, tree, settings, page, url_name, query, persona, capped
):
    settings.PAGE_SIZE = 2
    add_rows(tree, 5, "A")
    client.force_login(getattr(people, persona))
    response = client.get(url_of(url_name, query) + ("&" if query else "?") + "page=999")
    paginator = response.context["page_obj"].paginator
    assert not paginator.count_is_capped and paginator.count >= 5
    assert response.context["page_obj"].number == paginator.num_pages  # clamped to the last page
    html = response.content.decode()
    assert f"{paginator.count} " in html and f"of {paginator.num_pages}" in html


# --- the scope through an index ------------------------------------------------------------------

# (page, URL name, the table it lists)
RECORD_LISTS = [
    ("delegations", "delegations:list", "delegations_delegation"),
    ("meetings", "meetings:list", "meetings_meeting"),
    ("support", "support:list", "support_support"),
    ("agreements", "agreements:list", "agreements_agreement"),
    ("commitments", "agreements:commitment_list", "agreements_commitment"),
    ("contacts", "contacts:list", "contacts_contact"),
    ("officers", "staff:officer_list", "staff_officer"),
    ("trainings", "staff:training_list", "staff_training"),
    ("sponsorship", "sponsorship:list", "sponsorship_project"),
    ("funds", "funds:list", "funds_fund"),
    ("migrant cases", "migrants:list", "migrants_migrantcase"),
]


def plan_of(sql: str, params, *, sorting: bool = True) -> list[str]:
    """The plan's lines; on PostgreSQL with sequential scans (and sorts, if not ``sorting``) priced out,
    so that any index that serves is taken."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [row[-1] for row in cursor.fetchall()]
        cursor.execute("SET enable_seqscan = off")
        if not sorting:
            cursor.execute("SET enable_sort = off")
        try:
            cursor.execute("EXPLAIN " + sql, params)
            return [row[0] for row in cursor.fetchall()]
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")


def reads_whole_table(plan: list[str], table: str, *, ordered: bool = False) -> bool:
    """SQLite: ``SCAN table`` with no index, or (unless ``ordered``: walking an index in the page's
    order until the page is full) a scan of a whole index; PostgreSQL: a ``Seq Scan`` although scans are off.
    """
    if connection.vendor == "sqlite":
        return any(
            line == f"SCAN {table}" or (not ordered and line.startswith(f"SCAN {table} ")) for line in plan
        )
    return any(f"Seq Scan on {table}" in line for line in plan)


def check_plans(queries, table: str) -> None:
    for sql, params in queries:
        plan = plan_of(sql, params)
        assert not reads_whole_table(plan, table, ordered="ORDER BY" in sql), f"{sql}\n" + "\n".join(plan)


def sorts_rows(plan: list[str]) -> bool:
    """SQLite: a temporary B-tree for the ORDER BY; PostgreSQL: a Sort node although sorts are off."""
    if connection.vendor == "sqlite":
        return any("TEMP B-TREE FOR ORDER BY" in line for line in plan)
    return any(line.strip().startswith(("Sort ", "->  Sort ")) for line in plan)


def queries_on(client, url: str, table: str) -> list[tuple[str, list]]:
    """The SELECTs of the page at ``url`` that read ``table``, with their parameters."""
    seen = []

    def record(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(url).status_code == 200
    return [(sql, params) for sql, params in seen if f'FROM "{table}"' in sql and sql.startswith("SELECT")]


@pytest.mark.parametrize("persona", ["na_officer", "vinh_officer"], ids=["province", "lower unit"])
@pytest.mark.parametrize("page,url_name,table", RECORD_LISTS, ids=[page[0] for page in RECORD_LISTS])
def test_a_scoped_list_reads_its_scope_through_an_index(client, people, tree, persona, page, url_name, table):
    """Its count, the keys of its page and their rows: none reads the record table whole."""
    add_rows(tree, 4, "A")
    client.force_login(getattr(people, persona))
    queries = queries_on(client, reverse(url_name), table)
    assert len(queries) >= 3  # the count, the page's keys, their rows
    check_plans(queries, table)


@pytest.mark.parametrize("page,url_name,table", RECORD_LISTS, ids=[page[0] for page in RECORD_LISTS])
def test_a_national_list_reads_its_page_in_order_from_an_index(client, people, tree, page, url_name, table):
    """No scope to filter: the page's keys are read in the order of an index, not sorted from every row.

    (The count reads at most LIST_COUNT_CAP rows, from whatever the database finds cheapest.)
    """
    add_rows(tree, 4, "A")
    client.force_login(people.vgcl_leader)
    keys = [
        (sql, params) for sql, params in queries_on(client, reverse(url_name), table) if "ORDER BY" in sql
    ]
    assert keys
    for sql, params in keys:
        plan = plan_of(sql, params, sorting=False)
        assert not reads_whole_table(plan, table, ordered=True) and not sorts_rows(plan), (
            f"{sql}\n" + "\n".join(plan)
        )


@pytest.mark.parametrize("page,url_name,table", RECORD_LISTS, ids=[page[0] for page in RECORD_LISTS])
def test_a_list_filtered_by_a_unit_reads_that_subtree_through_an_index(
    client, people, tree, page, url_name, table
):
    add_rows(tree, 4, "A")
    client.force_login(people.vgcl_leader)
    field = "owner_unit" if page == "contacts" else "unit"
    queries = queries_on(client, f"{reverse(url_name)}?{field}={tree.nghe_an.pk}", table)
    assert any("path" in sql for sql, _params in queries)  # the filter applied
    check_plans(queries, table)


# --- a sibling unit's rows ----------------------------------------------------------------------

SCOPED_PAGES = [*RECORD_LISTS, ("fund entries", "funds:entries", "funds_fundentry")]


@pytest.mark.parametrize("page,url_name,table", SCOPED_PAGES, ids=[page[0] for page in SCOPED_PAGES])
def test_a_sibling_unit_lists_none_of_the_rows_and_exports_none(client, people, tree, page, url_name, table):
    """Every row is Nghệ An's or below it: Hà Nội's officer lists none, filtered or not, nor exports one."""
    add_rows(tree, 4, "A")
    client.force_login(people.hn_officer)
    field = "owner_unit" if page == "contacts" else "unit"
    for query in ("", f"{field}={tree.nghe_an.pk}"):
        response = client.get(url_of(url_name, query))
        assert response.status_code == 200
        assert not list(response.context["page_obj"]), query
    exported = client.get(url_of(url_name, "format=csv"))
    lines = b"".join(exported.streaming_content).decode("utf-8").splitlines()
    assert len(lines) == 1, "the headers only"
