"""Reports made by hand, for tests that need a Report without the figures behind it."""

from __future__ import annotations

import datetime

from solidarity.reports.periods import annual_report
from solidarity.reports.report import INDICATORS, Breakdown, BreakdownRow, Figure, Report


def sample_report(
    *,
    unit_id: int = 1,
    unit_name: str = "Liên đoàn Lao động tỉnh Nghệ An",
    year: int = 2025,
    scale: int = 1,
    period=None,
):
    period = period or annual_report(year)
    previous = period.previous()
    values = {
        "delegations_out": 6,
        "person_trips_out": 17,
        "delegations_in": 6,
        "guests_in": 28,
        "meetings_hosted": 3,
        "meetings_attended": 2,
        "agreements_signed": 1,
        "agreements_in_force": 4,
        "support_given_vnd": 50_000_000,
    }
    figures = [
        Figure(indicator=name, value=values.get(name, 0) * scale, previous=max(values.get(name, 0) - 1, 0))
        for name in INDICATORS
    ]
    columns = ["delegations_out", "person_trips_out", "delegations_in", "guests_in"]
    breakdowns = [
        Breakdown(
            name="unit",
            title="Đơn vị trực thuộc",
            indicators=columns,
            rows=[
                BreakdownRow(
                    key="unit:2",
                    label="LĐLĐ huyện Kỳ Sơn",
                    values=dict(zip(columns, [2, 5, 1, 8], strict=True)),
                ),
                BreakdownRow(
                    key="unit:3",
                    label="Công đoàn xã Mường Xén",
                    values=dict(zip(columns, [4, 12, 5, 20], strict=True)),
                ),
            ],
            total=dict(zip(columns, [6, 17, 6, 28], strict=True)),
        ),
        Breakdown(
            name="country",
            title="Quốc gia",
            indicators=columns,
            rows=[
                BreakdownRow(
                    key="country:LA", label="Lào", values=dict(zip(columns, [6, 17, 6, 28], strict=True))
                )
            ],
            total=dict(zip(columns, [6, 17, 6, 28], strict=True)),
        ),
    ]
    return Report(
        unit_id=unit_id,
        unit_name=unit_name,
        start=period.start,
        end=period.end,
        previous_start=previous.start,
        previous_end=previous.end,
        period_label=period.label(),
        figures=figures,
        breakdowns=breakdowns,
        made_at=datetime.datetime(2025, 12, 16, 9, 0, tzinfo=datetime.UTC),
    )
