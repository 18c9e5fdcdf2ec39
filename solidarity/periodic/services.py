"""Writes to period reports: prepare, edit, quote a child's text, submit, return, accept, withdraw.

Keyword-only, atomic, permission-checking. The workflow's rules (who may take
which step, the comment a return needs, the event rows) are
``records.workflow``'s; the figures are frozen here at each submission.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_edit
from solidarity.core.choices import Action
from solidarity.records.base import require_active, require_edit, save_versioned
from solidarity.records.workflow import require_writable, transition

from .choices import PeriodKind, ReportState
from .models import DocumentNumber, PeriodicReport

TEXT_FIELDS = ("results", "difficulties", "proposals")
EDIT_FIELDS = (*TEXT_FIELDS, "signer_authority", "signer_title", "signer_name", "recipients")


def take_number(*, unit, year: int, kind: str = "BC") -> int:
    """The next number of ``unit``'s register for ``year``: the register row is locked until the
    surrounding transaction ends, so two submissions at once never get the same number."""
    register, _created = DocumentNumber.objects.get_or_create(unit=unit, year=year, kind=kind)
    register = DocumentNumber.objects.select_for_update().get(pk=register.pk)
    register.last += 1
    register.save(update_fields=["last"])
    return register.last


@transaction.atomic
def periodic_prepare(*, by, unit, kind: str, year: int) -> PeriodicReport:
    """The unit's report for the period: the one being prepared, or a new draft."""
    if not may_edit(by, unit):
        raise PermissionDenied(_("You cannot prepare reports of %(unit)s.") % {"unit": unit})
    if kind not in PeriodKind.values:
        raise ValidationError(_("Unknown reporting period."))
    existing = PeriodicReport.objects.active().filter(owner_unit=unit, kind=kind, year=year).first()
    if existing is not None:
        return existing
    report = PeriodicReport(owner_unit=unit, kind=kind, year=year, created_by=by)
    report._history_user = by
    report.save()
    return report


def periodic_update(*, report: PeriodicReport, by, expected_version: int, **fields) -> PeriodicReport:
    unknown = set(fields) - set(EDIT_FIELDS)
    if unknown:
        raise ValidationError(
            _("These cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    return save_versioned(
        record=report, expected_version=expected_version, by=by, fields=fields, check=require_writable
    )


def periodic_quote(*, report: PeriodicReport, source: PeriodicReport, field: str, by) -> PeriodicReport:
    """Append a child unit's submitted text to the same part of ``report``, naming the child."""
    if field not in TEXT_FIELDS:
        raise ValidationError(_("Unknown part of the report."))
    child_of_owner = (
        source.owner_unit.depth == report.owner_unit.depth + 1
        and source.owner_unit.path.startswith(report.owner_unit.path)
    )
    if not child_of_owner or (source.kind, source.year) != (report.kind, report.year):
        raise ValidationError(
            _("Only the reports of the units directly below, for the same period, can be quoted.")
        )
    if source.first_submitted_at is None or source.state == ReportState.DRAFT:
        raise ValidationError(_("Only a submitted report can be quoted."))
    text = (getattr(source, field) or "").strip()
    if not text:
        return report
    current = getattr(report, field).rstrip()
    quoted = f"{source.owner_unit.display_name}: {text}"
    value = f"{current}\n\n{quoted}" if current else quoted
    return periodic_update(report=report, by=by, expected_version=report.version, **{field: value})


def _require_results(current: PeriodicReport) -> None:
    if not current.results.strip():
        raise ValidationError({"results": _("Write the results before submitting the report.")})


def periodic_submit(*, report: PeriodicReport, by, comment: str = "") -> PeriodicReport:
    """Send the report to the parent's leaders: the figures are frozen as they are now, and the
    first submission takes the next number of the unit's register for this year."""
    from .selectors import live_report

    require_edit(user=by, record=report)
    with transaction.atomic():
        current = PeriodicReport.objects.select_for_update().get(pk=report.pk)
        require_active(current)
        current = transition(
            record=current, action=Action.SUBMIT, by=by, comment=comment, check=_require_results
        )
        now = timezone.now()
        # None only while reports.selectors is not installed: the report then carries no figures.
        report_now = live_report(user=by, unit=current.owner_unit, period=current.period())
        updates = {"figures": report_now.to_data() if report_now else None, "submitted_at": now}
        if not current.number:
            year = timezone.localdate(now).year
            number = take_number(unit=current.owner_unit, year=year)
            updates["number"] = f"{number:02d}/BC-{current.owner_unit.document_symbol}"
        if current.first_submitted_at is None:
            updates["first_submitted_at"] = now
        PeriodicReport.objects.filter(pk=current.pk).update(version=current.version + 1, **updates)
        current.refresh_from_db()
    return current


def periodic_withdraw(*, report: PeriodicReport, by, comment: str) -> PeriodicReport:
    """Take a submitted report back to draft (an accepted one stays as accepted)."""
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be withdrawn."))
    return _step(report, Action.WITHDRAW, by, comment)


def periodic_return(*, report: PeriodicReport, by, comment: str) -> PeriodicReport:
    return _step(report, Action.RETURN, by, comment)


def periodic_accept(*, report: PeriodicReport, by, comment: str = "") -> PeriodicReport:
    return _step(report, Action.APPROVE, by, comment)


def _step(report, action, by, comment):
    with transaction.atomic():
        current = transition(record=report, action=action, by=by, comment=comment)
        PeriodicReport.objects.filter(pk=current.pk).update(version=current.version + 1)
        current.refresh_from_db()
    return current


ACTIONS = {
    Action.SUBMIT: periodic_submit,
    Action.WITHDRAW: periodic_withdraw,
    Action.RETURN: periodic_return,
    Action.APPROVE: periodic_accept,
}
