"""support.yaml: support given and received, with its items, through the support services."""

from __future__ import annotations

from solidarity.core.choices import FundingSource
from solidarity.support import services as support_services
from solidarity.support.choices import SupportDirection, SupportForm
from solidarity.support.models import Support

from .context import Demo
from .files import Entry, entries
from .replay import acting

FIELDS = (
    "owner", "direction", "partner", "given_on", "form", "description", "funding_source", "currency",
    "amount_original", "exchange_rate", "delegation", "meeting", "entered", "items",
)  # fmt: skip


def load_support(demo: Demo) -> None:
    for entry in entries(demo.read("support.yaml"), "support", label="description"):
        entry.only(*FIELDS)
        with entry.reporting():
            _support(demo, entry)


def _support(demo: Demo, entry: Entry) -> None:
    owner = demo.unit(entry, "owner")
    key = {
        "owner_unit": owner,
        "partner": demo.partner(entry, entry.text("partner", required=True)),
        "direction": entry.choice("direction", SupportDirection),
        "given_on": entry.date("given_on", required=True),
        "form": entry.choice("form", SupportForm),
    }
    if Support.objects.filter(**key).exists():
        return
    items = []
    for item in entry.part("items", label="description"):
        item.only("description", "quantity", "value_vnd")
        items.append(
            {
                "description": item.text("description", required=True),
                "quantity": item.integer("quantity", required=True),
                "value_vnd": item.integer("value_vnd", required=True),
            }
        )
    by = demo.officer_for(entry, owner)
    with acting(by, at=demo.moment(entry, "entered")):
        support_services.support_create(
            by=by,
            items=items,
            **key,
            description=entry.text("description"),
            funding_source=entry.choice("funding_source", FundingSource),
            currency=entry.text("currency") or "VND",
            amount_original=entry.decimal("amount_original"),
            exchange_rate=entry.decimal("exchange_rate"),
            delegation=demo.ref(entry, "delegation", "delegations"),
            meeting=demo.ref(entry, "meeting", "meetings"),
        )
    demo.created["support records"] += 1
    demo.created["support items"] += len(items)
