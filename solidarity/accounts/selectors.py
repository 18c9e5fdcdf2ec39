"""Reads of users and memberships, always through the administrator's scope.

The rule itself is :mod:`solidarity.accounts.permissions`; see the docstring of
:mod:`solidarity.accounts.services` for who may manage whom.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from .models import Membership, User
from .permissions import Role, highest_grantable_role, may_grant, subtree_q, unit_scope_q


def _admin_q(by: User, field: str = "unit") -> Q:
    return unit_scope_q(by, Role.ADMIN, field=field)


def units_administered_by(by: User) -> QuerySet[Unit]:
    """Units where ``by`` may grant roles: in their ADMIN scope and still in force."""
    return Unit.objects.filter(_admin_q(by, "")).in_force().order_by("path")


def memberships_managed_by(by: User) -> QuerySet[Membership]:
    """Memberships on units inside ``by``'s ADMIN scope."""
    return Membership.objects.filter(_admin_q(by))


def users_visible_to(by: User) -> QuerySet[User]:
    """Users holding at least one membership inside ``by``'s ADMIN scope (all users for superusers)."""
    if by.is_active and by.is_superuser:
        return User.objects.all()
    return User.objects.filter(pk__in=memberships_managed_by(by).values("user_id"))


def user_is_visible_to(*, user: User, by: User) -> bool:
    return users_visible_to(by).filter(pk=user.pk).exists()


def user_is_fully_managed_by(*, user: User, by: User) -> bool:
    """``by`` could have granted every role ``user`` holds (and there is at least one).

    So all of them lie in ``by``'s ADMIN scope, and a leader's or an
    administrator's account is managed from a level above theirs.
    """
    if by.is_active and by.is_superuser:
        return True
    if user.is_superuser:
        return False
    memberships = list(Membership.objects.filter(user=user).select_related("unit"))
    return bool(memberships) and all(may_grant(by, m.unit, m.role) for m in memberships)


def user_has_roles_outside_scope_of(*, user: User, by: User) -> bool:
    return Membership.objects.filter(user=user).exclude(_admin_q(by)).exists()


def grantable_roles(*, by: User, unit: Unit | None = None) -> list[tuple[int, str]]:
    """The role choices ``by`` may give on ``unit``, or on any unit they administer when it is not known yet.

    Leader and administrator are offered only to those who administer units
    below their own (the service refuses them on the administrator's own unit).
    """
    if unit is not None:
        highest = highest_grantable_role(by, unit) or 0
    elif by.is_active and by.is_superuser:
        highest = Role.ADMIN
    else:
        own_units = Membership.objects.filter(user=by, role__gte=Role.ADMIN).values("unit_id")
        below = units_administered_by(by).exclude(pk__in=own_units).exists()
        highest = Role.ADMIN if below else Role.OFFICER
    return [(value, label) for value, label in Role.choices if value <= highest]


def user_list_queryset(*, by: User) -> QuerySet[User]:
    """The list page's rows: each user with the memberships ``by`` may see, in two queries."""
    # A correlated count, computed for the page's rows only: a GROUP BY over
    # every membership would make the list's count and its page join them all.
    memberships = (
        Membership.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        users_visible_to(by)
        .annotate(membership_count=Coalesce(Subquery(memberships, output_field=IntegerField()), 0))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=memberships_managed_by(by).select_related("unit").order_by("unit__path"),
                to_attr="scoped_memberships",
            )
        )
    )


def user_memberships(*, user: User, by: User) -> QuerySet[Membership]:
    return memberships_managed_by(by).filter(user=user).select_related("unit").order_by("unit__path")


class UserFilter(django_filters.FilterSet):
    """The one filter of users: the list page, and later an export."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit (and below)"),
        queryset=Unit.objects.none(),
        method="filter_membership",
        widget=RemoteSelect("unit_options", query="scope=admin"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, method="filter_membership", empty_label=_("All")
    )
    active = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("1", _("Active")), ("0", _("Inactive"))],
        method="filter_active",
        empty_label=_("All"),
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("username", "username"),
            ("full_name", "full_name"),
            ("email", "email"),
            ("last_login", "last_login"),
            ("date_joined", "date_joined"),
        ),
    )

    class Meta:
        model = User
        fields: list[str] = []

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.filters["unit"].queryset = Unit.objects.filter(_admin_q(user, ""))

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(username__icontains=value) | Q(full_name__icontains=value) | Q(email__icontains=value)
        )

    def filter_membership(self, queryset, name, value):
        # Unit and role describe one and the same membership (a viewer of
        # Vinh who is an admin elsewhere is not "an admin in Vinh"), and only
        # memberships inside the scope count.
        unit = self.form.cleaned_data.get("unit")
        role = self.form.cleaned_data.get("role")
        if name == "role" and unit is not None:
            return queryset  # applied together with the unit
        memberships = memberships_managed_by(self.user)
        if unit is not None:
            memberships = memberships.filter(subtree_q(unit, "unit"))
        if role:
            memberships = memberships.filter(role=int(role))
        if unit is None and not role:
            return queryset
        return queryset.filter(pk__in=memberships.values("user_id"))

    def filter_active(self, queryset, name, value):
        if value in ("0", "1"):
            return queryset.filter(is_active=value == "1")
        return queryset


def default_unit_for(user, *, min_role: int = Role.OFFICER) -> int | None:
    """The unit a new record (or user) most likely belongs to: the user's own, highest role first."""
    return (
        Membership.objects.filter(user=user, role__gte=min_role, unit__valid_to__isnull=True)
        .order_by("-role", "unit__depth")
        .values_list("unit_id", flat=True)
        .first()
    )
