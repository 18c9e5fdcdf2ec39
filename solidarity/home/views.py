from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from solidarity.accounts.models import Membership

from .selectors import home_attention, home_counts


@login_required
def home(request):
    memberships = Membership.objects.filter(user=request.user).select_related("unit").order_by("unit__path")
    return render(
        request,
        "home/home.html",
        {
            "counts": home_counts(user=request.user),
            "attention": home_attention(user=request.user),
            "memberships": memberships,
        },
    )
