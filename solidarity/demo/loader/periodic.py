"""period_reports.yaml: units' period reports, written and sent through the periodic services."""

from __future__ import annotations

from solidarity.periodic import services as periodic_services
from solidarity.periodic.choices import PeriodKind
from solidarity.periodic.models import PeriodicReport
from solidarity.records.workflow import Action

from .context import Demo
from .files import Entry, entries
from .replay import acting
from .workflow import workflow_steps

FIELDS = (
    "owner", "kind", "year", "entered", "results", "difficulties", "proposals",
    "signer_authority", "signer_title", "signer_name", "workflow",
)  # fmt: skip
TEXTS = ("results", "difficulties", "proposals", "signer_authority", "signer_title", "signer_name")
STEPS = {
    Action.SUBMIT: periodic_services.periodic_submit,
    Action.RETURN: periodic_services.periodic_return,
    Action.APPROVE: periodic_services.periodic_accept,
    Action.WITHDRAW: periodic_services.periodic_withdraw,
}


def load_period_reports(demo: Demo) -> None:
    for entry in entries(demo.read("period_reports.yaml"), "period_reports", label="owner"):
        entry.only(*FIELDS)
        with entry.reporting():
            _report(demo, entry)


def _report(demo: Demo, entry: Entry) -> None:
    owner = demo.unit(entry, "owner")
    kind = entry.choice("kind", PeriodKind)
    year = entry.integer("year", required=True)
    if PeriodicReport.objects.filter(owner_unit=owner, kind=kind, year=year).exists():
        return
    entered = demo.moment(entry, "entered")
    by = demo.officer_for(entry, owner)
    steps = workflow_steps(demo, entry, entered=entered)
    with acting(by, at=entered):
        report = periodic_services.periodic_prepare(by=by, unit=owner, kind=kind, year=year)
        report = periodic_services.periodic_update(
            report=report,
            by=by,
            expected_version=report.version,
            **{name: entry.text(name) for name in TEXTS},
        )
    demo.created["period reports"] += 1
    for step in steps:
        if step.action not in STEPS:
            raise step.entry.error(f"a period report takes these steps: {', '.join(STEPS)}.")
        with step.entry.reporting(), acting(step.by, at=step.at):
            report = STEPS[step.action](report=report, by=step.by, comment=step.comment)
        demo.created["workflow events"] += 1
