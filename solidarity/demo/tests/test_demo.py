"""The demo loader on fresh loads: a second run changes nothing, the password comes from the environment.

The facts a loaded demo holds are read in test_demo_facts.py, on one load for the module.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from solidarity.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_password(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, history tables included, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


# The cooperation records, their history tables and their workflow events.
RECORD_TABLES = [
    "agreements.Agreement",
    "agreements.HistoricalAgreement",
    "agreements.Phase",
    "agreements.HistoricalPhase",
    "agreements.SigningStep",
    "agreements.HistoricalSigningStep",
    "agreements.Commitment",
    "agreements.HistoricalCommitment",
    "delegations.Delegation",
    "delegations.HistoricalDelegation",
    "delegations.Member",
    "delegations.HistoricalMember",
    "delegations.ProgrammeItem",
    "delegations.Cost",
    "delegations.HistoricalCost",
    "meetings.Meeting",
    "meetings.HistoricalMeeting",
    "support.Support",
    "support.HistoricalSupport",
    "support.SupportItem",
    "funds.Fund",
    "funds.HistoricalFund",
    "funds.FundEntry",
    "funds.FundClosing",
    "sponsorship.Project",
    "sponsorship.HistoricalProject",
    "sponsorship.Disbursement",
    "sponsorship.DonorReport",
    "core.WorkflowEvent",
]


def test_a_second_run_changes_nothing():
    load()
    before = snapshot()
    assert all(before[label] for label in RECORD_TABLES), [
        label for label in RECORD_TABLES if not before[label]
    ]

    output = load()

    after = snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert after == before
    assert "nothing to change" in output


def test_demo_password_comes_from_the_environment_when_set(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-secret-9")

    load()

    assert User.objects.get(username="nghean.canbo").check_password("another-secret-9")
