"""Writes to users and memberships. Each function checks, validates and is atomic.

Who may manage whom
-------------------
Administrators manage the users of their unit and of every unit below it
(their ADMIN scope from :mod:`solidarity.accounts.permissions`); superusers
manage everyone.

* An administrator **sees** a user who holds at least one membership inside
  the administrator's scope.
* An administrator may **grant, change and remove roles** only on units inside
  that scope, for users they see, and only the roles
  :func:`~solidarity.accounts.permissions.highest_grantable_role` allows:
  viewer and officer in the administrator's own unit, any role in the units
  below it. A unit's leaders and administrators are appointed, changed and
  removed by an administrator of a level above (a root unit's by superusers),
  so an administrator cannot make the leader who approves their own work.
* An administrator **fully manages** a user (edits the profile, deactivates and
  reactivates, sets a new password) only when they could have granted *every*
  role that user holds: all of them inside the scope, and leader or
  administrator roles only below the administrator's own unit. A user who also
  belongs to a unit elsewhere (say, Nghệ An and Hà Nội) is shared: each side
  may still add and remove roles in its own scope, but the account itself is
  left to someone whose scope covers all of it; a leader's or an
  administrator's account is left to the level above.
* Superusers are fully managed by superusers only.
* Nobody changes their own roles, deactivates themselves or resets their own
  password here (they use "Change password", which asks for the old one), so an
  administrator cannot lock themselves out by accident.
* A user's last membership is not removed: deactivate the user instead, so the
  account stays visible to the administrators responsible for it.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership, User
from .permissions import Role, forget_scope, has_role_on, highest_grantable_role, scope_paths
from .selectors import user_has_roles_outside_scope_of, user_is_fully_managed_by, user_is_visible_to

PROFILE_FIELDS = ("username", "full_name", "email", "title", "phone")


def _require_admin_on(by: User, unit) -> None:
    if not has_role_on(by, unit, Role.ADMIN):
        raise PermissionDenied(_("You cannot manage users of %(unit)s.") % {"unit": unit})


def _require_visible(by: User, user: User) -> None:
    if not user_is_visible_to(user=user, by=by):
        raise PermissionDenied(_("You cannot manage this user."))


def _require_full_management(by: User, user: User) -> None:
    if user_is_fully_managed_by(user=user, by=by):
        return
    if user_has_roles_outside_scope_of(user=user, by=by):
        raise PermissionDenied(
            _(
                "This user also belongs to units outside your responsibility; "
                "ask an administrator of the level above."
            )
        )
    raise PermissionDenied(
        _(
            "This user is a leader or administrator of your own unit; "
            "their account is managed by an administrator of the level above."
        )
    )


def _senior_roles_refused(unit) -> str:
    if unit.depth == 1:
        return _("Leaders and administrators of %(unit)s are appointed by a superuser.") % {"unit": unit}
    return _(
        "Leaders and administrators of %(unit)s are appointed by an administrator of the level above."
    ) % {"unit": unit}


def _require_may_hold(by: User, unit, role: int) -> None:
    """A role already held on ``unit`` may only be changed or removed by someone who could grant it."""
    highest = highest_grantable_role(by, unit)
    if highest is None or role > highest:
        raise PermissionDenied(_senior_roles_refused(unit))


def _check_grantable(by: User, unit, role: int) -> None:
    highest = highest_grantable_role(by, unit)
    if highest is None:
        raise PermissionDenied(_("You cannot manage users of %(unit)s.") % {"unit": unit})
    if role > highest:
        raise ValidationError({"role": _senior_roles_refused(unit)})


def _require_not_self(by: User, user: User, message: str) -> None:
    if by.pk == user.pk:
        raise PermissionDenied(message)


def _check_role(role: int) -> int:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    return int(role)


def _check_unit_in_force(unit) -> None:
    if not unit.is_in_force():
        raise ValidationError({"unit": _("%(unit)s is no longer in force.") % {"unit": unit}})


def _check_unique(user: User) -> None:
    """Usernames and e-mail addresses are unique regardless of case."""
    errors: dict[str, str] = {}
    others = User.objects.exclude(pk=user.pk) if user.pk else User.objects.all()
    if others.filter(username__iexact=user.username).exists():
        errors["username"] = _("This username is already taken.")
    if user.email and others.filter(email__iexact=user.email).exists():
        errors["email"] = _("Another user already has this e-mail address.")
    if errors:
        raise ValidationError(errors)


def _check_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error


def _clean_profile(user: User) -> None:
    user.username = (user.username or "").strip()
    user.email = User.objects.normalize_email((user.email or "").strip())
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as error:
        raise ValidationError({k: v for k, v in error.message_dict.items() if k in PROFILE_FIELDS}) from error
    _check_unique(user)


@transaction.atomic
def user_create(
    *,
    by: User,
    username: str,
    full_name: str,
    email: str,
    password: str,
    unit,
    role: int,
    title: str = "",
    phone: str = "",
    personal_data: bool = False,
) -> User:
    """Create an active user with a first role in ``unit`` (which must be in ``by``'s scope).

    ``personal_data``: the first membership also carries the personal-data grant.
    """
    _require_admin_on(by, unit)
    role = _check_role(role)
    _check_grantable(by, unit, role)
    _check_unit_in_force(unit)
    user = User(username=username, full_name=full_name, email=email, title=title, phone=phone)
    _clean_profile(user)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    membership = Membership(user=user, unit=unit, role=role, personal_data=bool(personal_data))
    membership._history_user = by
    membership.save()
    return user


@transaction.atomic
def user_update(
    *,
    by: User,
    user: User,
    username: str,
    full_name: str,
    email: str,
    title: str = "",
    phone: str = "",
) -> User:
    """Change a user's profile (one's own, or that of a user one fully manages)."""
    if by.pk != user.pk:
        _require_full_management(by, user)
    user.username, user.full_name, user.email, user.title, user.phone = (
        username,
        full_name,
        email,
        title,
        phone,
    )
    _clean_profile(user)
    user.save(update_fields=list(PROFILE_FIELDS))
    return user


@transaction.atomic
def membership_set(*, by: User, user: User, unit, role: int, personal_data: bool | None = None) -> Membership:
    """Give ``user`` ``role`` in ``unit``, or change the role they already hold there.

    ``personal_data`` (None: leave it as it is) gives or takes away the
    personal-data grant on the membership. Only an administrator of the unit
    or above reaches this far, which is who may grant it (law 91/2025/QH15);
    the membership's history records who did, and when.
    """
    _require_admin_on(by, unit)
    _require_visible(by, user)
    _require_not_self(by, user, _("You cannot change your own roles; ask another administrator."))
    role = _check_role(role)
    membership = Membership.objects.select_for_update().filter(user=user, unit=unit).first()
    if membership is not None:
        _require_may_hold(by, unit, membership.role)
    _check_grantable(by, unit, role)
    if membership is None:
        _check_unit_in_force(unit)  # no new roles in an ended unit; existing ones may still change
        membership = Membership(user=user, unit=unit, role=role, personal_data=bool(personal_data))
        membership._history_user = by
        membership.save()
    else:
        changed = []
        if membership.role != role:
            membership.role = role
            changed.append("role")
        if personal_data is not None and membership.personal_data != bool(personal_data):
            membership.personal_data = bool(personal_data)
            changed.append("personal_data")
        if changed:
            membership._history_user = by
            membership.save(update_fields=changed)
    forget_scope(user)
    return membership


@transaction.atomic
def membership_remove(*, by: User, membership: Membership) -> None:
    """Take a role away; the user's last membership stays (deactivate the user instead)."""
    _require_admin_on(by, membership.unit)
    _require_not_self(by, membership.user, _("You cannot change your own roles; ask another administrator."))
    _require_may_hold(by, membership.unit, membership.role)
    if not Membership.objects.filter(user_id=membership.user_id).exclude(pk=membership.pk).exists():
        raise ValidationError(
            _("This is the user's only role. Deactivate the user instead of removing it."),
            code="last_membership",
        )
    membership.delete()
    forget_scope(membership.user)


@transaction.atomic
def user_set_active(*, by: User, user: User, active: bool) -> User:
    """Deactivate (every session ends, no more sign-ins; records stay) or reactivate a user."""
    _require_not_self(by, user, _("You cannot deactivate your own account."))
    _require_full_management(by, user)
    if user.is_active != active:
        user.is_active = active
        if not active:
            user.end_sessions()  # at once, and for good: reactivation does not revive them
        user.save(update_fields=["is_active", "sessions_ended_at"])
    return user


@transaction.atomic
def user_set_password(*, by: User, user: User, password: str) -> User:
    """Set a new password for someone who forgot theirs (validated like any password)."""
    _require_not_self(by, user, _("Use “Change password” to change your own password."))
    _require_full_management(by, user)
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def is_user_admin(user: User) -> bool:
    """Does ``user`` administer any unit at all (or is a superuser)?"""
    paths = scope_paths(user, Role.ADMIN)
    return paths is None or bool(paths)
