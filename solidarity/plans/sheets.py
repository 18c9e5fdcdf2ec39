"""How a record's spreadsheet row names the plan item it carries out: by the activity's title.

Plan items have no number of their own (an amendment copies them and may add
some before them), so a row names its item by title, as the officer reads it
in the plan: the export writes the item's title, the import looks it up among
the items of the owner unit's approved plan in force for the record's year
(diacritic- and case-blind). Two items of that plan with the same title are
told apart by their quarter, written as the app shows an item:
"Đoàn sang Lào (Q2/2025)".
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.core.text import fold
from solidarity.records.sheets import Column

from .models import PlanItem
from .selectors import current_plan


def _title(record) -> str | None:
    return record.plan_item.title if record.plan_item_id else None


def plan_columns() -> tuple[Column, Column]:
    """The plan item's and the outside-the-plan reason's columns of a record sheet (the sheet
    selects ``plan_item`` with the records: ``related``)."""
    return (
        Column(
            "plan_item",
            gettext_lazy("Plan item it carries out"),
            source=_title,
            note=gettext_lazy(
                "the activity's title as in the owning unit's approved plan of the record's year; "
                "empty: outside the annual plan"
            ),
        ),
        Column(
            "out_of_plan_reason",
            gettext_lazy("Reason for an activity outside the plan"),
            note=gettext_lazy("required when the plan item is empty"),
            example="Lời mời đột xuất của đối tác",
        ),
    )


class PlanItemTitles:
    """Finds plan items by title for the rows of one import, each plan read once (two queries)."""

    def __init__(self):
        self._plans: dict[tuple[int, int], tuple[object, list[PlanItem]]] = {}

    def _current(self, unit, year: int):
        key = (unit.pk, year)
        if key not in self._plans:
            plan = current_plan(unit=unit, year=year)
            items = list(plan.items.select_related("plan").order_by("quarter", "pk")) if plan else []
            self._plans[key] = (plan, items)
        return self._plans[key]

    def find(self, title: str, *, unit, year: int | None, kinds) -> PlanItem:
        """The item titled ``title`` of ``unit``'s approved plan of ``year``; a ValidationError on
        ``plan_item`` that says what is wrong otherwise. Of several, the one that fits ``kinds``
        and is not dropped; the service then checks the item as it checks a picked one."""
        if year is None:
            raise _refused(_("Give the record's date: the plan item is looked up in the plan of its year."))
        plan, items = self._current(unit, year)
        if plan is None:
            raise _refused(
                _("%(unit)s has no approved plan for %(year)s: leave the item empty, give the reason.")
                % {"unit": unit.display_name, "year": year}
            )
        wanted = fold(title)
        found = [item for item in items if wanted in (fold(item.title), fold(str(item)))]
        if len(found) > 1:
            found = [item for item in found if item.kind in kinds and not item.dropped] or found
        if not found:
            raise _refused(
                _("The approved plan %(year)s of %(unit)s has no activity “%(title)s”.")
                % {"year": year, "unit": unit.display_name, "title": title}
            )
        if len(found) > 1:
            raise _refused(
                _(
                    "The approved plan %(year)s of %(unit)s has several activities “%(title)s”: "
                    "write its quarter too, e.g. “%(example)s”."
                )
                % {"year": year, "unit": unit.display_name, "title": title, "example": str(found[0])}
            )
        return found[0]


def _refused(message: str) -> ValidationError:
    return ValidationError({"plan_item": message}, code="plan_item")
