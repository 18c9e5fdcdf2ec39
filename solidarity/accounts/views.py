"""User management for administrators: users of their unit and every unit below it.

Non-administrators get 403; a user outside the administrator's scope does not
exist for them (404). The services re-check everything the views check.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.core.exports import list_export
from solidarity.core.views import paginate

from . import selectors, services
from .forms import MembershipAddForm, MembershipRoleForm, SetPasswordForm, UserCreateForm, UserEditForm
from .models import Membership, User
from .permissions import may_grant


def _require_admin(request) -> None:
    if not services.is_user_admin(request.user):
        raise PermissionDenied


def _get_user(request, pk: int) -> User:
    _require_admin(request)
    return get_object_or_404(selectors.users_visible_to(request.user), pk=pk)


def _require_full_management(request, user: User) -> None:
    # One's own account is the services' business: they say why not, or allow it.
    if user.pk != request.user.pk and not selectors.user_is_fully_managed_by(user=user, by=request.user):
        raise PermissionDenied


def _detail_url(user: User) -> str:
    return reverse("accounts:user_detail", args=[user.pk])


@login_required
def user_list(request):
    _require_admin(request)
    data = request.GET.copy()
    data.setdefault("active", "1")
    filterset = selectors.UserFilter(
        data, queryset=selectors.user_list_queryset(by=request.user), request=request, user=request.user
    )
    users = filterset.qs if data.get("ordering") else filterset.qs.order_by("full_name", "username")
    exported = list_export(request, sheet="users", queryset=users)
    if exported is not None:
        return exported
    page_obj = paginate(request, users)
    template = "accounts/_list_results.html" if request.htmx else "accounts/user_list.html"
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page_obj": page_obj,
            "can_create": selectors.units_administered_by(request.user).exists(),
        },
    )


@login_required
def user_detail(request, pk: int):
    user = _get_user(request, pk)
    memberships = list(selectors.user_memberships(user=user, by=request.user))
    for membership in memberships:
        # A leader or administrator of the viewer's own unit is changed from the level above.
        membership.can_change = may_grant(request.user, membership.unit, membership.role)
    elsewhere = Membership.objects.filter(user=user).count() - len(memberships)
    fully_managed = selectors.user_is_fully_managed_by(user=user, by=request.user)
    is_self = user.pk == request.user.pk
    add_form = MembershipAddForm(by=request.user, user=user)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": user,
            "memberships": memberships,
            "elsewhere": elsewhere,
            "can_manage": fully_managed and not is_self,
            "can_edit": fully_managed or is_self,
            "can_change_roles": not is_self,
            "is_self": is_self,
            "add_form": add_form if not is_self and add_form.fields["unit"].queryset.exists() else None,
        },
    )


@login_required
def user_create(request):
    _require_admin(request)
    form = UserCreateForm(request.POST or None, by=request.user)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("password_confirm")
        try:
            user = services.user_create(by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("User %(name)s was created.") % {"name": user.display_name})
            return redirect(_detail_url(user))
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@login_required
def user_edit(request, pk: int):
    user = _get_user(request, pk)
    _require_full_management(request, user)
    form = UserEditForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(by=request.user, user=User.objects.get(pk=pk), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(_detail_url(user))
    return render(request, "accounts/user_form.html", {"form": form, "subject": user})


@login_required
@require_POST
def user_set_active(request, pk: int):
    user = _get_user(request, pk)
    _require_full_management(request, user)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(by=request.user, user=user, active=active)
    except PermissionDenied as error:  # e.g. deactivating oneself: say why
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s can sign in again.") % {"name": user.display_name}
            if active
            else _("%(name)s can no longer sign in.") % {"name": user.display_name},
        )
    return redirect(_detail_url(user))


@login_required
def user_set_password(request, pk: int):
    user = _get_user(request, pk)
    if user.pk == request.user.pk:
        return redirect("password_change")
    _require_full_management(request, user)
    form = SetPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(by=request.user, user=user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The new password for %(name)s is set. Give it to them in person.")
                % {"name": user.display_name},
            )
            return redirect(_detail_url(user))
    return render(request, "accounts/password_form.html", {"form": form, "subject": user})


@login_required
def membership_add(request, pk: int):
    user = _get_user(request, pk)
    if user.pk == request.user.pk:
        raise PermissionDenied
    form = MembershipAddForm(request.POST or None, by=request.user, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_set(by=request.user, user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s of %(unit)s.")
                % {
                    "name": user.display_name,
                    "role": membership.get_role_display().lower(),
                    "unit": membership.unit.name,
                },
            )
            return redirect(_detail_url(user))
    return render(request, "accounts/membership_form.html", {"form": form, "subject": user})


def _get_membership(request, pk: int) -> Membership:
    _require_admin(request)
    membership = get_object_or_404(
        selectors.memberships_managed_by(request.user).select_related("user", "unit"), pk=pk
    )
    if membership.user_id == request.user.pk or not may_grant(request.user, membership.unit, membership.role):
        raise PermissionDenied
    return membership


@login_required
def membership_edit(request, pk: int):
    membership = _get_membership(request, pk)
    form = MembershipRoleForm(
        request.POST or None,
        initial={"role": membership.role, "personal_data": membership.personal_data},
        by=request.user,
        unit=membership.unit,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set(
                by=request.user,
                user=membership.user,
                unit=membership.unit,
                role=form.cleaned_data["role"],
                personal_data=form.cleaned_data["personal_data"],
            )
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        else:
            messages.success(request, _("Role changed."))
            return redirect(_detail_url(membership.user))
    return render(
        request,
        "accounts/membership_form.html",
        {"form": form, "subject": membership.user, "membership": membership},
    )


@login_required
def membership_remove(request, pk: int):
    membership = _get_membership(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(by=request.user, membership=membership)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request,
                _("%(name)s no longer has a role in %(unit)s.")
                % {"name": membership.user.display_name, "unit": membership.unit.name},
            )
            return redirect(_detail_url(membership.user))
    is_last = not Membership.objects.filter(user_id=membership.user_id).exclude(pk=membership.pk).exists()
    return render(
        request,
        "accounts/membership_confirm_remove.html",
        {"membership": membership, "subject": membership.user, "error": error, "is_last": is_last},
    )
