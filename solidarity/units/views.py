from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Unit


@login_required
def unit_tree(request):  # placeholder: the tree page lands with the units UI
    return HttpResponse("")


@login_required
def unit_detail(request, pk: int):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    return HttpResponse(unit.name)
