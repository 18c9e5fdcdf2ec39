"""Partners as a spreadsheet: the shared directory's facts (export and import)."""

from django.utils.translation import gettext_lazy as _

from solidarity.records.sheets import BOOL, CHOICE, COUNTRY, ID, INT, TEXT, UNIT, VERSION, Column, Sheet

from .choices import PartnerKind
from .models import Partner


def _nothing(partner) -> None:
    return None  # a new partner's first unit: asked on import, not a fact of the partner


PARTNERS = Sheet(
    name="partners",
    title=_("Partners"),
    model=Partner,
    columns=(
        Column("id", _("ID"), ID, source="pk"),
        Column("version", _("Version"), VERSION),
        Column("name", _("Vietnamese name"), required=True, example="Liên hiệp Công đoàn Lào"),
        Column("name_original", _("Original or English name"), example="Lao Federation of Trade Unions"),
        Column("short_name", _("Short name"), example="LFTU"),
        Column(
            "kind", _("Kind"), CHOICE, choices=PartnerKind, required=True, example=PartnerKind.NATIONAL_CENTRE
        ),
        Column("country", _("Country"), COUNTRY, example="Lào"),
        Column("address", _("Address")),
        Column("website", _("Website"), TEXT),
        Column(
            "unit",
            _("Our unit working with it (code)"),
            UNIT,
            source=_nothing,
            note=_("needed for a new partner"),
            example="NGHEAN",
        ),
        Column("is_active", _("Active"), BOOL, export_only=True),
        Column("unit_count", _("Number of units working with it"), INT, export_only=True),
    ),
)
