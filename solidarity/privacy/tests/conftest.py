import datetime

import pytest

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import forget_scope
from solidarity.contacts.models import Contact

from .kinds import CONTACT, OFFICER, registered

PDF = b"%PDF-1.4\n%x\n%%EOF\n"


def grant(user, unit):
    """Give ``user`` the personal-data permission on their membership of ``unit``."""
    Membership.objects.filter(user=user, unit=unit).update(personal_data=True)
    forget_scope(user)


@pytest.fixture(autouse=True)
def person_kinds():
    with registered(CONTACT, OFFICER):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def granted(people, tree):
    """Nghệ An's officer and administrator hold the permission; its viewer too (read only)."""
    for user in (people.na_officer, people.na_admin, people.na_viewer):
        grant(user, tree.nghe_an)
    grant(people.hn_officer, tree.ha_noi)
    return people


@pytest.fixture
def contact(tree, people):
    return Contact.objects.create(
        owner_unit=tree.nghe_an,
        full_name="Bounmy Phommachanh",
        email="bounmy@example.la",
        phone="+856 20 5555 1234",
        notes="Gặp ở Viêng Chăn",
        created_by=people.na_officer,
    )


@pytest.fixture
def day():
    return datetime.date(2026, 11, 2)  # a Monday
