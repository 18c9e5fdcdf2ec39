from django import template

from solidarity.accounts.two_factor import two_factor_is_enabled

register = template.Library()


@register.filter
def has_two_factor(user) -> bool:
    """Has ``user`` confirmed an authenticator app? (For the user detail page.)"""
    return two_factor_is_enabled(user=user)
