"""Reporting periods: calendar years, the union's periods from the settings, quarters, the previous period."""

import datetime

from solidarity.reports import periods
from solidarity.reports.forms import picker_initial

D = datetime.date


def test_the_union_periods_run_from_15_december_of_the_year_before():
    assert periods.half_year_report(2025) == periods.Period(
        D(2024, 12, 15), D(2025, 6, 14), "half_year_report"
    )
    assert periods.annual_report(2025) == periods.Period(D(2024, 12, 15), D(2025, 12, 14), "annual_report")


def test_the_union_periods_follow_the_cut_off_settings(settings):
    settings.REPORT_PERIOD_START = "01/01"
    settings.REPORT_HALF_YEAR_END = "30/06"
    settings.REPORT_YEAR_END = "31/12"
    assert periods.half_year_report(2025).start == D(2025, 1, 1)
    assert periods.half_year_report(2025).end == D(2025, 6, 30)
    assert periods.annual_report(2025).end == D(2025, 12, 31)


def test_each_period_is_compared_with_the_one_of_the_same_length_before_it():
    assert periods.year(2025).previous() == periods.year(2024)
    assert periods.years(2018, 2023).previous() == periods.Period(D(2012, 1, 1), D(2017, 12, 31), "range")
    assert periods.quarter(2025, 1).previous() == periods.Period(D(2024, 10, 1), D(2024, 12, 31), "quarter")
    assert periods.half_year_report(2025).previous() == periods.half_year_report(2024)
    assert periods.annual_report(2025).previous() == periods.annual_report(2024)
    ten_days = periods.Period(D(2025, 3, 11), D(2025, 3, 20))
    assert ten_days.previous() == periods.Period(D(2025, 3, 1), D(2025, 3, 10))


def test_a_quarter_ends_on_its_last_day():
    assert periods.quarter(2024, 1).end == D(2024, 3, 31)
    assert periods.quarter(2024, 4) == periods.Period(D(2024, 10, 1), D(2024, 12, 31), "quarter")


def test_dates_that_make_a_known_period_are_recognised():
    assert periods.period_kind(D(2024, 12, 15), D(2025, 6, 14)).kind == "half_year_report"
    assert periods.period_kind(D(2025, 4, 1), D(2025, 6, 30)).kind == "quarter"
    assert periods.period_kind(D(2025, 1, 1), D(2025, 12, 31)).kind == "year"
    assert periods.period_kind(D(2018, 1, 1), D(2023, 12, 31)).kind == "range"


def test_the_picker_shows_a_resolved_period():
    initial = picker_initial(periods.annual_report(2025), 3)
    assert (initial["kind"], initial["year"], initial["unit"]) == ("annual_report", 2025, 3)
    assert picker_initial(periods.years(2018, 2023), 3)["kind"] == "range"
