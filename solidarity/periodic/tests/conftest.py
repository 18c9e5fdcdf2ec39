import sys
import types

import pytest

from solidarity.reports.tests.samples import sample_report


class FakeFigures:
    """Stands in for reports.selectors.build_report: what the records add up to "now" is ``scale``."""

    def __init__(self):
        self.scale = 1
        self.calls = 0

    def build_report(self, *, user, unit, period):
        self.calls += 1
        return sample_report(unit_id=unit.pk, unit_name=unit.name, period=period, scale=self.scale)


@pytest.fixture(autouse=True)
def figures(monkeypatch):
    fake = FakeFigures()
    module = types.ModuleType("solidarity.reports.selectors")
    module.build_report = fake.build_report
    monkeypatch.setitem(sys.modules, "solidarity.reports.selectors", module)
    return fake
