"""Load the Vietnamese demo from ``solidarity/demo/data/*.yaml`` through the services.

The facts are public ones (DOMAIN.md): Nghệ An and Xiêng Khoảng, the
education and agriculture unions, the July 2025 reorganisation, and enough
other records that lists, queues and timelines look like real use. Every
row is written by the service a person would use on the screens, as the
person the data names, at the moment it names (see :mod:`.replay`).

Loading is idempotent: every row is found by a natural key (unit code,
partner name and country, username, a record's owner and title...) and
only created when missing, never updated, so a second run writes nothing,
not even a history row. The demo is seed data: edits people make afterwards
are theirs to keep.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from django.db import transaction

from solidarity.figures.services import deferred as figures_deferred
from solidarity.notifications.models import Notification
from solidarity.notifications.services import settle_replayed
from solidarity.units.models import Unit

from .agreements import load_agreements
from .context import Demo
from .delegations import load_delegations
from .files import DemoDataError, entries, read
from .funds import load_funds
from .meetings import load_meetings
from .migrants import load_migrants
from .people import load_contacts, load_partners, load_users
from .periodic import load_period_reports
from .plans import load_plans
from .sponsorship import load_sponsorship
from .staff import load_staff
from .support import load_support
from .tree import load_units

__all__ = ["DEFAULT_PASSWORD", "DemoDataError", "demo_logins", "demo_password", "demo_usernames", "load_demo"]

DEFAULT_PASSWORD = "demo12345"
RECENT_DAYS = 30  # notifications of the demo's last weeks stay unread


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def load_demo(*, password: str | None = None, data_dir: Path | None = None) -> Counter:
    """Load the demo; returns how many rows of each kind were created (none on a rerun)."""
    demo = Demo(data_dir=data_dir)
    with transaction.atomic():
        before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        load_units(demo)
        load_users(demo, password=password or demo_password())
        load_partners(demo)
        load_contacts(demo)
        load_staff(demo)  # the foreign-affairs officers and their trainings
        # The figures of every record are brought up to date once, when the records are all written
        # (as a bulk import does), not after each of the hundreds of writes: the same figures, in a
        # fraction of the time (the test suite loads the demo several times).
        with figures_deferred():
            load_agreements(demo)
            # Plans before the records that carry out their items.
            load_plans(demo)
            load_delegations(demo)
            # Meetings after delegations, support last: it points at both.
            load_meetings(demo)
            load_support(demo)
            load_migrants(demo)  # workers' cases, and who may see their personal data
            load_funds(demo)
            load_sponsorship(demo)  # links meetings, delegations and support
        # Period reports last: their figures are frozen from every record above.
        load_period_reports(demo)
        # The replayed past told its people years ago: only the notifications of the demo's last weeks
        # stay unread (and are mailed), such as Mường Xén's delegation returned by Nghệ An's leaders.
        settle_replayed(after_pk=before, days=RECENT_DAYS)
    return +demo.created  # drops the zero counts


def demo_usernames() -> list[str]:
    """Every demo login, the superusers first."""
    content = read("users.yaml")
    return [
        entry.text("username")
        for section in ("superusers", "users")
        for entry in entries(content, section, label="username")
    ]


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, unit, role) for every demo login, the superusers first."""
    content = read("users.yaml")
    users = list(entries(content, "users", label="username"))
    codes = {entry.text("unit") for entry in users}
    names = dict(Unit.objects.filter(code__in=codes).values_list("code", "short_name"))
    superusers = [
        (entry.text("username"), "toàn hệ thống", "superuser")
        for entry in entries(content, "superusers", label="username")
    ]
    return superusers + [
        (entry.text("username"), names.get(entry.text("unit"), entry.text("unit")), entry.text("role"))
        for entry in users
    ]
