"""Randomised writes, transitions, archives, moves and merges through the services: the figures
always equal a recount of the records."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from solidarity.agreements import services as agreements
from solidarity.agreements.models import Agreement, Commitment
from solidarity.delegations import services as delegations
from solidarity.delegations.models import Delegation
from solidarity.figures.models import Tally
from solidarity.figures.rebuild import check
from solidarity.meetings import services as meetings
from solidarity.meetings.models import Meeting
from solidarity.partners import services as partner_services
from solidarity.partners.choices import PartnerKind
from solidarity.records.base import EditConflict
from solidarity.support import services as support
from solidarity.support.models import Support
from solidarity.units import services as units
from solidarity.units.models import Unit

from .helpers import leader_of

pytestmark = pytest.mark.django_db

COUNTRIES = ["LA", "TH", "KH", "CN", "JP"]
KINDS = [PartnerKind.NATIONAL_CENTRE, PartnerKind.SECTORAL_UNION, PartnerKind.NGO]


def some_day(rng: random.Random) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=rng.randint(0, 900))


class Skip(Exception):
    """Nothing to take this step on yet."""


class Writer:
    """One random step at a time, as users would take them; refused steps are simply skipped."""

    def __init__(self, rng, tree, people, partners):
        self.rng, self.people, self.partners = rng, people, partners
        self.by = people.superuser  # may write for every unit; decisions go to the approver's leaders
        self.tree = tree

    def units(self):
        return list(Unit.objects.filter(valid_to__isnull=True).order_by("path"))

    def pick(self, model):
        rows = list((model.objects if hasattr(model, "objects") else model).order_by("pk"))
        if not rows:
            raise Skip
        return self.rng.choice(rows)

    # -- delegations --
    def new_delegation(self):
        start = some_day(self.rng)
        record = delegations.delegation_create(
            by=self.by,
            owner_unit=self.rng.choice(self.units()),
            direction=self.rng.choice(["outgoing", "incoming"]),
            title="Đoàn",
            purpose="Trao đổi",
            countries=self.rng.sample(COUNTRIES, self.rng.randint(0, 2)),
            start_on=start,
            end_on=start + datetime.timedelta(days=4),
            partners=self.rng.sample(self.partners, self.rng.randint(0, 2)),
            in_plan=self.rng.random() < 0.7,
            out_of_plan_reason="Phát sinh",
        )
        delegations.programme_item_add(delegation=record, by=self.by, day=start, activity="Hội đàm")
        delegations.cost_add(
            delegation=record, by=self.by, kind="estimated", source="union_budget", amount=Decimal(1_000_000)
        )
        delegations.member_add(delegation=record, by=self.by, full_name="Trưởng đoàn")

    def add_member(self):
        record = self.pick(Delegation)
        delegations.member_add(delegation=record, by=self.by, full_name=f"Người {self.rng.randint(1, 999)}")

    def remove_member(self):
        record = self.pick(Delegation)
        member = record.members.first()
        if member:
            delegations.member_remove(member=member, by=self.by)

    def add_cost(self):
        record = self.pick(Delegation)
        delegations.cost_add(
            delegation=record,
            by=self.by,
            kind=self.rng.choice(["estimated", "actual"]),
            source=self.rng.choice(["union_budget", "partner", "sponsor"]),
            amount=Decimal(self.rng.randint(1, 50) * 1_000_000),
        )

    def change_delegation(self):
        record = self.pick(Delegation)
        start = some_day(self.rng)
        delegations.delegation_update(
            delegation=record,
            by=self.by,
            expected_version=record.version,
            title=record.title,
            direction=record.direction,
            countries=self.rng.sample(COUNTRIES, self.rng.randint(0, 3)),
            start_on=start,
            end_on=start + datetime.timedelta(days=2),
            purpose=record.purpose,
            in_plan=self.rng.random() < 0.7,
            out_of_plan_reason="Phát sinh",
            partners=self.rng.sample(self.partners, self.rng.randint(0, 3)),
        )

    def step_delegation(self):
        record = self.pick(Delegation)
        possible = [a for a, sources in delegations.TRANSITIONS_FROM.items() if record.state in sources]
        if not possible:
            raise Skip
        action = self.rng.choice(possible)
        if action == "file_report":
            # On time or late: filed some days after the return.
            on = min(record.end_on + datetime.timedelta(days=self.rng.randint(0, 40)), timezone.localdate())
            delegations.delegation_file_report(delegation=record, by=self.by, report_text="Kết quả", on=on)
        elif action in ("submit", "withdraw", "carry_out"):
            delegations.ACTIONS[action](delegation=record, by=self.by, comment="Lý do")
        else:
            approver = leader_of(record.owner_unit.approver_unit())
            delegations.ACTIONS[action](delegation=record, by=approver, comment="Lý do")

    def archive_or_restore(self):
        model = self.rng.choice([Delegation, Meeting, Support, Agreement, Commitment])
        record = self.pick(model)
        from solidarity.records.base import record_archive, record_restore

        (record_restore if record.is_archived else record_archive)(record=record, by=self.by)

    # -- meetings, support, agreements --
    def new_meeting(self):
        meetings.meeting_create(
            by=self.by,
            owner_unit=self.rng.choice(self.units()),
            kind=self.rng.choice(["seminar", "conference", "forum"]),
            title="Hội thảo",
            hosted=self.rng.random() < 0.5,
            is_international=self.rng.random() < 0.8,
            start_on=some_day(self.rng),
            place="Vinh",
            country=self.rng.choice(["", "", *COUNTRIES]),
            partners=self.rng.sample(self.partners, self.rng.randint(0, 2)),
            topics="Lao động di cư",
            domestic_participants=self.rng.randint(1, 50),
            foreign_participants=self.rng.randint(1, 20),
        )

    def step_meeting(self):
        record = self.pick(Meeting)
        action = self.rng.choice(["submit", "approve", "return", "reject", "withdraw"])
        by = leader_of(record.owner_unit.approver_unit()) if action == "approve" else self.by
        meetings.meeting_take_action(meeting=record, action=action, by=by, comment="Lý do")

    def change_meeting(self):
        record = self.pick(Meeting)
        meetings.meeting_update(
            meeting=record,
            by=self.by,
            expected_version=record.version,
            fields={
                "foreign_participants": self.rng.randint(1, 30),
                "start_on": some_day(self.rng),
                "country": self.rng.choice(["", *COUNTRIES]),
                "partners": self.rng.sample(self.partners, self.rng.randint(0, 2)),
            },
        )

    def new_support(self):
        support.support_create(
            by=self.by,
            owner_unit=self.rng.choice(self.units()),
            direction=self.rng.choice(["given", "received"]),
            partner=self.rng.choice(self.partners),
            given_on=some_day(self.rng),
            form=self.rng.choice(["cash", "gifts", "equipment"]),
            funding_source=self.rng.choice(["union_budget", "partner"]),
            total_vnd=self.rng.randint(1, 90) * 1_000_000,
        )

    def change_support(self):
        record = self.pick(Support)
        support.support_update(
            support=record,
            by=self.by,
            expected_version=record.version,
            fields={
                "given_on": some_day(self.rng),
                "form": self.rng.choice(["cash", "gifts"]),
                "total_vnd": self.rng.randint(1, 90) * 1_000_000,
            },
        )

    def validity(self) -> dict:
        start = some_day(self.rng)
        return {
            "signed_on": start if self.rng.random() < 0.8 else None,
            "valid_from": start + datetime.timedelta(days=10) if self.rng.random() < 0.5 else None,
            "valid_to": start + datetime.timedelta(days=self.rng.randint(100, 900))
            if self.rng.random() < 0.6
            else None,
        }

    def new_agreement(self):
        agreements.agreement_create(
            by=self.by,
            owner_unit=self.rng.choice(self.units()),
            partners=self.rng.sample(self.partners, self.rng.randint(1, 2)),
            title="Thỏa thuận",
            agreement_type=self.rng.choice(["memorandum", "programme"]),
            status=self.rng.choice(["draft", "in_force", "terminated"]),
            is_international_agreement=False,
            **self.validity(),
        )

    def change_agreement(self):
        record = self.pick(Agreement)
        agreements.agreement_update(
            agreement=record,
            by=self.by,
            expected_version=record.version,
            status=self.rng.choice(["draft", "in_force", "expired", "terminated"]),
            partners=self.rng.sample(self.partners, self.rng.randint(1, 2)),
            **self.validity(),
        )

    def new_commitment(self):
        due = some_day(self.rng) + datetime.timedelta(days=300)
        fields = {"due_on": due} if self.rng.random() < 0.6 else {"due_year": due.year}
        if self.rng.random() < 0.3:
            meeting = self.pick(Meeting.objects.filter(archived_at__isnull=True))
            meetings.meeting_add_follow_up(meeting=meeting, by=self.by, description="Theo dõi", **fields)
            return
        agreements.commitment_create(
            by=self.by,
            agreement=self.pick(Agreement.objects.filter(archived_at__isnull=True)),
            description="Trao đổi đoàn",
            status=self.rng.choice(["planned", "in_progress", "done", "cancelled"]),
            **fields,
        )

    def change_commitment(self):
        record = self.pick(Commitment)
        agreements.commitment_set_status(
            commitment=record,
            by=self.by,
            expected_version=record.version,
            status=self.rng.choice(["planned", "in_progress", "done", "cancelled"]),
        )

    def change_partner(self):
        partner = self.rng.choice(self.partners)
        partner.refresh_from_db()
        partner_services.partner_update(
            partner=partner,
            by=self.by,
            expected_version=partner.version,
            kind=self.rng.choice(KINDS),
            country=self.rng.choice(COUNTRIES),
        )

    # -- the tree --
    def move_unit(self):
        candidates = [u for u in self.units() if u.depth > 1]
        unit = self.rng.choice(candidates)
        parents = [p for p in self.units() if p.level < unit.level and not p.path.startswith(unit.path)]
        units.unit_move(unit=unit, new_parent=self.rng.choice(parents), by=None)

    def merge_units(self):
        candidates = [u for u in self.units() if u.depth == 2]
        if len(candidates) < 3:
            return
        merged, into = self.rng.sample(candidates, 2)
        units.unit_merge(units=[merged], into=into, on=timezone.localdate(), by=None)

    def split_unit(self):
        candidates = [u for u in self.units() if u.depth == 3]
        if not candidates:
            return
        unit = self.rng.choice(candidates)
        n = self.rng.randint(1, 10**6)
        units.unit_split(
            unit=unit,
            new_units=[
                {"name": f"Mới A {n}", "code": f"A{n}", "level": unit.level},
                {"name": f"Mới B {n}", "code": f"B{n}", "level": unit.level},
            ],
            on=timezone.localdate(),
            by=None,
        )

    STEPS = {
        "new_delegation": 6,
        "add_member": 5,
        "remove_member": 2,
        "add_cost": 3,
        "change_delegation": 3,
        "step_delegation": 24,
        "archive_or_restore": 4,
        "new_meeting": 3,
        "step_meeting": 3,
        "change_meeting": 2,
        "new_support": 3,
        "change_support": 2,
        "new_agreement": 2,
        "change_agreement": 2,
        "new_commitment": 3,
        "change_commitment": 2,
        "change_partner": 2,
        "move_unit": 2,
        "merge_units": 1,
        "split_unit": 1,
    }

    def run(self, steps: int) -> dict[str, int]:
        done: dict[str, int] = {}
        names, weights = zip(*self.STEPS.items(), strict=True)
        for _ in range(steps):
            name = self.rng.choices(names, weights)[0]
            try:
                getattr(self, name)()
            except (ValidationError, PermissionDenied, EditConflict, Skip):
                continue  # a step the rules refuse: nothing written
            done[name] = done.get(name, 0) + 1
        return done


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_moves_and_merges_keep_the_figures_equal_to_a_recount(tree, people, seed):
    partners = [
        # Through the service: the root's link lets the writer change them later.
        partner_services.partner_create(
            by=people.superuser,
            unit=tree.vgcl,
            name=f"Đối tác {code}",
            kind=KINDS[n % len(KINDS)],
            country=code,
        )
        for n, code in enumerate(COUNTRIES)
    ]
    done = Writer(random.Random(seed), tree, people, partners).run(320)
    # The steps really happened, not only refusals.
    assert done.get("step_delegation", 0) > 5 and done.get("move_unit", 0) > 0, done
    assert Delegation.objects.filter(state__in=["approved", "carried_out", "reported", "closed"]).exists()
    # The new sources were really exercised.
    for indicator in ("approval_decisions", "agreements_started", "reports_pending"):
        assert Tally.objects.filter(indicator=indicator).exclude(value=0).exists(), indicator
    assert Tally.objects.filter(key__startswith="pkind:").exclude(value=0).exists()
    count, found = check()
    assert count == 0, [str(d) for d in found]
