"""migrants.yaml: the personal-data permission of some logins, and migrant workers' cases with their
follow-ups, through the migrants services."""

from __future__ import annotations

from solidarity.accounts.models import Membership
from solidarity.migrants import services as migrant_services
from solidarity.migrants.choices import Sector, Sex, Situation
from solidarity.migrants.models import MigrantCase

from .context import Demo
from .files import Entry, entries
from .replay import acting

TEXTS = (
    "support_given", "full_name", "home_commune", "home_province", "workplace_abroad", "employer", "phone",
    "situation_details", "id_number", "passport_number", "health_notes",
)  # fmt: skip
FIELDS = (
    "unit", "country", "sector", "situation", "opened_on", "closed_on", "partner", "birth_year", "sex",
    "follow_ups", *TEXTS,
)  # fmt: skip


def load_migrants(demo: Demo) -> None:
    content = demo.read("migrants.yaml")
    for entry in entries(content, "personal_data", label="username"):
        entry.only("username")
        with entry.reporting():
            user = demo.user(entry, "username")
            Membership.objects.filter(user=user).update(personal_data=True)
            # The user's roles are cached on the object the earlier files used: read them afresh.
            demo.users[entry.text("username")] = type(user).objects.get(pk=user.pk)
    for entry in entries(content, "cases", label="full_name"):
        entry.only(*FIELDS)
        with entry.reporting():
            _case(demo, entry)


def _case(demo: Demo, entry: Entry) -> None:
    unit = demo.unit(entry, "unit")
    opened_on = entry.date("opened_on", required=True)
    full_name = entry.text("full_name", required=True)
    if MigrantCase.objects.filter(owner_unit=unit, opened_on=opened_on, full_name=full_name).exists():
        return
    by = demo.officer_for(entry, unit)
    partner = entry.text("partner")
    fields = {name: entry.text(name) for name in TEXTS}
    with acting(by):
        case = migrant_services.migrantcase_create(
            by=by,
            owner_unit=unit,
            country=entry.text("country") or "LA",
            sector=entry.choice("sector", Sector),
            situation=entry.choice("situation", Situation),
            opened_on=opened_on,
            partner=demo.partner(entry, partner) if partner else None,
            birth_year=entry.integer("birth_year"),
            sex=entry.choice("sex", Sex) if entry.text("sex") else "",
            **fields,
        )
        for line in entry.part("follow_ups", label="note"):
            line.only("done_on", "note", "done_by")
            migrant_services.followup_add(
                case=case,
                by=by,
                done_on=line.date("done_on", required=True),
                note=line.text("note", required=True),
                done_by=line.text("done_by"),
            )
        closed_on = entry.date("closed_on")
        if closed_on:
            case.refresh_from_db()
            migrant_services.migrantcase_close(migrantcase=case, by=by, closed_on=closed_on)
    demo.created["migrant workers' cases"] += 1
