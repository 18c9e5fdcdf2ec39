"""Writes to support given and received. Amounts in VND are whole đồng.

The total in VND is derived, never typed twice: from the original amount and
the exchange rate when the support was in a foreign currency, else from the
items when there are any, else as entered.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit
from solidarity.figures.services import sync as sync_figures
from solidarity.plans.choices import PlanItemKind
from solidarity.plans.services import require_plan_item
from solidarity.records.base import (
    EditConflict,
    record_archive,
    record_restore,
    refuse_owner_change,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.units.models import Unit

from .choices import SupportDirection
from .models import MAX_QUANTITY, MAX_VND, Support, SupportItem

SUPPORT_FIELDS = (
    "owner_unit",
    "direction",
    "partner",
    "given_on",
    "form",
    "description",
    "currency",
    "amount_original",
    "exchange_rate",
    "total_vnd",
    "funding_source",
    "delegation",
    "meeting",
    "plan_item",
    "out_of_plan_reason",
)


def whole_dong_error() -> str:
    return _("Amounts in VND are whole đồng: remove the decimals.")


def too_large_error() -> str:
    return _("This amount is too large: at most %(max)s đồng.") % {"max": f"{MAX_VND:,}".replace(",", ".")}


def _whole(value, field: str, errors: dict):
    """``value`` as an int of đồng, or an error when it has a fractional part or is negative."""
    if value in (None, ""):
        return None
    if isinstance(value, float | Decimal):
        if not Decimal(value).is_finite():
            errors[field] = _("Type the amount in digits, e.g. 50.000.000.")
            return None
        if Decimal(value) != Decimal(value).to_integral_value():
            errors[field] = whole_dong_error()
            return None
    value = int(value)
    if value < 0:
        errors[field] = _("An amount cannot be negative.")
        return None
    if value > MAX_VND:
        errors[field] = too_large_error()
        return None
    return value


def clean_items(items) -> tuple[list[dict], dict]:
    cleaned, errors = [], {}
    for index, item in enumerate(items, start=1):
        description = (item.get("description") or "").strip()
        quantity = item.get("quantity")
        item_errors: dict = {}
        value = _whole(item.get("value_vnd"), "value_vnd", item_errors)
        if not description:
            item_errors["description"] = _("Say what was given.")
        if quantity is None or int(quantity) < 1 or int(quantity) != quantity:
            item_errors["quantity"] = _("The quantity is a whole number of at least 1.")
        elif int(quantity) > MAX_QUANTITY:
            item_errors["quantity"] = _("The quantity is at most %(max)s.") % {
                "max": f"{MAX_QUANTITY:,}".replace(",", ".")
            }
        if value is None and "value_vnd" not in item_errors:
            item_errors["value_vnd"] = _("Give the value in VND.")
        if item_errors:
            errors["items"] = _("Item %(n)s: %(errors)s") % {
                "n": index,
                "errors": " ".join(str(e) for e in item_errors.values()),
            }
            break
        cleaned.append(
            {"id": item.get("id"), "description": description, "quantity": int(quantity), "value_vnd": value}
        )
    return cleaned, errors


def compute_total(
    *, currency: str, amount_original, exchange_rate, items: list[dict], total_vnd
) -> tuple[dict, dict]:
    """The money fields to store, or field errors. Never guesses a rate."""
    errors: dict = {}
    currency = (currency or "VND").strip().upper()
    items_sum = sum(item["value_vnd"] for item in items) if items else None
    if len(currency) != 3 or not currency.isalpha():
        errors["currency"] = _("Use a three-letter currency code such as VND, USD or LAK.")
    if currency != "VND":
        if amount_original in (None, ""):
            errors["amount_original"] = _("Give the amount in %(currency)s.") % {"currency": currency}
        elif not Decimal(amount_original).is_finite() or Decimal(amount_original) <= 0:
            errors["amount_original"] = _("The amount must be more than zero.")
        if exchange_rate in (None, ""):
            errors["exchange_rate"] = _(
                "Give the exchange rate: how many đồng one %(currency)s was worth."
            ) % {"currency": currency}
        elif not Decimal(exchange_rate).is_finite() or Decimal(exchange_rate) <= 0:
            errors["exchange_rate"] = _("The exchange rate must be more than zero.")
        if errors:
            return {}, errors
        product = Decimal(amount_original) * Decimal(exchange_rate)
        if product > MAX_VND:
            errors["amount_original"] = _(
                "%(amount)s %(currency)s × %(rate)s is more than %(max)s đồng: check the amount and the rate."
            ) % {
                "amount": amount_original,
                "currency": currency,
                "rate": exchange_rate,
                "max": f"{MAX_VND:,}".replace(",", "."),
            }
            return {}, errors
        total = int(product.quantize(Decimal(1), ROUND_HALF_UP))
        if items_sum is not None and items_sum != total:
            errors["items"] = _(
                "The items add up to %(items)s đồng but %(amount)s %(currency)s × %(rate)s = %(total)s đồng. "
                "Make them agree."
            ) % {
                "items": f"{items_sum:,}".replace(",", "."),
                "amount": amount_original,
                "currency": currency,
                "rate": exchange_rate,
                "total": f"{total:,}".replace(",", "."),
            }
            return {}, errors
        return {
            "currency": currency,
            "amount_original": Decimal(amount_original),
            "exchange_rate": Decimal(exchange_rate),
            "total_vnd": total,
        }, errors
    if items_sum is not None:
        total = items_sum
        if total > MAX_VND:
            errors["items"] = too_large_error()
    else:
        total = _whole(total_vnd, "total_vnd", errors)
        if total is None and not errors:
            errors["total_vnd"] = _("Give the total in VND, or list the items.")
    if errors:
        return {}, errors
    return {"currency": "VND", "amount_original": None, "exchange_rate": None, "total_vnd": total}, errors


def _check_links(*, by, fields: dict, errors: dict, stored=None) -> None:
    """Links only to what ``by`` may see; the ``stored`` record's own links stay (a level above
    may have made them)."""
    delegation, meeting = fields.get("delegation"), fields.get("meeting")
    if delegation is not None and meeting is not None:
        errors["meeting"] = _("Link the support to a delegation or to a meeting, not both.")
    if (
        delegation is not None
        and delegation.pk != getattr(stored, "delegation_id", None)
        and not type(delegation).objects.visible_to(by).filter(pk=delegation.pk).exists()
    ):
        errors["delegation"] = _("You cannot link this delegation.")
    if (
        meeting is not None
        and meeting.pk != getattr(stored, "meeting_id", None)
        and not type(meeting).objects.visible_to(by).filter(pk=meeting.pk).exists()
    ):
        errors["meeting"] = _("You cannot link this meeting.")


def _check_plan_item(*, fields: dict, owner_unit: Unit, stored=None) -> None:
    """Support given may carry out a "support to give" of the owner's plan of the year it is given."""
    if fields.get("plan_item") is None:
        return
    if (fields.get("direction") or getattr(stored, "direction", "")) != SupportDirection.GIVEN:
        raise ValidationError({"plan_item": _("Only support given carries out an item of the plan.")})
    given_on = fields.get("given_on") or getattr(stored, "given_on", None)
    require_plan_item(
        item=fields["plan_item"],
        owner_unit=owner_unit,
        year=given_on.year if given_on else None,
        kinds=(PlanItemKind.SUPPORT,),
        stored_id=getattr(stored, "plan_item_id", None),
    )


def _prepare(
    *, by, fields: dict, items, stored=None, owner_unit: Unit | None = None
) -> tuple[dict, list[dict]]:
    _check_plan_item(fields=fields, owner_unit=owner_unit or stored.owner_unit, stored=stored)
    errors: dict = {}
    items, item_errors = clean_items(items or [])
    errors.update(item_errors)
    money, money_errors = compute_total(
        currency=fields.get("currency", "VND"),
        amount_original=fields.get("amount_original"),
        exchange_rate=fields.get("exchange_rate"),
        items=items,
        total_vnd=fields.get("total_vnd"),
    )
    errors.update(money_errors)
    _check_links(by=by, fields=fields, errors=errors, stored=stored)
    if errors:
        raise ValidationError(errors)
    return {**{k: v for k, v in fields.items() if k in SUPPORT_FIELDS}, **money}, items


ITEM_FIELDS = ("description", "quantity", "value_vnd")


def _save_items(*, support: Support, items: list[dict], by) -> None:
    """Bring the support's items to ``items``: those with an id updated, the others added, the rest removed.

    Items keep their identity across edits, so the history tells which line
    was added, changed or removed instead of "everything replaced".
    """
    existing = {item.pk: item for item in support.items.all()}
    kept = set()
    for values in items:
        pk = values.get("id")
        if pk is None:
            item = SupportItem(support=support)
        elif pk in existing and pk not in kept:
            item = existing[pk]
            kept.add(pk)
            if all(getattr(item, name) == values[name] for name in ITEM_FIELDS):
                continue
        else:
            raise ValidationError(
                {"items": _("An item of this record was removed in the meantime. Open the record again.")}
            )
        for name in ITEM_FIELDS:
            setattr(item, name, values[name])
        item._history_user = by
        item.save()
    for pk, item in existing.items():
        if pk not in kept:
            item._history_user = by
            item.delete()


def _items_text(items) -> str:
    """Items as the edit conflict shows them: "Laptops (3): 45.000.000 ₫; ..."."""
    return "; ".join(str(SupportItem(**{name: item[name] for name in ITEM_FIELDS})) for item in items)


@transaction.atomic
def support_create(*, by, owner_unit: Unit, items=(), **fields) -> Support:
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot record support for %(unit)s.") % {"unit": owner_unit})
    fields, items = _prepare(by=by, fields=fields, items=items, owner_unit=owner_unit)
    support = Support(owner_unit=owner_unit, created_by=by, **fields)
    support.full_clean(exclude=["created_by", "archived_by"])
    support._change_reason = "create"
    support.save()
    _save_items(support=support, items=items, by=by)
    sync_figures(support)
    return support


def support_update(*, support: Support, by, expected_version: int, fields: dict, items=()) -> Support:
    """Save an edit with its items; raises EditConflict when someone saved since ``expected_version``."""
    require_edit(user=by, record=support)
    require_active(support)
    fields = dict(fields)
    refuse_owner_change(fields, support)
    fields, items = _prepare(by=by, fields=fields, items=items, stored=support)
    with transaction.atomic():
        try:
            support = save_versioned(record=support, expected_version=expected_version, by=by, fields=fields)
        except EditConflict as conflict:
            theirs = _items_text(conflict.current.items.values(*ITEM_FIELDS))
            yours = _items_text(items)
            if theirs != yours:
                conflict.changes.append((str(SupportItem._meta.verbose_name_plural), theirs, yours))
            raise
        _save_items(support=support, items=items, by=by)
        sync_figures(support)
    return support


def support_archive(*, support: Support, by) -> Support:
    return record_archive(record=support, by=by)


def support_restore(*, support: Support, by) -> Support:
    return record_restore(record=support, by=by)
