"""The items of the plans in force, filtered: the list behind the reports' plan figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from solidarity.core.views import paginate

from . import selectors
from .filters import PlanItemFilter


@login_required
def item_list(request):
    filterset = PlanItemFilter(
        request.GET, queryset=selectors.item_list(user=request.user), request=request, user=request.user
    )
    rows = filterset.qs.order_by("-plan__year", "plan__owner_unit__path", "quarter", "pk")
    context = {"filter": filterset, "page_obj": paginate(request, rows), "section": "plans"}
    template = "plans/_item_results.html" if request.htmx else "plans/item_list.html"
    return render(request, template, context)
