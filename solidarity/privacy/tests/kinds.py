"""Person kinds for the privacy tests: contacts and foreign-affairs officers, registered for a test only.

The apps that hold people register their own kinds in ``ready()``; these
stand in for them so the privacy duties are tested on real models.
"""

from __future__ import annotations

import contextlib

from solidarity.privacy import registry
from solidarity.privacy.registry import PersonKind
from solidarity.privacy.services import erase_rows

CONTACT = PersonKind(
    key="contacts.contact",
    label="Contacts",
    unit_field="owner_unit",
    personal_fields=("full_name", "email", "phone", "notes"),
    erased_values={"full_name": "—"},
)


def _erase_participations(officer) -> None:
    from solidarity.staff.models import Participant

    erase_rows(Participant.objects.filter(officer=officer), {"result": ""})


OFFICER = PersonKind(
    key="staff.officer",
    label="Foreign-affairs officers",
    unit_field="owner_unit",
    personal_fields=("full_name", "position", "notes"),
    erased_values={"full_name": "—"},
    erase_extra=_erase_participations,
    erase_files=True,
)


@contextlib.contextmanager
def registered(*kinds: PersonKind):
    """Register ``kinds`` for the block, then restore whatever the registry held before."""
    saved = {kind.key: registry._kinds.get(kind.key) for kind in kinds}
    for kind in kinds:
        registry.register(kind)
    try:
        yield
    finally:
        for key, previous in saved.items():
            if previous is None:
                registry._kinds.pop(key, None)
            else:
                registry._kinds[key] = previous
