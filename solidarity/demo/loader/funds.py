"""funds.yaml: social funds and their ledgers (entries, reversals, closings), through the funds services."""

from __future__ import annotations

from solidarity.funds import services as fund_services
from solidarity.funds.choices import Direction, FundUse, IncomeSource
from solidarity.funds.models import Fund

from .context import Demo
from .files import Entry, entries
from .replay import acting

FIELDS = ("owner", "name", "purpose", "rules", "created", "entries", "closings")
ENTRY_FIELDS = (
    "ref", "direction", "on", "source", "use", "purpose", "beneficiaries", "amount_vnd", "voucher", "note",
    "reverses", "entered",
)  # fmt: skip


def load_funds(demo: Demo) -> None:
    for entry in entries(demo.read("funds.yaml"), "funds", label="name"):
        entry.only(*FIELDS)
        with entry.reporting():
            _fund(demo, entry)


def _fund(demo: Demo, entry: Entry) -> None:
    owner = demo.unit(entry, "owner")
    name = entry.text("name", required=True)
    if Fund.objects.filter(owner_unit=owner, name=name).exists():
        return  # a ledger is loaded once, never rewritten
    by = demo.officer_for(entry, owner)
    with acting(by, at=demo.moment(entry, "created")):
        fund = fund_services.fund_create(
            by=by, owner_unit=owner, name=name, purpose=entry.text("purpose"), rules=entry.text("rules")
        )
    demo.created["social funds"] += 1
    lines: dict[str, object] = {}
    for line in entry.part("entries", label="purpose"):
        line.only(*ENTRY_FIELDS)
        with acting(by, at=demo.moment(line, "entered")):
            if line.text("reverses"):
                reversed_entry = lines.get(line.text("reverses"))
                if reversed_entry is None:
                    raise line.error(f"'reverses: {line.text('reverses')}': no entry with this ref above.")
                written = fund_services.entry_reverse(
                    entry=reversed_entry, by=by, reason=line.text("note", required=True), on=line.date("on")
                )
            else:
                written = fund_services.entry_add(
                    fund=fund,
                    by=by,
                    direction=line.choice("direction", Direction),
                    entry_on=line.date("on", required=True),
                    amount_vnd=line.integer("amount_vnd", required=True),
                    source=line.choice("source", IncomeSource, default="") if line.text("source") else "",
                    use=line.choice("use", FundUse, default="") if line.text("use") else "",
                    purpose=line.text("purpose"),
                    beneficiaries=line.integer("beneficiaries"),
                    voucher=line.text("voucher"),
                    note=line.text("note"),
                )
        if line.text("ref"):
            lines[line.text("ref")] = written
        demo.created["fund entries"] += 1
    for closing in entry.part("closings", label="through"):
        closing.only("by", "through", "at")
        leader = demo.user(closing, "by")
        with acting(leader, at=demo.moment(closing, "at")):
            fund_services.fund_close(fund=fund, by=leader, through=closing.date("through", required=True))
        demo.created["fund closings"] += 1
