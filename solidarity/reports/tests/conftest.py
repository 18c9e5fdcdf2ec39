import datetime

import pytest

from solidarity.agreements import services as agreements
from solidarity.agreements.choices import AgreementStatus, AgreementType
from solidarity.figures.services import deferred as figures_deferred
from solidarity.figures.tests.helpers import delegation
from solidarity.meetings import services as meetings
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner
from solidarity.support import services as support

D = datetime.date


def migrant_cases(people, tree):
    """Migrant workers' cases. 2025 in Nghệ An: 2 opened (Nghệ An's, Kỳ Sơn's closed in April), 2
    closed (Kỳ Sơn's, and Vinh Phú's of 2024 closed in December), 2 open at the end (Nghệ An's and
    Vinh Phú's other 2024 case), an archived one that never counts; Hà Nội: 1 opened."""
    from solidarity.migrants import services as migrants

    def case(by, unit, **fields):
        return migrants.migrantcase_create(by=by, owner_unit=unit, **fields)

    na = people.na_officer
    case(
        na,
        tree.nghe_an,
        country="LA",
        sector="construction",
        situation="unpaid_wages",
        opened_on=D(2025, 3, 2),
    )
    case(
        na,
        tree.ky_son,
        country="LA",
        sector="agriculture",
        situation="accident",
        opened_on=D(2025, 1, 10),
        status="closed",
        closed_on=D(2025, 4, 20),
    )
    case(na, tree.vinh, country="TH", sector="construction", situation="illness", opened_on=D(2024, 11, 5))
    case(
        na,
        tree.vinh,
        country="LA",
        sector="services",
        situation="lost_papers",
        opened_on=D(2024, 6, 1),
        status="closed",
        closed_on=D(2025, 12, 20),
    )
    gone = case(na, tree.nghe_an, country="LA", sector="mining", situation="other", opened_on=D(2025, 5, 1))
    migrants.migrantcase_archive(migrantcase=gone, by=na)
    case(
        people.hn_officer,
        tree.ha_noi,
        country="LA",
        sector="mining",
        situation="other",
        opened_on=D(2025, 2, 1),
    )


@pytest.fixture
def laos(db):
    return Partner.objects.create(name="LHCĐ Xiêng Khoảng", kind=PartnerKind.REGIONAL_UNION, country="LA")


def give(by, unit, partner, day, amount, form="cash", direction="given"):
    return support.support_create(
        by=by,
        owner_unit=unit,
        direction=direction,
        partner=partner,
        given_on=day,
        form=form,
        funding_source="union_budget",
        total_vnd=amount,
    )


@pytest.fixture
def records(people, tree, laos):
    """Nghệ An's 2025 (and a little of 2024), written as its officers write them; Hà Nội's beside it.

    2025: Nghệ An 1 outgoing to Laos (2 people), Kỳ Sơn 1 outgoing to Thailand (3), Vinh Phú 1
    incoming from Laos (4 guests), a draft that does not count, an attended meeting in Vinh Phú,
    50 million đồng given in cash and 20 million in equipment, Vinh Phú's agreement signed in April
    with a commitment done, one open (overdue) and one cancelled. 2024: 1 outgoing (5 people).
    Hà Nội: 1 outgoing in 2025 (7 people) and 99 million given.
    """
    # The figures are brought up to date once, at the end, as a bulk import does: the same rows,
    # without a sync after every write (most of this fixture's cost, and ~90 tests use it).
    with figures_deferred():
        officer = people.na_officer
        delegation(officer, tree.nghe_an, start=D(2025, 3, 10), members=2, countries=("LA",))
        delegation(officer, tree.ky_son, start=D(2025, 5, 2), members=3, countries=("TH",))
        delegation(
            officer, tree.vinh, start=D(2025, 8, 4), members=4, countries=("LA",), direction="incoming"
        )
        delegation(officer, tree.nghe_an, start=D(2025, 9, 1), members=6, approve=False)
        delegation(officer, tree.nghe_an, start=D(2024, 4, 1), members=5)
        meetings.meeting_create(
            by=officer,
            owner_unit=tree.vinh,
            kind="seminar",
            title="Hội thảo ASEAN",
            start_on=D(2025, 6, 2),
            place="Viêng Chăn",
            hosted=False,
            is_international=True,
            domestic_participants=3,
            foreign_participants=40,
        )
        agreement = agreements.agreement_create(
            by=officer,
            owner_unit=tree.vinh,
            partners=[laos],
            title="Biên bản hợp tác Vinh Phú – Xiêng Khoảng",
            agreement_type=AgreementType.COOPERATION_AGREEMENT,
            status=AgreementStatus.IN_FORCE,
            signed_on=D(2025, 4, 1),
            valid_from=D(2025, 4, 1),
            valid_to=D(2026, 3, 31),
            is_international_agreement=False,
        )
        for due, status in (
            (D(2025, 5, 1), "done"),
            (D(2025, 6, 1), "planned"),
            (D(2025, 7, 1), "cancelled"),
        ):
            agreements.commitment_create(
                by=officer, agreement=agreement, description="Trao đổi đoàn", due_on=due, status=status
            )
        give(officer, tree.nghe_an, laos, D(2025, 2, 1), 50_000_000)
        give(officer, tree.nghe_an, laos, D(2025, 2, 1), 20_000_000, form="equipment")
        delegation(people.hn_officer, tree.ha_noi, start=D(2025, 3, 10), members=7, countries=("LA",))
        give(people.hn_officer, tree.ha_noi, laos, D(2025, 2, 1), 99_000_000)
        migrant_cases(people, tree)


@pytest.fixture
def plans(records, people, tree):
    """The 2025 plans: Nghệ An's (three activities: one carried out by a delegation, one dropped,
    a training still open; 100 million from the union budget), Vinh Phú's (one activity, open),
    Kỳ Sơn's still a draft; Hà Nội's beside them. A meeting and support given carry out nothing."""
    from solidarity.plans import services as plans
    from solidarity.plans.choices import PlanItemKind
    from solidarity.plans.tests.factories import approved_plan, draft_plan

    items = (
        ("Đoàn sang Xiêng Khoảng", PlanItemKind.OUTGOING),
        ("Đoàn sang Thái Lan", PlanItemKind.OUTGOING),
        ("Tập huấn đối ngoại", PlanItemKind.TRAINING),
    )
    nghe_an = approved_plan(people.na_officer, people.vgcl_leader, tree.nghe_an, items=items)
    going, dropped, _training = nghe_an.items.order_by("pk")
    delegation(people.na_officer, tree.nghe_an, start=D(2025, 10, 1), members=2, plan_item=going)
    plans.plan_item_drop(item=dropped, by=people.na_officer, reason="Đối tác hoãn")
    approved_plan(
        people.na_officer,
        people.na_leader,
        tree.vinh,
        items=(("Đón đoàn Lào", PlanItemKind.INCOMING),),
        budget={"union_budget": 20_000_000, "partner": 5_000_000},
    )
    draft_plan(people.na_officer, tree.ky_son)
    approved_plan(people.hn_officer, people.vgcl_leader, tree.ha_noi)
    return nghe_an
