"""sponsorship.yaml: sponsorship projects with their money received and reports, through the services."""

from __future__ import annotations

from solidarity.sponsorship import services as sponsorship_services
from solidarity.sponsorship.choices import ProjectStatus
from solidarity.sponsorship.models import Project

from .context import Demo
from .files import Entry, entries
from .replay import acting

FIELDS = (
    "owner", "title", "donor", "partner", "objectives", "start_on", "end_on", "status", "currency",
    "budget_amount", "budget_rate", "meetings", "entered", "disbursements", "reports",
)  # fmt: skip


def load_sponsorship(demo: Demo) -> None:
    for entry in entries(demo.read("sponsorship.yaml"), "projects", label="title"):
        entry.only(*FIELDS)
        with entry.reporting():
            _project(demo, entry)


def _project(demo: Demo, entry: Entry) -> None:
    owner = demo.unit(entry, "owner")
    title = entry.text("title", required=True)
    if Project.objects.filter(owner_unit=owner, title=title).exists():
        return
    by = demo.officer_for(entry, owner)
    partner = entry.text("partner")
    with acting(by, at=demo.moment(entry, "entered")):
        project = sponsorship_services.project_create(
            by=by,
            owner_unit=owner,
            title=title,
            donor=demo.partner(entry, entry.text("donor", required=True)),
            partner=demo.partner(entry, partner) if partner else None,
            objectives=entry.text("objectives"),
            start_on=entry.date("start_on", required=True),
            end_on=entry.date("end_on"),
            status=entry.choice("status", ProjectStatus, default=ProjectStatus.PROPOSED),
            currency=entry.text("currency") or "VND",
            budget_amount=entry.decimal("budget_amount"),
            budget_rate=entry.decimal("budget_rate"),
        )
        for reference in entry.names("meetings"):
            meeting = demo.meetings.get(reference)
            if meeting is None:
                raise entry.error(f"'meetings: {reference}': no meeting has this ref (see meetings.yaml).")
            sponsorship_services.project_link(project=project, by=by, record=meeting)
        for money in entry.part("disbursements", label="received_on"):
            money.only("received_on", "amount", "currency", "rate", "note")
            sponsorship_services.disbursement_add(
                project=project,
                by=by,
                received_on=money.date("received_on", required=True),
                amount=money.decimal("amount"),
                currency=money.text("currency"),
                rate=money.decimal("rate"),
                note=money.text("note"),
            )
            demo.created["sponsorship disbursements"] += 1
        for due in entry.part("reports", label="title"):
            due.only("title", "due_on", "submitted_on")
            report = sponsorship_services.donor_report_add(
                project=project,
                by=by,
                title=due.text("title", required=True),
                due_on=due.date("due_on", required=True),
            )
            submitted_on = due.date("submitted_on")
            if submitted_on:
                sponsorship_services.donor_report_submit(report=report, by=by, submitted_on=submitted_on)
    demo.created["sponsorship projects"] += 1
