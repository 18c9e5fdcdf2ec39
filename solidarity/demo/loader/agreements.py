"""agreements.yaml: agreements, their signing steps, phases and commitments, through the agreements' services.

Each is replayed at the moment the data gives: entered by the officer of the
owning unit, its signing steps recorded as they were done, a commitment done
later marked done on the day it was.
"""

from __future__ import annotations

import datetime

from solidarity.agreements import services as agreement_services
from solidarity.agreements.choices import AgreementStatus, AgreementType, CommitmentStatus, SigningStepKind
from solidarity.agreements.models import Agreement, Commitment, Phase

from .context import Demo, at
from .files import Entry, entries
from .replay import acting

COMMITMENT_FIELDS = ("description", "responsible", "due_on", "due_year", "status", "done_on", "phase")


def load_agreements(demo: Demo) -> None:
    content = demo.read("agreements.yaml")
    for entry in entries(content, "agreements", label="ref"):
        entry.only(
            "ref", "owner", "title", "type", "partners", "status", "signed_on", "signed_place",
            "our_signatory", "partner_signatory", "valid_from", "valid_to", "renewal_warning_on",
            "international", "summary", "entered", "signing_steps", "phases", "commitments",
        )  # fmt: skip
        with entry.reporting():
            _agreement(demo, entry)


def _agreement(demo: Demo, entry: Entry) -> None:
    owner = demo.unit(entry, "owner")
    title = entry.text("title", required=True)
    entered = demo.moment(entry, "entered")
    by = demo.officer_for(entry, owner)
    agreement = Agreement.objects.filter(owner_unit=owner, title=title).first()
    if agreement is None:
        with acting(by, at=entered):
            agreement = agreement_services.agreement_create(
                by=by,
                owner_unit=owner,
                partners=demo.partners(entry, "partners"),
                title=title,
                agreement_type=entry.choice("type", AgreementType),
                status=entry.choice("status", AgreementStatus),
                signed_on=entry.date("signed_on"),
                signed_place=entry.text("signed_place"),
                our_signatory=entry.text("our_signatory"),
                partner_signatory=entry.text("partner_signatory"),
                valid_from=entry.date("valid_from"),
                valid_to=entry.date("valid_to"),
                renewal_warning_on=entry.date("renewal_warning_on"),
                is_international_agreement=entry.flag("international", default=True),
                summary=entry.text("summary"),
            )
        demo.created["agreements"] += 1
        demo.created["signing steps"] += agreement.signing_steps.count()
        _signing_steps(demo, entry, agreement, by=by, entered=entered)
    demo.keep_ref(entry, "agreements", agreement)
    phases = {}
    for phase in entry.part("phases", label="name"):
        phase.only("name", "start_year", "end_year", "entered", "contents")
        name = phase.text("name", required=True)
        when = demo.moment(phase, "entered", not_before=entered) if "entered" in phase else entered
        found = Phase.objects.filter(agreement=agreement, name=name).first()
        if found is None:
            with phase.reporting(), acting(by, at=when):
                found = agreement_services.phase_save(
                    agreement=agreement,
                    by=by,
                    name=name,
                    start_year=phase.integer("start_year", required=True),
                    end_year=phase.integer("end_year", required=True),
                    contents=phase.text("contents"),
                )
            demo.created["phases"] += 1
        phases[name] = (found, when)
    for item in entry.part("commitments", label="description"):
        item.only(*COMMITMENT_FIELDS)
        phase, when = phases.get(item.text("phase"), (None, entered))
        if item.text("phase") and phase is None:
            raise item.error(f"'phase: {item.text('phase')}' is not a phase of this agreement.")
        if Commitment.objects.filter(owner_unit=owner, description=item.text("description")).exists():
            continue
        status, done_on = commitment_status(item)
        with item.reporting(), acting(by, at=when):
            commitment = agreement_services.commitment_create(
                by=by,
                agreement=agreement,
                description=item.text("description", required=True),
                responsible_unit=demo.unit(item, "responsible"),
                due_on=item.date("due_on"),
                due_year=item.integer("due_year"),
                phase=phase,
                **status_at(status, done_on, when),
            )
        demo.created["commitments"] += 1
        mark_done_later(item, commitment, status=status, done_on=done_on, when=when, by=by)


def _signing_steps(demo: Demo, entry: Entry, agreement: Agreement, *, by, entered) -> None:
    """The steps done, each recorded when the agreement was entered, or on its day if later."""
    steps = {step.kind: step for step in agreement.signing_steps.all()}
    for item in entry.part("signing_steps", label="step"):
        item.only("step", "done_on", "note")
        kind = item.choice("step", SigningStepKind)
        if kind not in steps:
            raise item.error("only an international agreement has signing steps.")
        done_on = item.date("done_on")
        when = max(entered, at(done_on, 16)) if done_on else entered
        with item.reporting(), acting(by, at=when):
            agreement_services.signing_step_record(
                step=steps[kind], by=by, done_on=done_on, note=item.text("note")
            )


def commitment_status(item: Entry) -> tuple[str, datetime.date | None]:
    status = item.choice("status", CommitmentStatus, default=CommitmentStatus.PLANNED)
    done_on = item.date("done_on")
    if status == CommitmentStatus.DONE and done_on is None:
        raise item.error("a done commitment needs 'done_on'.")
    return status, done_on


def status_at(status: str, done_on, when: datetime.datetime) -> dict:
    """The status to record at ``when``: one done only later is still planned then."""
    if status == CommitmentStatus.DONE and at(done_on, 16) > when:
        return {"status": CommitmentStatus.PLANNED}
    return {"status": status, "done_on": done_on}


def mark_done_later(item: Entry, commitment: Commitment, *, status, done_on, when, by) -> None:
    """A commitment done after it was recorded is marked done on that day, as an officer would."""
    if status != CommitmentStatus.DONE or at(done_on, 16) <= when:
        return
    with item.reporting(), acting(by, at=at(done_on, 16)):
        agreement_services.commitment_set_status(
            commitment=commitment,
            by=by,
            expected_version=commitment.version,
            status=CommitmentStatus.DONE,
            done_on=done_on,
        )
