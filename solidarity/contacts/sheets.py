"""Contacts as a spreadsheet: people at partners or at our units (export and import)."""

from django.utils.translation import gettext_lazy as _

from solidarity.privacy.access import log_export
from solidarity.records.sheets import BOOL, ID, UNIT, VERSION, Column, Sheet

from .models import Contact

CONTACTS = Sheet(
    name="contacts",
    title=_("Contacts"),
    model=Contact,
    related=("owner_unit", "partner", "unit"),
    # Personal columns: only in an export a grant holder asks for (``records.exports``), logged.
    personal_unit="owner_unit",
    log_export=log_export,
    columns=(
        Column("id", _("ID"), ID, source="pk"),
        Column("version", _("Version"), VERSION),
        Column("owner_unit", _("Unit (code)"), UNIT, required=True, example="NGHEAN"),
        Column("full_name", _("Full name"), required=True, example="Nguyễn Văn A"),
        Column("title", _("Title"), example="Phó Chủ tịch"),
        Column(
            "partner",
            _("Partner"),
            source="partner.name",
            note=_("a partner's Vietnamese name, as in the directory"),
            example="Liên hiệp Công đoàn Lào",
        ),
        Column("unit", _("Our unit where the person works (code)"), UNIT),
        Column("organisation", _("Other organisation")),
        Column("languages", _("Languages"), example="Lào, Anh"),
        Column("email", _("Email"), personal=True),
        Column("phone", _("Phone"), personal=True),
        Column("notes", _("Notes"), personal=True),
        Column("union_membership", _("Union membership"), personal=True),
        Column("id_document_number", _("ID or passport number"), personal=True),
        Column("is_active", _("Active"), BOOL, export_only=True),
    ),
)
