"""users.yaml, partners.yaml, contacts.yaml: the logins, the partner directory and the contacts.

Loaded "now", through the accounts, partners and contacts services; each
partner and contact is entered by the officer of its unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.contrib.auth import base_user

from solidarity.accounts import services as account_services
from solidarity.accounts.choices import Role
from solidarity.accounts.models import Membership, User
from solidarity.contacts import services as contact_services
from solidarity.contacts.models import Contact
from solidarity.core.text import fold
from solidarity.partners import services as partner_services
from solidarity.partners.choices import PartnerKind
from solidarity.partners.models import Partner, PartnerLink

from .context import Demo
from .files import DemoDataError, entries
from .replay import acting

ROLES = {"viewer": Role.VIEWER, "officer": Role.OFFICER, "leader": Role.LEADER, "admin": Role.ADMIN}


@contextmanager
def _one_hash() -> Iterator[None]:
    """Every demo login has the same password: hash it once, not per login (Argon2 is slow on purpose)."""
    original = base_user.make_password
    hashes: dict[str, str] = {}

    def make_password(password, *args, **kwargs):
        if args or kwargs:
            return original(password, *args, **kwargs)
        if password not in hashes:
            hashes[password] = original(password)
        return hashes[password]

    with mock.patch.object(base_user, "make_password", make_password):
        yield


def load_users(demo: Demo, *, password: str) -> None:
    with _one_hash():
        _load_users(demo, password=password)


def _load_users(demo: Demo, *, password: str) -> None:
    content = demo.read("users.yaml")
    superuser = None
    for entry in entries(content, "superusers", label="username"):
        entry.only("username", "full_name")
        username = entry.text("username", required=True)
        superuser = User.objects.filter(username=username).first()
        if superuser is None:
            # No service makes superusers: Django's createsuperuser is the ordinary way, and this is it.
            superuser = User.objects.create_superuser(
                username, "", password, full_name=entry.text("full_name")
            )
            demo.created["users"] += 1
    if superuser is None:
        raise DemoDataError("users.yaml: 'superusers' needs one entry, to create the other logins.")
    for entry in entries(content, "users", label="username"):
        entry.only("username", "unit", "role", "full_name", "title", "personal_data", "email")
        username = entry.text("username", required=True)
        unit = demo.unit(entry, "unit")
        role_name = entry.text("role", required=True)
        if role_name not in ROLES:
            raise entry.error(f"'role: {role_name}' is not one of: {', '.join(ROLES)}.")
        role = ROLES[role_name]
        user = User.objects.filter(username=username).first()
        with entry.reporting(), acting(superuser):
            if user is None:
                # The password is set only on creation: a rerun must not rehash (and so rewrite) it.
                user = account_services.user_create(
                    by=superuser,
                    username=username,
                    full_name=entry.text("full_name", required=True),
                    title=entry.text("title"),
                    email=entry.text("email"),
                    password=password,
                    unit=unit,
                    role=role,
                )
                demo.created["users"] += 1
                demo.created["memberships"] += 1
            elif not Membership.objects.filter(user=user, unit=unit).exists():
                account_services.membership_set(by=superuser, user=user, unit=unit, role=role)
                demo.created["memberships"] += 1
        if entry.text("email"):
            # An address added to the file later reaches a login made before it (never overwrites one).
            User.objects.filter(pk=user.pk, email="").update(email=entry.text("email"))
        if entry.flag("personal_data", default=False):
            # The personal-data grant (accounts' membership flag): the officers who record the
            # contacts' and members' personal data in the demo hold it.
            Membership.objects.filter(user=user, unit=unit, personal_data=False).update(personal_data=True)
        demo.note_user(username, unit.code, role, user)


def load_partners(demo: Demo) -> None:
    content = demo.read("partners.yaml")
    for entry in entries(content, "partners", label="name"):
        entry.only("name", "short_name", "name_original", "kind", "country", "website", "units")
        name, country = entry.text("name", required=True), entry.text("country")
        demo.note_partner(entry, name, entry.text("short_name"), country)
        links = list(entry.part("units", label="unit"))
        if not links:
            raise entry.error("'units' is missing: which of our units work with this partner?")
        partner = Partner.objects.filter(name_folded=fold(name), country=country).first()
        if partner is None:
            first = links[0].only("unit", "since", "notes")
            unit = demo.unit(first, "unit")
            by = demo.officer_for(first, unit)
            with entry.reporting(), acting(by):
                partner = partner_services.partner_create(
                    by=by,
                    unit=unit,
                    notes=first.text("notes"),
                    name=name,
                    name_original=entry.text("name_original"),
                    short_name=entry.text("short_name"),
                    kind=entry.choice("kind", PartnerKind),
                    country=country,
                    website=entry.text("website"),
                )
                if "since" in first:
                    link = PartnerLink.objects.get(partner=partner, unit=unit)
                    partner_services.partner_link_update(
                        link=link,
                        by=by,
                        expected_version=link.version,
                        notes=link.notes,
                        since=first.date("since"),
                    )
            demo.created["partners"] += 1
            demo.created["partner links"] += 1
        for link in links:
            link.only("unit", "since", "notes")
            unit = demo.unit(link, "unit")
            if PartnerLink.objects.filter(partner=partner, unit=unit).exists():
                continue
            by = demo.officer_for(link, unit)
            with link.reporting(), acting(by):
                partner_services.partner_link_add(
                    partner=partner, unit=unit, by=by, notes=link.text("notes"), since=link.date("since")
                )
            demo.created["partner links"] += 1


def load_contacts(demo: Demo) -> None:
    content = demo.read("contacts.yaml")
    for entry in entries(content, "contacts", label="full_name"):
        entry.only("owner", "full_name", "title", "partner", "unit", "languages", "notes")
        owner = demo.unit(entry, "owner")
        full_name = entry.text("full_name", required=True)
        if Contact.objects.filter(owner_unit=owner, full_name=full_name).exists():
            continue
        by = demo.officer_for(entry, owner)
        with entry.reporting(), acting(by):
            contact_services.contact_create(
                by=by,
                owner_unit=owner,
                full_name=full_name,
                title=entry.text("title"),
                partner=demo.partner(entry, entry.text("partner")) if "partner" in entry else None,
                unit=demo.unit(entry, "unit", required=False),
                languages=entry.text("languages"),
                notes=entry.text("notes"),
            )
        demo.created["contacts"] += 1
