"""What the loader knows while it loads: the rows found or made so far, by the names the files use."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from solidarity.accounts.choices import Role
from solidarity.accounts.models import User
from solidarity.core.text import fold
from solidarity.partners.models import Partner
from solidarity.units.models import Unit

from .files import DataFile, DemoDataError, Entry, read


@dataclass
class Demo:
    data_dir: Path | None = None
    created: Counter = field(default_factory=Counter)
    # Moments in the files may not lie ahead of the load: a typo in the year would
    # otherwise make records from the future. Taken once, before any replay.
    started: datetime.datetime = field(default_factory=timezone.now)
    users: dict[str, User] = field(default_factory=dict)
    # The officer who enters each unit's records: username by unit code (users.yaml).
    officers: dict[str, str] = field(default_factory=dict)
    # Partner (name, country) by every name the files may use for it.
    partner_keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    agreements: dict = field(default_factory=dict)
    delegations: dict = field(default_factory=dict)
    meetings: dict = field(default_factory=dict)
    plan_items: dict = field(default_factory=dict)
    _units: dict[str, Unit] = field(default_factory=dict)

    def read(self, name: str) -> DataFile:
        return read(name, data_dir=self.data_dir)

    # -- units

    def unit(self, entry: Entry, key: str, *, required: bool = True) -> Unit | None:
        code = entry.text(key, required=required)
        if not code:
            return None
        if code not in self._units:
            unit = Unit.objects.filter(code=code).first()
            if unit is None:
                raise entry.error(f"'{key}: {code}': no unit has this code (see units.yaml).")
            self._units[code] = unit
        return self._units[code]

    def forget_units(self) -> None:
        """Units in memory go stale when the tree changes (paths are rewritten in SQL)."""
        self._units.clear()

    # -- people

    def user(self, entry: Entry, key: str) -> User:
        username = entry.text(key, required=True)
        if username not in self.users:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise entry.error(f"'{key}: {username}': no such user (see users.yaml).")
            self.users[username] = user
        return self.users[username]

    def officer_for(self, entry: Entry, unit: Unit) -> User:
        """The demo officer of ``unit``, or of the nearest unit above it that has one."""
        by_path = dict(
            Unit.objects.filter(path__in=[*unit.ancestor_paths(), unit.path]).values_list("path", "code")
        )
        for path in sorted(by_path, key=len, reverse=True):
            username = self.officers.get(by_path[path])
            if username:
                return self.users.get(username) or User.objects.get(username=username)
        raise entry.error(f"no officer in users.yaml for {unit.code} or a unit above it, to enter this.")

    def note_user(self, username: str, unit_code: str, role: int, user: User) -> None:
        self.users[username] = user
        if role == Role.OFFICER:
            self.officers.setdefault(unit_code, username)

    # -- partners

    def note_partner(self, entry: Entry, name: str, short_name: str, country: str) -> None:
        for key in {name, short_name} - {""}:
            known = self.partner_keys.get(key)
            if known and known != (name, country):
                raise entry.error(f"the name '{key}' is already used by another partner.")
            self.partner_keys[key] = (name, country)

    def partner(self, entry: Entry, reference: str) -> Partner:
        if reference not in self.partner_keys:
            raise entry.error(f"'{reference}': no partner has this name or short name (see partners.yaml).")
        name, country = self.partner_keys[reference]
        partner = Partner.objects.filter(name_folded=fold(name), country=country).first()
        if partner is None:
            raise DemoDataError(f"{entry.where}: partner '{reference}' is not loaded.")
        return partner

    def partners(self, entry: Entry, key: str) -> list[Partner]:
        return [self.partner(entry, reference) for reference in entry.names(key)]

    # -- records named by their ref

    def ref(self, entry: Entry, key: str, kind: str):
        reference = entry.text(key)
        if not reference:
            return None
        found = getattr(self, kind).get(reference)
        if found is None:
            raise entry.error(f"'{key}: {reference}': no {kind[:-1]} has this ref (see {kind}.yaml).")
        return found

    def keep_ref(self, entry: Entry, kind: str, record) -> None:
        reference = entry.text("ref")
        if not reference:
            return
        known = getattr(self, kind)
        if reference in known and known[reference].pk != record.pk:
            raise entry.error(f"the ref '{reference}' is used twice.")
        known[reference] = record

    # -- moments

    def moment(self, entry: Entry, key: str, *, not_before: datetime.datetime | None = None):
        moment = entry.moment(key)
        if moment > self.started:
            raise entry.error(f"'{key}' is in the future.")
        if not_before is not None and moment < not_before:
            raise entry.error(
                f"'{key}' ({moment:%Y-%m-%d %H:%M}) comes before the step it follows "
                f"({timezone.localtime(not_before):%Y-%m-%d %H:%M})."
            )
        return moment


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """``day`` at ``hour:minute`` in the project's time zone."""
    moment = datetime.datetime.combine(day, datetime.time(hour, minute))
    return timezone.make_aware(moment, timezone.get_default_timezone())
