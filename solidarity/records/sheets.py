"""A kind's table as a spreadsheet: its columns declared once, for the export and for the import.

Each record app declares its sheets in ``<app>/sheets.py`` (a ``Sheet`` for
the records, one for each kind of child row: a delegation's members and costs)
and registers them in its ``apps.py`` ``ready()`` (``register``). The export
writes ``Column.value(record)`` as a typed cell; the import reads the same
headers back with ``Column.parse(cell)``, so a file exported, corrected and
imported again round-trips. A cell that cannot be read raises ``CellError``
with a Vietnamese message that names the fault, never the traceback.

Cells are plain values: ``str``, ``int`` (VND and counts, whole numbers),
``datetime.date`` (dd/mm/yyyy in the files), ``bool`` (Có/Không).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from solidarity.core.text import fold

TEXT, INT, VND, DATE, BOOL, CHOICE, UNIT, COUNTRY, COUNTRIES, ID, VERSION = (
    "text",
    "int",
    "vnd",
    "date",
    "bool",
    "choice",
    "unit",
    "country",
    "countries",
    "id",
    "version",
)
KINDS = {TEXT, INT, VND, DATE, BOOL, CHOICE, UNIT, COUNTRY, COUNTRIES, ID, VERSION}
DATE_FORMAT = "%d/%m/%Y"  # in CSV files; XLSX cells are dates formatted dd/mm/yyyy
# What a spreadsheet reads as a formula at the start of a CSV cell, and the apostrophe that the
# export puts before such text so that it stays text (read back without it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"
YES, NO = gettext_lazy("Yes"), gettext_lazy("No")


class CellError(ValueError):
    """A cell that cannot be read; ``str(error)`` is the message for the user (their language)."""


@dataclass(frozen=True)
class Column:
    """One column: its header, what it holds, how a record gives it (export) and how it reads (import).

    ``source``: an attribute path ("owner_unit.code", "start_on") or a function of the record.
    ``field``: the service keyword the import passes the parsed value as (default: the name).
    ``export_only``: shown in exports, ignored on import (counts, states, computed figures).
    ``personal``: a person's personal data (Decree 356/2025/NĐ-CP): written only when a holder of
    the personal-data grant asks for it, and then only for the rows of units where they hold it.
    """

    name: str
    header: str
    kind: str = TEXT
    source: str | Callable | None = None
    choices: type[models.TextChoices] | None = None
    required: bool = False
    export_only: bool = False
    note: str = ""
    example: object = None
    personal: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        if self.kind == CHOICE and self.choices is None:
            raise ValueError(f"column {self.name!r}: a choice column needs its choices")

    # -- export ------------------------------------------------------------------------------

    def value(self, record) -> object:
        """The cell for ``record``: a plain, typed value (labels for choices, codes for units)."""
        source = self.source or self.name
        value = source(record) if callable(source) else _attribute(record, source)
        return self.cell(value)

    def cell(self, value) -> object:
        if value is None or value == "":
            return None
        if self.kind == CHOICE:
            return str(self.choices(value).label) if value in self.choices.values else str(value)
        if self.kind == UNIT:
            return value.code if hasattr(value, "code") else str(value)
        if self.kind == BOOL:
            return str(YES if value else NO)
        if self.kind == COUNTRY:
            return str(getattr(value, "name", None) or countries.name(value) or value)
        if self.kind == COUNTRIES:
            return ", ".join(str(getattr(c, "name", None) or countries.name(c)) for c in value)
        if self.kind in (INT, VND, ID, VERSION):
            return int(value)
        if isinstance(value, datetime.datetime):
            return value.date()
        return value

    # -- import ------------------------------------------------------------------------------

    def parse(self, raw, *, units: Callable[[str], object] | None = None) -> object:
        """The value the service takes for ``raw`` (a cell as openpyxl or the CSV reader gives it).

        Empty gives None (a required column refuses it). ``units``: finds a unit by code
        (the importer's lookup, scoped to what the user may write to); None if unknown.
        """
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            if self.required:
                raise CellError(_("This column is required: the cell is empty."))
            return None
        parse = getattr(self, f"_parse_{self.kind}")
        return parse(raw, units) if self.kind == UNIT else parse(raw)

    def _parse_text(self, raw) -> str:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # a phone number or a code that a spreadsheet took for a number
        raw = str(raw)
        if raw.startswith(FORMULA_GUARD) and raw[1:].startswith(FORMULA_STARTS):
            return raw[1:]
        return raw

    def _parse_int(self, raw) -> int:
        return _whole(raw, _("“%(value)s” is not a whole number."))

    _parse_id = _parse_version = _parse_int

    def _parse_vnd(self, raw) -> int:
        amount = _whole(raw, _("“%(value)s” is not an amount in whole đồng (no decimals)."))
        if amount < 0:
            raise CellError(_("An amount cannot be negative."))
        return amount

    def _parse_date(self, raw) -> datetime.date:
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = str(raw)
        for pattern in (DATE_FORMAT, "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise CellError(_("“%(value)s” is not a date: write it as dd/mm/yyyy.") % {"value": text})

    def _parse_bool(self, raw) -> bool:
        if isinstance(raw, bool):
            return raw
        folded = fold(str(raw))
        if folded in {fold(str(YES)), "yes", "co", "x", "1", "true", "dung"}:
            return True
        if folded in {fold(str(NO)), "no", "khong", "0", "false", "sai"}:
            return False
        raise CellError(_("“%(value)s” is not “%(yes)s” or “%(no)s”.") % {"value": raw, "yes": YES, "no": NO})

    def _parse_choice(self, raw) -> str:
        folded = fold(str(raw))
        for value, label in self.choices.choices:
            if folded in (fold(str(label)), fold(value)) or folded in _label_forms(label):
                return value
        allowed = ", ".join(str(label) for label in self.choices.labels)
        raise CellError(
            _("“%(value)s” is not one of the allowed values: %(allowed)s.")
            % {"value": raw, "allowed": allowed}
        )

    def _parse_unit(self, raw, units) -> object:
        unit = units(str(raw)) if units else None
        if unit is None:
            raise CellError(
                _("Unknown unit code “%(value)s”, or a unit you may not record for.") % {"value": raw}
            )
        return unit

    def _parse_country(self, raw) -> str:
        code = country_code(str(raw))
        if code is None:
            raise CellError(_("Unknown country “%(value)s”.") % {"value": raw})
        return code

    def _parse_countries(self, raw) -> list[str]:
        return [self._parse_country(part) for part in re.split(r"[,;]", str(raw)) if part.strip()]

    # -- the template's help row -------------------------------------------------------------

    def allowed(self) -> str:
        """What the cell may hold, for the import template's note row."""
        if self.kind == CHOICE:
            return " | ".join(str(label) for label in self.choices.labels)
        hints = {
            DATE: _("date dd/mm/yyyy"),
            VND: _("whole đồng, no decimals"),
            INT: _("whole number"),
            BOOL: f"{YES} | {NO}",
            UNIT: _("unit code"),
            COUNTRY: _("country name or ISO code (LA, TH)"),
            COUNTRIES: _("countries, separated by commas"),
            ID: _("empty for a new record; kept from the export to update it"),
            VERSION: _("kept from the export: refuses a row changed since"),
        }
        hint = str(hints.get(self.kind, ""))
        return "; ".join(part for part in (hint, str(self.note)) if part)


@dataclass(frozen=True)
class Sheet:
    """The columns of one kind of row. ``parent``: the column (of a child sheet) naming its record's id
    or row key, for members, costs, items and phases that go with a record."""

    name: str  # "delegations", "delegation_members": the key in the registry and the URL
    title: str  # the sheet's tab and the file's name
    model: type[models.Model]
    columns: tuple[Column, ...]
    related: tuple[str, ...] = ()  # select_related for the export
    prefetch: tuple[str, ...] = ()  # prefetch_related for the export
    children: tuple[Sheet, ...] = field(default=())
    parent: str = ""
    # Sheets with personal columns: the attribute path of the unit a row's person belongs to
    # ("owner_unit", "delegation.owner_unit"), whose grant decides, and the access log's hook
    # (``privacy.access.log_export``), called once per export with the rows of each unit it shows.
    personal_unit: str = ""
    log_export: Callable | None = None

    def columns_for(self, *, personal: bool = False) -> tuple[Column, ...]:
        """The columns an export writes: without personal ones unless asked (then the file has them all)."""
        if personal:
            return self.columns
        return tuple(column for column in self.columns if not column.personal)

    @property
    def has_personal(self) -> bool:
        return any(column.personal for column in self.columns)

    def headers(self, *, personal: bool = False) -> list[str]:
        return [str(column.header) for column in self.columns_for(personal=personal)]

    def row(self, record, *, personal: bool = False, filled: bool = True) -> list:
        """The row's cells; ``filled`` False leaves its personal cells empty (no grant on its unit)."""
        return [
            None if column.personal and not filled else column.value(record)
            for column in self.columns_for(personal=personal)
        ]

    def unit_of(self, record):
        return _attribute(record, self.personal_unit) if self.personal_unit else None

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


SHEETS: dict[str, Sheet] = {}


def register(*sheets: Sheet) -> None:
    for sheet in sheets:
        SHEETS[sheet.name] = sheet


def sheet(name: str) -> Sheet:
    return SHEETS[name]


def country_code(text: str) -> str | None:
    """ISO code for a country written as its code, its English or its Vietnamese name (diacritic-blind)."""
    text = text.strip()
    if len(text) == 2 and text.upper() in countries:
        return text.upper()
    return _country_names().get(fold(text))


_COUNTRY_NAMES: dict[str, dict[str, str]] = {}


def _country_names() -> dict[str, str]:
    from django.utils import translation

    language = translation.get_language() or "vi"
    if language not in _COUNTRY_NAMES:
        names: dict[str, str] = {}
        for lang in ("en", "vi", language):
            with translation.override(lang):
                for code, name in countries:
                    names.setdefault(fold(str(name)), code)
        _COUNTRY_NAMES[language] = names
    return _COUNTRY_NAMES[language]


def _label_forms(label) -> set[str]:
    """A choice's label as written in a Vietnamese or an English file, folded: a file reads the same
    whatever the language of whoever exported it or imports it."""
    from django.utils import translation

    forms = set()
    for language in ("vi", "en"):
        with translation.override(language):
            forms.add(fold(str(label)))
    return forms


def _attribute(record, path: str):
    value = record
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    if callable(value) and not isinstance(value, models.Model):
        value = value()
    return value


def _whole(raw, message: str) -> int:
    if isinstance(raw, bool):
        raise CellError(message % {"value": raw})
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise CellError(message % {"value": raw})
    text = re.sub(r"[\s.,](?=\d{3}(\D|$))", "", str(raw))  # 30.000.000 or 30,000,000 or 30 000 000
    text = re.sub(r"\s*(đ|₫|vnd|đồng)$", "", text, flags=re.IGNORECASE)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(message % {"value": raw}) from None
    if number != number.to_integral_value():
        raise CellError(message % {"value": raw})
    return int(number)
