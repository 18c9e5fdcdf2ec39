"""Writes to sponsorship projects, their disbursements, reports to the donor and linked activities.

Every write is atomic and checks ``may_edit`` on the project's owner. Money in a
foreign currency is kept as typed with its rate; its VND value is derived
(amount × rate, rounded to the đồng), never typed twice.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit
from solidarity.core.ledger import reversal_errors, signed
from solidarity.figures.services import sync as sync_figures
from solidarity.records.base import (
    record_archive,
    record_restore,
    refuse_owner_change,
    require_active,
    require_edit,
    save_versioned,
)
from solidarity.units.models import Unit

from .models import MAX_AMOUNT, MAX_VND, Disbursement, DonorReport, Project

PROJECT_FIELDS = (
    "owner_unit",
    "title",
    "donor",
    "partner",
    "objectives",
    "start_on",
    "end_on",
    "status",
    "currency",
    "budget_amount",
    "budget_rate",
)


def _dots(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def value_in_vnd(*, currency: str, amount, rate, amount_field: str, rate_field: str) -> tuple[dict, dict]:
    """``{"currency", "amount", "rate", "vnd"}`` to store, or field errors. Never guesses a rate."""
    errors: dict = {}
    currency = (currency or "VND").strip().upper()
    if len(currency) != 3 or not currency.isalpha() or not currency.isascii():
        errors["currency"] = _("Use a three-letter currency code such as VND, USD or EUR.")
    try:
        amount = None if amount in (None, "") else Decimal(amount)
        rate = None if rate in (None, "") else Decimal(rate)
    except InvalidOperation:
        errors[amount_field] = _("Type the amount in digits, e.g. 50.000.000.")
        return {}, errors
    if amount is None:
        errors[amount_field] = _("Give the amount.")
    elif not amount.is_finite() or amount <= 0:
        errors[amount_field] = _("The amount must be more than zero.")
    elif amount > MAX_AMOUNT:
        errors[amount_field] = _("This amount is too large: at most %(max)s.") % {"max": _dots(MAX_AMOUNT)}
    if currency == "VND":
        if amount is not None and amount.is_finite() and amount != amount.to_integral_value():
            errors[amount_field] = _("Amounts in VND are whole đồng: remove the decimals.")
        if errors:
            return {}, errors
        return {"currency": "VND", "amount": amount, "rate": None, "vnd": int(amount)}, errors
    if rate is None:
        errors[rate_field] = _("Give the exchange rate: how many đồng one %(currency)s was worth.") % {
            "currency": currency
        }
    elif not rate.is_finite() or rate <= 0:
        errors[rate_field] = _("The exchange rate must be more than zero.")
    if errors:
        return {}, errors
    product = amount * rate
    if product > MAX_VND:
        errors[amount_field] = _("%(amount)s %(currency)s × %(rate)s is more than %(max)s đồng: check the amount and the rate.") % {  # noqa: E501
            "amount": amount, "currency": currency, "rate": rate, "max": _dots(MAX_VND)
        }  # fmt: skip
        return {}, errors
    vnd = int(product.quantize(Decimal(1), ROUND_HALF_UP))
    return {"currency": currency, "amount": amount, "rate": rate, "vnd": vnd}, errors


def _project_fields(fields: dict) -> dict:
    """The project's fields to store, with its budget's VND value, or a ValidationError."""
    errors: dict = {}
    fields = {name: value for name, value in fields.items() if name in PROJECT_FIELDS}
    money, money_errors = value_in_vnd(
        currency=fields.get("currency", "VND"),
        amount=fields.get("budget_amount"),
        rate=fields.get("budget_rate"),
        amount_field="budget_amount",
        rate_field="budget_rate",
    )
    errors.update(money_errors)
    start, end = fields.get("start_on"), fields.get("end_on")
    if start and end and end < start:
        errors["end_on"] = _("The end date cannot be before the start date.")
    if not (fields.get("title") or "").strip():
        errors["title"] = _("Give the project's title.")
    partner = fields.get("partner")
    if partner is not None and partner == fields.get("donor"):
        errors["partner"] = _(
            "The implementing partner is another organisation than the donor; leave it empty."
        )
    if errors:
        raise ValidationError(errors)
    fields["title"] = fields["title"].strip()
    fields.update(
        currency=money["currency"],
        budget_amount=money["amount"],
        budget_rate=money["rate"],
        budget_vnd=money["vnd"],
    )
    return fields


def _sync_disbursements(project: Project) -> None:
    """Its disbursements count for the project's owner, donor and its country, unless it is archived."""
    for disbursement in project.disbursements.order_by("pk"):
        sync_figures(disbursement)


@transaction.atomic
def project_create(*, by, owner_unit: Unit, **fields) -> Project:
    if not may_edit(by, owner_unit):
        raise PermissionDenied(_("You cannot record projects for %(unit)s.") % {"unit": owner_unit})
    fields = _project_fields({**fields, "owner_unit": owner_unit})
    project = Project(created_by=by, **fields)
    project.full_clean(exclude=["created_by", "archived_by"])
    project._change_reason = "create"
    project._history_user = by
    project.save()
    return project


def project_update(*, project: Project, by, expected_version: int, **fields) -> Project:
    """Save an edit; raises EditConflict when someone saved since ``expected_version``."""
    require_edit(user=by, record=project)
    require_active(project)
    refuse_owner_change(fields, project)
    fields = _project_fields({**fields, "owner_unit": project.owner_unit})
    fields.pop("owner_unit")
    with transaction.atomic():
        project = save_versioned(record=project, expected_version=expected_version, by=by, fields=fields)
        _sync_disbursements(project)  # the donor, hence its country, may have changed
    return project


def project_archive(*, project: Project, by) -> Project:
    with transaction.atomic():
        project = record_archive(record=project, by=by)
        _sync_disbursements(project)
    return project


def project_restore(*, project: Project, by) -> Project:
    with transaction.atomic():
        project = record_restore(record=project, by=by)
        _sync_disbursements(project)
    return project


def _require_writable(*, by, project: Project) -> None:
    require_edit(user=by, record=project)
    require_active(project)


def _recount_received(project: Project) -> None:
    # A plain UPDATE: money coming in is no edit of the project's fields, so an open edit form stays valid.
    total = project.disbursements.aggregate(total=Sum(signed("amount_vnd"), default=0))["total"]
    Project.objects.filter(pk=project.pk).update(received_vnd=total)
    project.received_vnd = total


@transaction.atomic
def disbursement_add(
    *,
    project: Project,
    by,
    received_on: datetime.date,
    amount,
    currency: str = "",
    rate=None,
    note: str = "",
) -> Disbursement:
    """Money received for ``project``: in its currency (or another), valued at the rate of the day."""
    _require_writable(by=by, project=project)
    money, errors = value_in_vnd(
        currency=currency or project.currency,
        amount=amount,
        rate=rate,
        amount_field="amount",
        rate_field="rate",
    )
    if received_on is None:
        errors["received_on"] = _("Give the date the money was received.")
    if errors:
        raise ValidationError(errors)
    disbursement = Disbursement(
        project=project,
        received_on=received_on,
        currency=money["currency"],
        amount=money["amount"],
        rate=money["rate"],
        amount_vnd=money["vnd"],
        note=(note or "").strip(),
    )
    disbursement.full_clean()
    disbursement._history_user = by
    disbursement.save()
    _recount_received(project)
    sync_figures(disbursement)
    return disbursement


def disbursement_reverse(
    *, disbursement: Disbursement, by, reason: str, on: datetime.date | None = None
) -> Disbursement:
    """Cancel money entered by mistake with a reversal of the same amount, dated ``on`` (today by
    default), saying why: both lines stay, the project's total and the figures drop by it."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=disbursement.project_id)
        _require_writable(by=by, project=project)
        disbursement = Disbursement.objects.select_related("reversal").get(pk=disbursement.pk)
        on = on or timezone.localdate()
        errors = reversal_errors(
            line=disbursement,
            line_date=disbursement.received_on,
            reason=reason,
            on=on,
            line_key="disbursement",
            date_key="received_on",
        )
        if errors:
            raise ValidationError(errors)
        reversal = Disbursement(
            project=project,
            received_on=on,
            currency=disbursement.currency,
            amount=disbursement.amount,
            rate=disbursement.rate,
            amount_vnd=disbursement.amount_vnd,
            note=reason.strip()[:300],
            reverses=disbursement,
        )
        reversal.full_clean(exclude=["reverses"])
        reversal._history_user = by
        reversal.save()
        _recount_received(project)
        sync_figures(reversal)
        return reversal


@transaction.atomic
def donor_report_add(*, project: Project, by, title: str, due_on: datetime.date) -> DonorReport:
    _require_writable(by=by, project=project)
    if not (title or "").strip():
        raise ValidationError({"title": _("Say which report is due, e.g. the six-month narrative report.")})
    report = DonorReport(project=project, title=title.strip(), due_on=due_on)
    report.full_clean()
    report._history_user = by
    report.save()
    return report


@transaction.atomic
def donor_report_submit(*, report: DonorReport, by, submitted_on: datetime.date) -> DonorReport:
    _require_writable(by=by, project=report.project)
    if submitted_on is None:
        raise ValidationError({"submitted_on": _("Give the date the report was sent to the donor.")})
    report.submitted_on = submitted_on
    report.full_clean()
    report._history_user = by
    report.save(update_fields=["submitted_on"])
    return report


@transaction.atomic
def donor_report_remove(*, report: DonorReport, by) -> None:
    _require_writable(by=by, project=report.project)
    report._history_user = by
    report.delete()


# The activities a project may carry out: the project's relation by linked model.
LINKS = {"meeting": "meetings", "delegation": "delegations", "support": "support_records"}


def _relation(project: Project, record: models.Model):
    name = LINKS.get(record._meta.model_name)
    if name is None:
        raise ValidationError(_("Only meetings, delegations and support can be linked to a project."))
    return getattr(project, name)


@transaction.atomic
def project_link(*, project: Project, by, record: models.Model) -> None:
    """Link an activity the project carried out; only one ``by`` may see."""
    _require_writable(by=by, project=project)
    relation = _relation(project, record)
    if not type(record).objects.visible_to(by).filter(pk=record.pk).exists():
        raise ValidationError(_("You cannot link this record."))
    relation.add(record)


@transaction.atomic
def project_unlink(*, project: Project, by, record: models.Model) -> None:
    _require_writable(by=by, project=project)
    _relation(project, record).remove(record)
