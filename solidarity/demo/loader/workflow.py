"""The ``workflow:`` list of a delegation or meeting: what happened to the proposal, step by step."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from solidarity.accounts.models import User
from solidarity.records.workflow import Action

from .context import Demo
from .files import Entry


@dataclass(frozen=True)
class Step:
    entry: Entry
    action: str
    by: User
    at: datetime.datetime
    comment: str


def workflow_steps(demo: Demo, entry: Entry, *, entered: datetime.datetime) -> list[Step]:
    """The steps, checked: known actions, known users, each later than the one before."""
    steps: list[Step] = []
    previous = entered
    for item in entry.part("workflow", label="action"):
        item.only("action", "by", "at", "comment")
        action = item.choice("action", Action)
        moment = demo.moment(item, "at", not_before=previous)
        steps.append(Step(item, action, demo.user(item, "by"), moment, item.text("comment")))
        previous = moment
    return steps
