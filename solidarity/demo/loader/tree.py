"""units.yaml: the union tree, then the 2025 reorganisation, through the units' services."""

from __future__ import annotations

from solidarity.units import services as unit_services
from solidarity.units.choices import UnitKind, UnitLevel
from solidarity.units.models import Unit, UnitSuccession

from .context import Demo
from .files import DataFile, entries

# The level a unit of each kind sits at (the screens ask for both).
LEVEL = {
    UnitKind.CONFEDERATION: UnitLevel.CENTRAL,
    UnitKind.PROVINCIAL_FEDERATION: UnitLevel.PROVINCE_SECTOR,
    UnitKind.SECTORAL_UNION: UnitLevel.PROVINCE_SECTOR,
    UnitKind.CORPORATION_UNION: UnitLevel.INTERMEDIATE,
    UnitKind.DISTRICT_FEDERATION: UnitLevel.INTERMEDIATE,
    UnitKind.COMMUNE_UNION: UnitLevel.INTERMEDIATE,
    UnitKind.INDUSTRIAL_ZONE_UNION: UnitLevel.INTERMEDIATE,
    UnitKind.PROVINCIAL_SECTOR_UNION: UnitLevel.INTERMEDIATE,
    UnitKind.OTHER: UnitLevel.INTERMEDIATE,
    UnitKind.GRASSROOTS_UNION: UnitLevel.GRASSROOTS,
}


def load_units(demo: Demo) -> None:
    content = demo.read("units.yaml")
    for entry in entries(content, "units", label="code"):
        entry.only("code", "parent", "name", "short_name", "kind", "valid_from", "doc_symbol")
        code = entry.text("code", required=True)
        if Unit.objects.filter(code=code).exists():
            continue
        kind = entry.choice("kind", UnitKind)
        with entry.reporting():
            # Fetched fresh each time: treebeard rewrites paths in SQL.
            parent = Unit.objects.filter(code=entry.text("parent")).first() if "parent" in entry else None
            if "parent" in entry and parent is None:
                raise entry.error(f"parent {entry.text('parent')} is not above it in units.yaml.")
            unit_services.unit_create(
                parent=parent,
                code=code,
                name=entry.text("name", required=True),
                short_name=entry.text("short_name"),
                doc_symbol=entry.text("doc_symbol"),
                kind=kind,
                level=LEVEL[kind],
                valid_from=entry.date("valid_from"),
            )
        demo.created["units"] += 1
    _reorganise(demo, content)
    demo.forget_units()


def _reorganise(demo: Demo, content: DataFile) -> None:
    """Merges and dissolutions, each applied only while the unit is still in force."""
    for entry in entries(content, "reorganisation", label=("dissolve", "into")):
        if "merge" in entry:
            entry.only("merge", "into", "on", "note")
            merged = [_unit(entry, code) for code in entry.names("merge")]
            pending = [unit for unit in merged if unit.valid_to is None]
            if not pending:
                continue
            with entry.reporting():
                unit_services.unit_merge(
                    units=pending,
                    into=_unit(entry, entry.text("into", required=True)),
                    on=entry.date("on", required=True),
                    note=entry.text("note"),
                )
            demo.created["successions"] += len(pending)
        elif "dissolve" in entry:
            entry.only("dissolve", "on", "successors", "children_to", "note")
            unit = _unit(entry, entry.text("dissolve"))
            if unit.valid_to is not None or UnitSuccession.objects.filter(predecessor=unit).exists():
                continue
            successors = [_unit(entry, code) for code in entry.names("successors")]
            with entry.reporting():
                unit_services.unit_dissolve(
                    unit=unit,
                    on=entry.date("on", required=True),
                    successors=successors,
                    children_to=_unit(entry, entry.text("children_to", required=True)),
                    note=entry.text("note"),
                )
            demo.created["successions"] += len(successors)
        else:
            raise entry.error("expected 'merge:' or 'dissolve:'.")


def _unit(entry, code: str) -> Unit:
    # Fresh from the database: every change to the tree rewrites paths.
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise entry.error(f"'{code}': no unit has this code.")
    return unit
