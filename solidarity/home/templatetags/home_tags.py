from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def at_least(count, cap) -> str:
    """A count that stopped at ``cap``: "1.000+"; below it, the count itself."""
    text = number_format(int(count), decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"{text}+" if int(count) >= int(cap) else text


@register.filter
def vnd_short(amount) -> str:
    """A large sum in đồng, short enough for a card: "106,5 tỷ ₫", "50 triệu ₫"."""
    amount = int(amount or 0)
    for size, text in ((10**9, _("%(amount)s billion ₫")), (10**6, _("%(amount)s million ₫"))):
        if abs(amount) >= size:
            value = (Decimal(amount) / size).quantize(Decimal("0.1"), ROUND_HALF_UP)
            places = 0 if value == value.to_integral_value() else 1
            return text % {
                "amount": number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
            }
    return f"{number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)} ₫"
