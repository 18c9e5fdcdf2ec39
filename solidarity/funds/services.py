"""Writes to social funds and their ledgers. Every write is atomic and checks the one permission rule.

The ledger rules: an entry is dated, in whole đồng, more than zero; it is
never changed or deleted, only reversed (once) by an entry that cancels it;
nothing dated on or before the fund's ``closed_through`` can be added or
reversed; a closing is a leader's act and only moves forward. Each write
locks the fund's row, so a closing and an entry in the same moment are seen
one after the other, and keeps the fund's balance and the figures in step.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, has_role_on, may_edit
from solidarity.core.files import validate_upload
from solidarity.core.ledger import reversal_errors
from solidarity.core.templatetags.core_tags import vnd
from solidarity.figures.services import sync as sync_figures
from solidarity.records.attachments import attachment_add
from solidarity.records.base import (
    record_archive,
    record_restore,
    refuse_owner_change,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.units.models import Unit

from .choices import Direction, FundUse, IncomeSource
from .models import MAX_VND, Fund, FundClosing, FundEntry, balance_effect

FUND_FIELDS = ("name", "purpose", "rules")


def _clean_fund_fields(fields: dict) -> dict:
    fields = {name: value for name, value in fields.items() if name in FUND_FIELDS}
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        if not fields["name"]:
            raise ValidationError({"name": _("Give the fund a name.")})
    return fields


@transaction.atomic
def fund_create(*, by, owner_unit: Unit, **fields) -> Fund:
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot keep a fund for %(unit)s.") % {"unit": owner_unit})
    fund = Fund(owner_unit=owner_unit, created_by=by, **_clean_fund_fields(fields))
    fund.full_clean(exclude=["created_by", "archived_by"])
    fund._history_user = by
    fund._change_reason = "create"
    fund.save()
    return fund


def fund_update(*, fund: Fund, by, expected_version: int, **fields) -> Fund:
    """Name, purpose and rules; the ledger is written entry by entry, never here."""
    refuse_owner_change(fields, fund)
    return save_versioned(
        record=fund, expected_version=expected_version, by=by, fields=_clean_fund_fields(fields)
    )


def fund_archive(*, fund: Fund, by) -> Fund:
    """Only a fund opened by mistake, with no entry: a ledger with entries keeps its history."""
    require_edit(user=by, record=fund)
    if fund.entries.exists():
        raise ValidationError(_("A fund with entries cannot be archived: its ledger keeps its history."))
    return record_archive(record=fund, by=by)


def fund_restore(*, fund: Fund, by) -> Fund:
    return record_restore(record=fund, by=by)


def _locked(fund: Fund, by) -> Fund:
    """The fund's row, locked for this write, once ``by`` may write to it."""
    require_edit(user=by, record=fund)
    current = Fund.objects.select_for_update().select_related("owner_unit").get(pk=fund.pk)
    require_active(current)
    return current


def _closed_error(fund: Fund) -> str:
    return _("The fund's books are closed through %(day)s: nothing dated on or before it can change.") % {
        "day": fund.closed_through.strftime("%d/%m/%Y")
    }


def _whole_amount(value, errors: dict) -> int | None:
    if value in (None, ""):
        errors["amount_vnd"] = _("Give the amount in đồng.")
        return None
    if int(value) != value:
        errors["amount_vnd"] = _("Amounts in VND are whole đồng: remove the decimals.")
        return None
    if value <= 0:
        errors["amount_vnd"] = _("The amount must be more than zero.")
        return None
    if value > MAX_VND:
        errors["amount_vnd"] = _("This amount is too large: at most %(max)s đồng.") % {"max": vnd(MAX_VND)}
        return None
    return int(value)


def _entry_fields(*, direction, source, use, purpose, beneficiaries, errors: dict) -> dict:
    """The fields a direction asks for, the others blank: income has a source, spending a use."""
    if direction == Direction.INCOME:
        if source not in IncomeSource.values:
            errors["source"] = _("Say where the money came from.")
        return {"source": source or "", "use": "", "purpose": (purpose or "").strip(), "beneficiaries": None}
    if direction == Direction.SPENDING:
        if use not in FundUse.values:
            errors["use"] = _("Say what the money was used for.")
        if not (purpose or "").strip():
            errors["purpose"] = _("Describe the spending: for whom, for what.")
        if beneficiaries is not None and beneficiaries < 0:
            errors["beneficiaries"] = _("The number of beneficiaries cannot be negative.")
        return {
            "source": "",
            "use": use or "",
            "purpose": (purpose or "").strip(),
            "beneficiaries": beneficiaries,
        }
    errors["direction"] = _("Choose income or spending.")
    return {}


def entry_add(
    *,
    fund: Fund,
    by,
    direction: str,
    entry_on: datetime.date,
    amount_vnd: int,
    source: str = "",
    use: str = "",
    purpose: str = "",
    beneficiaries: int | None = None,
    voucher: str = "",
    note: str = "",
    upload=None,
) -> FundEntry:
    """One income or spending line of ``fund``'s ledger, with its file (checked by its content) if any."""
    with transaction.atomic():
        fund = _locked(fund, by)
        errors: dict = {}
        amount = _whole_amount(amount_vnd, errors)
        fields = _entry_fields(
            direction=direction,
            source=source,
            use=use,
            purpose=purpose,
            beneficiaries=beneficiaries,
            errors=errors,
        )
        if entry_on is None:
            errors["entry_on"] = _("Give the date.")
        elif fund.is_closed_on(entry_on):
            errors["entry_on"] = _closed_error(fund)
        if errors:
            raise ValidationError(errors)
        entry = FundEntry(
            fund=fund,
            direction=direction,
            entry_on=entry_on,
            amount_vnd=amount,
            voucher=(voucher or "").strip(),
            note=(note or "").strip(),
            created_by=by,
            **fields,
        )
        return _write(fund, entry, by=by, upload=upload)


def entry_reverse(
    *, entry: FundEntry, by, reason: str, on: datetime.date | None = None, upload=None
) -> FundEntry:
    """Cancel ``entry`` by an entry of the same amount, dated ``on`` (today by default), saying why;
    ``upload``: the reversal's own file (the document that voids the first one)."""
    with transaction.atomic():
        fund = _locked(entry.fund, by)
        entry = FundEntry.objects.select_related("reversal").get(pk=entry.pk)
        on = on or timezone.localdate()
        errors = reversal_errors(
            line=entry, line_date=entry.entry_on, reason=reason, on=on, line_key="entry", date_key="entry_on"
        )
        if fund.is_closed_on(entry.entry_on):
            errors["entry"] = _closed_error(fund)
        if fund.is_closed_on(on):
            errors["entry_on"] = _closed_error(fund)
        if errors:
            raise ValidationError(errors)
        reversal = FundEntry(
            fund=fund,
            direction=entry.direction,
            entry_on=on,
            amount_vnd=entry.amount_vnd,
            source=entry.source,
            use=entry.use,
            purpose=entry.purpose,
            beneficiaries=entry.beneficiaries,
            voucher=entry.voucher,
            note=reason.strip(),
            reverses=entry,
            created_by=by,
        )
        return _write(fund, reversal, by=by, upload=upload)


def _write(fund: Fund, entry: FundEntry, *, by, upload=None) -> FundEntry:
    """Save a new entry with its file, its effect on the fund's balance and the figures (caller holds
    the lock). A file refused for its content refuses the entry: nothing is written."""
    entry.full_clean(exclude=["created_by", "fund", "reverses"])
    if upload is not None:
        try:
            validate_upload(upload)  # before anything is written
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
    entry.save(force_insert=True)
    if upload is not None:
        entry.fund = fund
        attachment_add(record=entry, upload=upload, by=by)
    Fund.objects.filter(pk=fund.pk).update(balance_vnd=fund.balance_vnd + entry.signed_vnd)
    sync_figures(entry)
    return entry


def may_close(user, fund: Fund) -> bool:
    """Closing the books is a leader's (or administrator's) act on the owning unit or above."""
    return has_role_on(user, fund.owner_unit, Role.LEADER)


def fund_close(*, fund: Fund, by, through: datetime.date) -> FundClosing:
    """Close the books through ``through``: later than the last closing, not after today."""
    with transaction.atomic():
        fund = _locked(fund, by)
        if not may_close(by, fund):
            raise PermissionDenied(
                _("Only a leader of %(unit)s or above closes its funds' books.") % {"unit": fund.owner_unit}
            )
        if through is None:
            raise ValidationError({"closed_through": _("Give the last day of the period to close.")})
        if through > timezone.localdate():
            raise ValidationError({"closed_through": _("A period can only be closed once it has ended.")})
        if fund.closed_through is not None and through <= fund.closed_through:
            raise ValidationError(
                {
                    "closed_through": _(
                        "The books are already closed through %(day)s; a closing only moves forward."
                    )
                    % {"day": fund.closed_through.strftime("%d/%m/%Y")}
                }
            )
        balance = FundEntry.objects.filter(fund=fund, entry_on__lte=through).aggregate(
            total=Sum(balance_effect(), default=0)
        )["total"]
        closing = FundClosing.objects.create(
            fund=fund, closed_through=through, closed_by=by, balance_vnd=balance
        )
        fund.closed_through = through
        fund.version += 1  # a form opened before the closing shows it
        fund._history_user = by
        fund._change_reason = "close"
        fund.save(update_fields=["closed_through", "version", "updated_at"])
        return closing
