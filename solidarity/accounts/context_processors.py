from solidarity.accounts.permissions import Role, holds_personal_grant, scope_paths


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    admin_scope = scope_paths(user, Role.ADMIN)
    leader_scope = scope_paths(user, Role.LEADER)
    officer_scope = scope_paths(user, Role.OFFICER)
    return {
        "nav_is_admin": admin_scope is None or bool(admin_scope),
        "nav_is_leader": leader_scope is None or bool(leader_scope),
        "nav_is_officer": officer_scope is None or bool(officer_scope),
        # Data subject requests are answered by administrators and personal-data grant holders.
        "nav_holds_personal": holds_personal_grant(user),
    }
