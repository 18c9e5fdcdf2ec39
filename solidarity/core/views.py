from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from solidarity.accounts.models import Membership

from .selectors import home_counts


@login_required
def home(request):
    memberships = Membership.objects.filter(user=request.user).select_related("unit").order_by("unit__path")
    return render(
        request,
        "core/home.html",
        {"counts": home_counts(user=request.user), "memberships": memberships},
    )


def paginate(request, queryset, per_page: int | None = None):
    """A page of ``queryset`` from ?page=, clamped to the valid range."""
    from django.conf import settings
    from django.core.paginator import Paginator

    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


OPTIONS_LIMIT = 30


def _search_term(request) -> str:
    field = request.GET.get("field", "")
    return request.GET.get(f"{field}__search") or request.GET.get("q", "")


@login_required
def unit_options(request):
    """<option>s of units matching ?q=, within the user's scope.

    ``?scope=edit`` keeps units where the user is officer or higher,
    ``?scope=admin`` those they administer; both leave ended units out.
    """
    from solidarity.accounts.permissions import Role, unit_scope_q
    from solidarity.units.models import Unit

    role = {"edit": Role.OFFICER, "admin": Role.ADMIN}.get(request.GET.get("scope", ""), Role.VIEWER)
    units = Unit.objects.filter(unit_scope_q(request.user, role, field="")).search(_search_term(request))
    if role > Role.VIEWER:
        units = units.in_force()
    found = list(units.order_by("depth", "name").values_list("pk", "name")[: OPTIONS_LIMIT + 1])
    return render(
        request, "core/options.html", {"options": found[:OPTIONS_LIMIT], "more": len(found) > OPTIONS_LIMIT}
    )


@login_required
def partner_options(request):
    """<option>s of active partners matching ?q= (the directory is shared)."""
    from solidarity.partners.models import Partner

    partners = Partner.objects.filter(is_active=True).search(_search_term(request))
    found = list(partners.order_by("name").values_list("pk", "name")[: OPTIONS_LIMIT + 1])
    return render(
        request, "core/options.html", {"options": found[:OPTIONS_LIMIT], "more": len(found) > OPTIONS_LIMIT}
    )
