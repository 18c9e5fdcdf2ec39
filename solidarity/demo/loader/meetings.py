"""meetings.yaml: meetings and their follow-up commitments, through the meetings' services.

A meeting we host that is international goes through approval: its
workflow steps are taken as the file says, and its follow-ups are recorded
when it is carried out (the moment the conclusions are known). Other meetings
are entered after the fact, follow-ups with them.
"""

from __future__ import annotations

from solidarity.agreements import services as agreement_services
from solidarity.agreements.choices import CommitmentStatus
from solidarity.agreements.models import Commitment
from solidarity.meetings import services as meeting_services
from solidarity.meetings.choices import MeetingKind
from solidarity.meetings.models import Meeting
from solidarity.records.workflow import Action

from .agreements import COMMITMENT_FIELDS, commitment_status, mark_done_later, status_at
from .context import Demo
from .files import Entry, entries
from .replay import acting
from .workflow import workflow_steps

FIELDS = (
    "ref", "owner", "kind", "title", "start_on", "end_on", "place", "country", "hosted", "international",
    "partners", "chairs", "agreement", "domestic_participants", "foreign_participants", "topics",
    "conclusions", "report", "entered", "workflow", "commitments",
)  # fmt: skip


def load_meetings(demo: Demo) -> None:
    for entry in entries(demo.read("meetings.yaml"), "meetings", label="ref"):
        entry.only(*FIELDS)
        with entry.reporting():
            _meeting(demo, entry)


def _meeting(demo: Demo, entry: Entry) -> None:
    owner = demo.unit(entry, "owner")
    title, start_on = entry.text("title", required=True), entry.date("start_on", required=True)
    found = Meeting.objects.filter(owner_unit=owner, title=title, start_on=start_on).first()
    if found is not None:
        demo.keep_ref(entry, "meetings", found)
        return
    entered = demo.moment(entry, "entered")
    by = demo.officer_for(entry, owner)
    steps = workflow_steps(demo, entry, entered=entered)
    with acting(by, at=entered):
        meeting = meeting_services.meeting_create(
            by=by,
            owner_unit=owner,
            partners=demo.partners(entry, "partners"),
            kind=entry.choice("kind", MeetingKind),
            title=title,
            hosted=entry.flag("hosted", default=True),
            is_international=entry.flag("international", default=True),
            start_on=start_on,
            end_on=entry.date("end_on"),
            place=entry.text("place"),
            country=entry.text("country"),
            chairs=entry.text("chairs"),
            agreement=demo.ref(entry, "agreement", "agreements"),
            domestic_participants=entry.integer("domestic_participants") or 0,
            foreign_participants=entry.integer("foreign_participants") or 0,
            topics=entry.text("topics"),
            conclusions=entry.text("conclusions"),
        )
    demo.created["meetings"] += 1
    demo.keep_ref(entry, "meetings", meeting)

    if not meeting.needs_approval:
        if steps or "report" in entry:
            raise entry.error("only a meeting we host that is international has a workflow and a report.")
        _follow_ups(demo, entry, meeting, by=by, when=entered)
        return
    if Action.CARRY_OUT not in [step.action for step in steps] and "commitments" in entry:
        raise entry.error("follow-ups are recorded when the meeting is carried out: add that step.")
    for step in steps:
        with step.entry.reporting(), acting(step.by, at=step.at):
            meeting, _warnings = meeting_services.meeting_take_action(
                meeting=meeting,
                action=step.action,
                by=step.by,
                comment=step.comment,
                report_text=entry.text("report") if step.action == Action.FILE_REPORT else "",
            )
        demo.created["workflow events"] += 1
        if step.action == Action.CARRY_OUT:
            _follow_ups(demo, entry, meeting, by=by, when=step.at)


def _follow_ups(demo: Demo, entry: Entry, meeting: Meeting, *, by, when) -> None:
    """What was agreed, as the officer records it: the follow-up, then its phase and status."""
    phases = {phase.name: phase for phase in meeting.agreement.phases.all()} if meeting.agreement else {}
    for item in entry.part("commitments", label="description"):
        item.only(*COMMITMENT_FIELDS)
        description = item.text("description", required=True)
        if Commitment.objects.filter(owner_unit=meeting.owner_unit, description=description).exists():
            continue
        phase = phases.get(item.text("phase"))
        if item.text("phase") and phase is None:
            raise item.error(f"'phase: {item.text('phase')}' is not a phase of the meeting's agreement.")
        status, done_on = commitment_status(item)
        with item.reporting(), acting(by, at=when):
            commitment = meeting_services.meeting_add_follow_up(
                meeting=meeting,
                by=by,
                description=description,
                responsible_unit=demo.unit(item, "responsible"),
                due_on=item.date("due_on"),
                due_year=item.integer("due_year"),
            )
            then = status_at(status, done_on, when)
            if phase is not None or then["status"] != CommitmentStatus.PLANNED:
                commitment = agreement_services.commitment_update(
                    commitment=commitment, by=by, expected_version=commitment.version, phase=phase, **then
                )
        demo.created["commitments"] += 1
        mark_done_later(item, commitment, status=status, done_on=done_on, when=when, by=by)
