from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from solidarity.accounts.models import Membership
from solidarity.periodic.selectors import home_reporting

from .selectors import ATTENTION_CAP, home_attention, key_figures


@login_required
def home(request):
    memberships = Membership.objects.filter(user=request.user).select_related("unit").order_by("unit__path")
    today = timezone.localdate()
    return render(
        request,
        "home/home.html",
        {
            "figures": key_figures(user=request.user, today=today),
            "today": today,
            "last_year": today.year - 1,
            "attention": home_attention(user=request.user),
            "cap": ATTENTION_CAP,
            "memberships": memberships,
            "reporting": home_reporting(user=request.user, today=today, memberships=memberships),
        },
    )
