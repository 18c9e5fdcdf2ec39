"""Bar charts drawn on the server as SVG: no script, no CDN, printable, and beside a table that
gives the same numbers (a chart is never the only way to read one).

Presentation attributes only (fill, font-size): the Content-Security-Policy forbids style attributes.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

COLOURS = ("#0d6efd", "#adb5bd", "#198754", "#fd7e14")
WIDTH, LABEL, VALUE = 640, 240, 90
BAR, GAP, ROW_GAP = 15, 2, 10


def short_money(amount) -> str:
    """A sum short enough for a chart: "1,3 tỷ ₫", "50 triệu ₫" (the tables give it whole)."""
    amount = int(amount or 0)
    for size, text in ((10**9, _("%(amount)s billion ₫")), (10**6, _("%(amount)s million ₫"))):
        if abs(amount) >= size:
            value = (Decimal(amount) / size).quantize(Decimal("0.1"), ROUND_HALF_UP)
            places = 0 if value == value.to_integral_value() else 1
            return text % {
                "amount": number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
            }
    return number(amount, True)


def number(value, money: bool = False) -> str:
    text = number_format(
        value, decimal_pos=0 if float(value).is_integer() else 1, use_l10n=True, force_grouping=True
    )
    return f"{text} ₫" if money else text


def _short(text: str, size: int = 34) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def bar_chart(
    rows: list[tuple[str, list[int | float]]],
    *,
    title: str,
    series: list[str] | None = None,
    money: bool = False,
    chart_id: str = "chart",
) -> SafeString:
    """Horizontal bars, one group per row, one bar per series (e.g. this year and last year)."""
    count = max((len(values) for _label, values in rows), default=1)
    top = max((v for _label, values in rows for v in values), default=0) or 1
    legend = 22 if series and count > 1 else 0
    group = count * BAR + (count - 1) * GAP
    height = legend + len(rows) * (group + ROW_GAP) + 4
    span = WIDTH - LABEL - VALUE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title" data-chart="{escape(chart_id)}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    if legend:
        x = LABEL
        for index, name in enumerate(series or []):
            parts.append(
                f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[index % len(COLOURS)]}"/>'
            )
            parts.append(f'<text x="{x + 16}" y="14" font-size="12" fill="#212529">{escape(name)}</text>')
            x += 30 + 8 * len(name)
    y = legend
    for label, values in rows:
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + group / 2 + 4:.0f}" font-size="13" text-anchor="end" '
            f'fill="#212529">{escape(_short(label))}<title>{escape(label)}</title></text>'
        )
        for index, value in enumerate(values):
            width = max(span * value / top, 1 if value else 0)
            bar_y = y + index * (BAR + GAP)
            parts.append(
                f'<rect x="{LABEL}" y="{bar_y}" width="{width:.1f}" height="{BAR}" '
                f'fill="{COLOURS[index % len(COLOURS)]}"/>'
            )
            parts.append(
                f'<text x="{LABEL + width + 4:.1f}" y="{bar_y + BAR - 3}" font-size="12" '
                f'fill="#495057">{escape(short_money(value) if money else number(value))}</text>'
            )
        y += group + ROW_GAP
    parts.append("</svg>")
    return mark_safe("".join(parts))
