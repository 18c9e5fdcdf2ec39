"""delegations.yaml: delegations with their members, programme and costs, through the delegations' services.

A delegation is entered as a draft by the officer of its unit, with its
members, programme and estimated costs; then each step of its workflow is
taken by the person and at the moment the file names, with the same checks
as on the screens (a complete proposal, the leaders of the level above, a
trip carried out only once it began). Actual costs are entered with the
report, or when the trip is carried out if no report follows.
"""

from __future__ import annotations

from decimal import Decimal

from solidarity.core.choices import FundingSource
from solidarity.delegations import services as delegation_services
from solidarity.delegations.choices import CostKind, Direction, MemberRole
from solidarity.delegations.models import Delegation
from solidarity.records.workflow import Action
from solidarity.staff.models import Officer

from .context import Demo
from .files import Entry, entries
from .replay import acting
from .workflow import workflow_steps

FIELDS = (
    "ref", "owner", "direction", "title", "start_on", "end_on", "partners", "countries", "cities",
    "purpose", "agreement", "planned_count", "entered", "members", "programme", "costs", "report",
    "workflow", "plan_item", "out_of_plan_reason",
)  # fmt: skip
STEPS = {
    Action.SUBMIT: delegation_services.delegation_submit,
    Action.APPROVE: delegation_services.delegation_approve,
    Action.RETURN: delegation_services.delegation_return,
    Action.REJECT: delegation_services.delegation_reject,
    Action.WITHDRAW: delegation_services.delegation_withdraw,
    Action.CARRY_OUT: delegation_services.delegation_carry_out,
    Action.CLOSE: delegation_services.delegation_close,
}


def load_delegations(demo: Demo) -> None:
    for entry in entries(demo.read("delegations.yaml"), "delegations", label="ref"):
        entry.only(*FIELDS)
        with entry.reporting():
            _delegation(demo, entry)


def _delegation(demo: Demo, entry: Entry) -> None:
    owner = demo.unit(entry, "owner")
    title, start_on = entry.text("title", required=True), entry.date("start_on", required=True)
    found = Delegation.objects.filter(owner_unit=owner, title=title, start_on=start_on).first()
    if found is not None:
        # Seed data: whatever happened to it since is the users' to keep.
        demo.keep_ref(entry, "delegations", found)
        return
    entered = demo.moment(entry, "entered")
    by = demo.officer_for(entry, owner)
    steps = workflow_steps(demo, entry, entered=entered)
    costs = [_cost(item) for item in entry.part("costs", label="kind")]
    with acting(by, at=entered):
        delegation = delegation_services.delegation_create(
            by=by,
            owner_unit=owner,
            partners=demo.partners(entry, "partners"),
            direction=entry.choice("direction", Direction),
            title=title,
            purpose=entry.text("purpose"),
            countries=entry.names("countries"),
            cities=entry.text("cities"),
            start_on=start_on,
            end_on=entry.date("end_on", required=True),
            agreement=demo.ref(entry, "agreement", "agreements"),
            planned_count=entry.integer("planned_count"),
            plan_item=demo.ref(entry, "plan_item", "plan_items"),
            out_of_plan_reason=entry.text("out_of_plan_reason"),
        )
        demo.created["delegations"] += 1
        _members(demo, entry, delegation, by)
        _programme(demo, entry, delegation, by)
        _costs(demo, [cost for cost in costs if cost[1]["kind"] == CostKind.ESTIMATED], delegation, by)
    demo.keep_ref(entry, "delegations", delegation)

    actual = [cost for cost in costs if cost[1]["kind"] == CostKind.ACTUAL]
    actions = [step.action for step in steps]
    after = Action.FILE_REPORT if Action.FILE_REPORT in actions else Action.CARRY_OUT
    if actual and after not in actions:
        raise entry.error("actual costs are entered once the trip is carried out: add that step.")
    if "report" in entry and Action.FILE_REPORT not in actions:
        raise entry.error("a report is filed at a 'file_report' step: add it, or leave 'report' out.")
    for step in steps:
        with step.entry.reporting(), acting(step.by, at=step.at):
            if step.action == after == Action.FILE_REPORT:
                _costs(demo, actual, delegation, by)
            if step.action == Action.FILE_REPORT:
                delegation = delegation_services.delegation_file_report(
                    delegation=delegation,
                    by=step.by,
                    report_text=entry.text("report", required=True),
                    comment=step.comment,
                    on=step.at.date(),
                )
            else:
                delegation = STEPS[step.action](delegation=delegation, by=step.by, comment=step.comment)
            if step.action == after == Action.CARRY_OUT:
                _costs(demo, actual, delegation, by)
        demo.created["workflow events"] += 1


def _members(demo: Demo, entry: Entry, delegation: Delegation, by) -> None:
    for item in entry.part("members", label="name"):
        item.only("name", "unit", "organisation", "title", "role", "key_leader", "officer")
        with item.reporting():
            officer = _officer(item) if item.flag("officer", default=False) else None
            delegation_services.member_add(
                delegation=delegation,
                by=by,
                full_name=item.text("name", required=True),
                unit=demo.unit(item, "unit", required=False),
                organisation=item.text("organisation"),
                title=item.text("title"),
                role=item.choice("role", MemberRole, default=MemberRole.MEMBER),
                is_key_leader=item.flag("key_leader", default=False),
                officer=officer,
            )
        demo.created["delegation members"] += 1


def _officer(item: Entry) -> Officer:
    """The member on their unit's register (staff.yaml), by name."""
    officer = Officer.objects.filter(
        owner_unit__code=item.text("unit", required=True), full_name=item.text("name", required=True)
    ).first()
    if officer is None:
        raise item.error("officer: true, but the unit's register (staff.yaml) has no one by this name.")
    return officer


def _programme(demo: Demo, entry: Entry, delegation: Delegation, by) -> None:
    for item in entry.part("programme", label="day"):
        item.only("day", "place", "activity")
        with item.reporting():
            delegation_services.programme_item_add(
                delegation=delegation,
                by=by,
                day=item.date("day", required=True),
                place=item.text("place"),
                activity=item.text("activity", required=True),
            )
        demo.created["programme items"] += 1


def _cost(item: Entry) -> tuple[Entry, dict]:
    item.only("kind", "source", "description", "amount_vnd", "currency", "amount")
    currency = item.text("currency") or "VND"
    amount_vnd = item.integer("amount_vnd", required=True)
    amount = item.decimal("amount")
    if currency != "VND" and amount is None:
        raise item.error(f"'amount' in {currency} is missing.")
    return item, {
        "kind": item.choice("kind", CostKind),
        "source": item.choice("source", FundingSource),
        "description": item.text("description"),
        "currency": currency,
        "amount": amount if amount is not None else Decimal(amount_vnd),
        "amount_vnd": amount_vnd,
    }


def _costs(demo: Demo, costs: list[tuple[Entry, dict]], delegation: Delegation, by) -> None:
    for item, fields in costs:
        with item.reporting():
            delegation_services.cost_add(delegation=delegation, by=by, **fields)
        demo.created["costs"] += 1
