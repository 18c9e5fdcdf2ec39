"""What happens in the app that someone must be told: workflow steps and finished jobs.

The record kit and the job mechanism send signals (``records.signals``, ``jobs.signals``) and
import nothing of this app; the receivers here decide who is told, through the permission rule.
"""

from __future__ import annotations

from django.dispatch import receiver
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role
from solidarity.core.choices import Action
from solidarity.jobs.models import JobState
from solidarity.jobs.signals import job_finished
from solidarity.plans.models import Plan
from solidarity.records.signals import transitioned
from solidarity.records.workflow import approver_of, workflow_events

from .choices import Kind
from .services import in_ui_language, members_of, notify, who_may_see

DECIDED = {Action.RETURN: Kind.RETURNED, Action.APPROVE: Kind.APPROVED, Action.REJECT: Kind.REJECTED}


def submitter_of(record):
    latest = workflow_events(record).filter(action=Action.SUBMIT).order_by("-at", "-pk").first()
    return latest.by_id if latest else None


@receiver(transitioned)
def on_transition(sender, *, record, action, event, by, **kwargs):
    with in_ui_language():
        _on_transition(record=record, action=action, event=event, by=by)


def _on_transition(*, record, action, event, by):
    url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
    if action == Action.SUBMIT:
        # Submitted to you: the leaders who decide (members of the approver unit itself).
        approver = approver_of(record)
        recipients = members_of([approver], min_role=Role.LEADER) - {by.pk}
        kind = Kind.PLAN_SUBMITTED if isinstance(record, Plan) else Kind.SUBMITTED
        detail = _("Submitted by %(name)s to the leaders of %(unit)s.") % {
            "name": by.display_name,
            "unit": approver,
        }
    elif action in DECIDED:
        # The decision: to whoever submitted it and the officers of the record's unit.
        recipients = members_of([record.owner_unit], roles=[Role.OFFICER])
        submitter = submitter_of(record)
        if submitter:
            recipients.add(submitter)
        recipients -= {by.pk}
        kind = DECIDED[action]
        detail = (
            _("%(name)s: %(comment)s") % {"name": by.display_name, "comment": event.comment}
            if (event.comment)
            else by.display_name
        )
    else:
        return
    notify(
        who_may_see(recipients, record=record),
        kind=kind,
        title=str(record),
        url=url,
        detail=detail,
        target=record,
    )


@receiver(job_finished)
def on_job_finished(sender, *, job, **kwargs):
    """An import or export ended: its owner is told (only they see their jobs)."""
    outcome = _("Done.") if job.state == JobState.DONE else _("Failed.")
    detail = f"{outcome} {job.message}".strip()
    notify([job.owner], kind=Kind.JOB_FINISHED, title=job.title, url=job.get_absolute_url(), detail=detail)
