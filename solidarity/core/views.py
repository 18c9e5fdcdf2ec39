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
