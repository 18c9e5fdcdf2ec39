from django import template

from solidarity.reports.charts import number
from solidarity.reports.report import INDICATORS, column_label

register = template.Library()


@register.filter
def figure(value, money=False) -> str:
    """A figure with Vietnamese grouping: "1.234", "50.000.000 ₫", "3,5"."""
    return number(value or 0, bool(money))


@register.filter
def cell(values: dict, indicator: str) -> str:
    """A breakdown cell: ``values[indicator]`` formatted as that indicator is (money or count)."""
    return number(values.get(indicator, 0) or 0, INDICATORS[indicator][1])


@register.filter
def indicator_label(name: str) -> str:
    return column_label(name)
