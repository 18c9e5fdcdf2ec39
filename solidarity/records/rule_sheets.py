"""Units and users as spreadsheets (export only: units change through their operations, users by hand).

Declared here, not in their apps: ``units`` and ``accounts`` sit below the
sheets kit (ARCHITECTURE.md), so the kit declares them and registers them in
``records``' ``ready()``.
"""

from django.utils.translation import gettext_lazy as _

from solidarity.accounts.choices import Role
from solidarity.accounts.models import User
from solidarity.units.choices import UnitKind, UnitLevel
from solidarity.units.models import Unit

from .sheets import BOOL, CHOICE, DATE, UNIT, Column, Sheet

UNITS = Sheet(
    name="units",
    title=_("Units"),
    model=Unit,
    columns=(
        Column("code", _("Code"), required=True),
        Column("name", _("Name"), required=True),
        Column("short_name", _("Short name")),
        Column("level", _("Level"), CHOICE, choices=UnitLevel),
        Column("kind", _("Kind"), CHOICE, choices=UnitKind),
        # Annotated by the export's query (units.selectors.unit_export_rows): no query per row.
        Column("parent", _("Parent unit (code)"), UNIT, source="parent_code", export_only=True),
        Column("valid_from", _("In force from"), DATE),
        Column("valid_to", _("In force until"), DATE),
        Column("approves_own", _("Approves its own activities"), BOOL),
        Column("doc_symbol", _("Document symbol")),
    ),
)


def _roles(user) -> str:
    """The memberships the administrator may see (prefetched by the list's query), "CODE: role"."""
    memberships = getattr(user, "scoped_memberships", ())
    return "; ".join(f"{m.unit.code}: {Role(m.role).label}" for m in memberships)


USERS = Sheet(
    name="users",
    title=_("Users"),
    model=User,
    columns=(
        Column("username", _("Username"), required=True),
        Column("full_name", _("Full name")),
        Column("title", _("Title")),
        Column("email", _("Email")),
        Column("phone", _("Phone")),
        Column("roles", _("Roles"), source=_roles, export_only=True),
        Column("is_active", _("Active"), BOOL, export_only=True),
        Column("last_login", _("Last login"), DATE, export_only=True),
        Column("date_joined", _("Date joined"), DATE, export_only=True),
    ),
)
